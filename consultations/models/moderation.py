"""What moderators decide with: reasons sent to authors, the blocklist, and the record of each decision."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import ModelLogEntry, TranslatableMixin

from consultations.models.comments import ConsultationComment


class ReasonCategory(TranslatableMixin, models.Model):
    """Why a comment was removed or sent back: a short title for moderators, an explanation for the author."""

    title = models.CharField(verbose_name=_("title"), max_length=120)
    explanation = models.TextField(
        verbose_name=_("explanation sent to the author"),
        help_text=_(
            "Written for young people: what the rule is, and why it matters. It is sent when a comment is "
            "removed and when it is returned for revision, so do not say here what was done with it."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(verbose_name=_("order"), default=0)

    panels = [FieldPanel("title"), FieldPanel("explanation"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("moderation reason")
        verbose_name_plural = _("moderation reasons")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def in_language(self, language_code):
        """This reason's translation into the language, or itself."""
        return (
            ReasonCategory.objects.filter(
                translation_key=self.translation_key, locale__language_code=language_code
            ).first()
            or self
        )


class BlockedWord(models.Model):
    """A word or phrase that holds a comment for moderation: whole words, any case, accents ignored."""

    word = models.CharField(
        verbose_name=_("word or phrase"),
        max_length=100,
        unique=True,
        help_text=_(
            "Matched as a whole word, whatever the case and accents: “connard” also catches “CONNARD”."
        ),
    )
    note = models.CharField(
        verbose_name=_("note for organisers"),
        max_length=255,
        blank=True,
        help_text=_("Why it is on the list; never shown to participants."),
    )

    panels = [FieldPanel("word"), FieldPanel("note")]

    class Meta:
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")
        ordering = ["word"]

    def __str__(self):
        return self.word


class ModerationDecision(models.Model):
    """One decision on one comment: who, when, what, why. Never edited, never deleted with the decision."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REMOVE = "remove", _("Removed")
        RETURN = "return", _("Returned for revision")
        RESTORE = "restore", _("Restored")
        HOLD = "hold", _("Held for moderation")
        RESUBMIT = "resubmit", _("Resubmitted by its author")
        WITHDRAW = "withdraw", _("Withdrawn by its author")
        EDIT_OUT = "edit_out", _("Edited out and published")

    comment = models.ForeignKey(ConsultationComment, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(verbose_name=_("action"), max_length=12, choices=Action.choices)
    from_state = models.CharField(max_length=12, choices=ConsultationComment.State.choices)
    to_state = models.CharField(max_length=12, choices=ConsultationComment.State.choices)
    reason = models.ForeignKey(
        ReasonCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reason"),
    )
    message = models.TextField(verbose_name=_("message to the author"), blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderator"),
    )
    created_at = models.DateTimeField(verbose_name=_("decided at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation decision")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} #{self.comment_id}"


# The Wagtail log action of an "edit out and publish": its entry's data keeps the text before and after.
EDIT_OUT_LOG_ACTION = f"tribune.comment.{ModerationDecision.Action.EDIT_OUT}"


def edit_log_entries(comment_ids=None):
    """The log entries of "edit out" decisions (of these comments, if given)."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ConsultationComment), action=EDIT_OUT_LOG_ACTION
    )
    if comment_ids is not None:
        entries = entries.filter(object_id__in=[str(pk) for pk in comment_ids])
    return entries


def forget_edited_text(entries, after_too=False):
    """Erase the text before each edit (the personal data a moderator took out) from these log entries, and
    the text after it too (a withdrawal erases the comment's text); returns how many entries changed."""
    count = 0
    done = {"data__before_erased": True, "data__after": ""} if after_too else {"data__before_erased": True}
    for entry in entries.exclude(**done).only("pk", "data"):
        data = dict(entry.data or {})
        data.update(before="", before_erased=True)
        if after_too:
            data["after"] = ""
        ModelLogEntry.objects.filter(pk=entry.pk).update(data=data)
        count += 1
    return count
