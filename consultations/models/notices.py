"""What Tribune already told whom: moderator emails sent once, and the addresses authors confirmed; who asked to
be told the results."""

import calendar

from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models.comments import ConsultationComment


class ModeratorNotice(models.Model):
    """A moderator email already sent about a comment, so that none is ever sent twice."""

    class Kind(models.TextChoices):
        NEW = "new", _("New comment to moderate")
        OVERDUE = "overdue", _("Waiting longer than promised")
        BURST = "burst", _("Many new comments waiting")
        URGENT = "urgent", _("Urgent comment")
        URGENT_BURST = "urgburst", _("Many urgent comments waiting")

    comment = models.ForeignKey(
        ConsultationComment, on_delete=models.CASCADE, related_name="moderator_notices"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    threshold_hours = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "kind", "threshold_hours"], name="one_notice_per_threshold"
            )
        ]

    def __str__(self):
        return f"{self.kind} notice for comment {self.comment_id}"


class AuthorAddress(models.Model):
    """An author's address, known only by its keyed hash: whether its owner confirmed it, and the row that
    serialises the count of emails sent to it while unconfirmed."""

    key = models.CharField(max_length=64, unique=True)
    confirmed_at = models.DateTimeField(verbose_name=_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("author address")

    def __str__(self):
        return f"Address {self.key[:8]}…"


class UnconfirmedAddressEmail(models.Model):
    """One email queued for an unconfirmed address, and when it may be sent: at most
    TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY of them are scheduled in any 24 hours, the others later."""

    address = models.ForeignKey(AuthorAddress, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    scheduled_for = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("email to an unconfirmed address")

    def __str__(self):
        return f"{self.kind} to {self.address}, sent from {self.scheduled_for:%Y-%m-%d %H:%M}"


class ResultsSubscriptionQuerySet(models.QuerySet):
    def of_author(self, comment):
        """The subscription of ``comment``'s author to its consultation: the one made with this comment, and the
        one of its mailbox (``author_key``) on the consultation's source page, which holds the comment."""
        of_comment = models.Q(comment_id=comment.pk)
        if comment.author_key and str(comment.object_pk).isdigit():
            of_comment |= models.Q(page_id=int(comment.object_pk), address_key=comment.author_key)
        return self.filter(of_comment)


class ResultsSubscription(models.Model):
    """A participant's wish to be told what happens with the ideas of a consultation: their address, kept for
    that purpose only, until one email in their language tells them the results are out, or until the organisers'
    limit (``ConsultationPage.results_notice_months`` after closing); then the row is deleted."""

    page = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="results_subscriptions",
        help_text="The consultation's source page.",
    )
    address = models.EmailField(max_length=254)
    address_key = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=16)
    comment = models.ForeignKey(
        ConsultationComment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ResultsSubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("results subscription")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "address_key"], name="one_results_subscription_per_mailbox"
            )
        ]

    def __str__(self):
        return f"Results of page {self.page_id} for {self.address_key[:8]}…"


def add_months(moment, months):
    """``moment`` plus ``months`` calendar months, in the site's time zone (31 January + 1 month = 28 or 29
    February, at the same local hour)."""
    local = timezone.localtime(moment)
    month_index = local.month - 1 + months
    year, month = local.year + month_index // 12, month_index % 12 + 1
    return local.replace(year=year, month=month, day=min(local.day, calendar.monthrange(year, month)[1]))


def results_notice_limit(page):
    """When the subscriptions to a consultation's results are erased unsent: ``results_notice_months`` after it
    closes (a followed setting: the source page's value is every translation's)."""
    return add_months(page.closes_at, page.results_notice_months)


@receiver(pre_delete, sender="consultations.ConsultationPage")
def hand_results_subscriptions_over(sender, instance, **kwargs):
    """A deleted source page hands its subscriptions to the next (oldest) translation, which becomes the source
    page (``hand_conversation_over`` does the same with the comments): deleting the first language of a
    consultation must not drop the wishes of those waiting for its results. Run before the deletion cascades."""
    heir = (
        sender.objects.filter(translation_key=instance.translation_key)
        .exclude(pk=instance.pk)
        .order_by("pk")
        .first()
    )
    if heir is None:
        return  # the whole consultation goes: so do the addresses kept for it
    taken = ResultsSubscription.objects.filter(page=heir).values("address_key")
    ResultsSubscription.objects.filter(page_id=instance.pk).exclude(address_key__in=taken).update(page=heir)
