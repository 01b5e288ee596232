import unicodedata

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment, XtdCommentManager
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from consultations.blocks import ConsultationBodyBlock
from consultations.ids import parse_id  # importing it registers the <id:…> route converter
from guidelines.availability_text import reply_expectation
from guidelines.models import CommunityManagerSettings, GuidelinePage


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPCOMING = "upcoming", _("Upcoming")
    CLOSED = "closed", _("Closed")


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Pre-moderation: comments are public once a moderator approves them")
    POST = "post", _("Post-moderation: comments are public at once and can be removed later")


class ConsultationIndexPage(Page):
    """Lists the site's consultations: open first, then upcoming, then closed."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
    )

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    per_page = 12

    class Meta:
        verbose_name = _("consultation index page")

    def consultations(self, status=None, now=None):
        """Live public consultations under this index, open first, then upcoming, then closed."""
        now = now or timezone.now()
        queryset = (
            ConsultationPage.objects.child_of(self)
            .live()
            .public()
            .annotate(status_rank=ConsultationPage.status_rank_expression(now))
        )
        if status in ConsultationStatus.values:
            queryset = queryset.filter(status_rank=ConsultationPage.STATUS_RANK[status])
        return queryset.order_by("status_rank", "closes_at", "-opens_at", "pk").select_related("lead_image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        status = request.GET.get("status", "")
        if status not in ConsultationStatus.values:
            status = ""
        paginator = Paginator(self.consultations(status=status or None), self.per_page)
        context.update(
            consultation_page=paginator.get_page(request.GET.get("page")),
            status_filter=status,
            status_choices=ConsultationStatus.choices,
        )
        return context


class ConsultationPage(RoutablePageMixin, Page):
    """A question asked to young people, answered in a moderated, threaded discussion."""

    summary = models.TextField(
        verbose_name=_("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    question = models.CharField(
        verbose_name=_("question"),
        max_length=255,
        help_text=_("The question young people answer, e.g. “What would make our park better?”"),
    )
    body = StreamField(ConsultationBodyBlock(), blank=True, verbose_name=_("body"))
    opens_at = models.DateTimeField(verbose_name=_("opens at"))
    closes_at = models.DateTimeField(verbose_name=_("closes at"))
    guideline_page = models.ForeignKey(
        "guidelines.GuidelinePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rules that apply"),
        help_text=_("Leave empty to use the site's code of conduct."),
    )
    moderation_mode = models.CharField(
        verbose_name=_("moderation"),
        max_length=8,
        choices=ModerationMode.choices,
        default=ModerationMode.PRE,
    )
    comments_enabled = models.BooleanField(
        verbose_name=_("comments enabled"),
        default=True,
        help_text=_("Untick to hide the comment form and the thread."),
    )

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("question"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    participation_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("Dates"),
            help_text=_("The consultation is open between these two moments; its status follows from them."),
        ),
        MultiFieldPanel(
            [FieldPanel("moderation_mode"), FieldPanel("comments_enabled"), FieldPanel("guideline_page")],
            heading=_("Comments"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(participation_panels, heading=_("Participation")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    STATUS_RANK = {ConsultationStatus.OPEN: 0, ConsultationStatus.UPCOMING: 1, ConsultationStatus.CLOSED: 2}

    class Meta:
        verbose_name = _("consultation")

    @classmethod
    def status_rank_expression(cls, now):
        return Case(
            When(opens_at__gt=now, then=Value(cls.STATUS_RANK[ConsultationStatus.UPCOMING])),
            When(closes_at__lte=now, then=Value(cls.STATUS_RANK[ConsultationStatus.CLOSED])),
            default=Value(cls.STATUS_RANK[ConsultationStatus.OPEN]),
            output_field=IntegerField(),
        )

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The consultation must close after it opens.")})

    def status_at(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now >= self.closes_at:
            return ConsultationStatus.CLOSED
        return ConsultationStatus.OPEN

    @property
    def status(self):
        return self.status_at()

    @property
    def accepts_comments(self):
        return self.comments_enabled and self.status == ConsultationStatus.OPEN

    @cached_property
    def max_reply_level(self):
        return settings.COMMENTS_XTD_MAX_THREAD_LEVEL

    def rules_page(self):
        """The rules that apply here, in this page's language: the chosen page, else the site's code of conduct."""
        if self.guideline_page is not None:
            page = self.guideline_page.get_translation_or_none(self.locale) or self.guideline_page
            return page if page.live else None
        return GuidelinePage.code_of_conduct_for(self.get_site(), self.locale)

    def community_manager(self):
        return CommunityManagerSettings.for_site_without_saving(self.get_site())

    def pending_comment_message(self, request):
        return "{} {}".format(
            _("Thank you! Your comment will be visible once a moderator has read it."),
            reply_expectation(self.community_manager(), timezone.now()),
        )

    def get_context(self, request, *args, **kwargs):
        from consultations.forms import CommentForm
        from consultations.thread import build_thread

        context = super().get_context(request, *args, **kwargs)
        if self.comments_enabled:
            context["thread"] = build_thread(
                self,
                self.max_reply_level,
                accepts_comments=self.accepts_comments,
                highlighted_id=parse_id(request.GET.get("posted", "")),
            )
            if self.accepts_comments and "comment_form" not in context:
                reply_to = parse_id(request.GET.get("reply_to", ""))
                context["comment_form"] = CommentForm(
                    self,
                    user=request.user,
                    initial={"reply_to": reply_to} if reply_to else None,
                )
        context["rules_page"] = self.rules_page()
        context["page_url"] = self.url
        context["comment_post_url"] = self.comment_post_url()
        return context

    def comment_post_url(self):
        """Where the comment form posts: outside the page's own URL so that reading the page sets no cookie."""
        with translation.override(self.locale.language_code):
            return reverse("post_comment", kwargs={"page_id": self.pk})

    @path("comments/<id:comment_id>/", name="comment_permalink")
    def comment_permalink_route(self, request, comment_id):
        from consultations import views

        return views.comment_permalink(request, self, comment_id)

    @path("comments/<id:comment_id>/report/", name="report_comment")
    def report_comment_route(self, request, comment_id):
        from consultations import views

        return views.report_comment(request, self, comment_id)


class ConsultationCommentManager(XtdCommentManager):
    def for_page(self, page):
        """Every comment of a consultation page, whatever its state, in thread order."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(ConsultationPage), object_pk=str(page.pk)
        )


ADDRESS_KEY_SALT = "tribune.author-address"


GMAIL_DOMAINS = ("gmail.com", "googlemail.com")


def canonical_mailbox(address):
    """The mailbox an address delivers to, as one spelling: NFKC, casefolded, without a ``+tag``, and for
    Gmail without dots in the local part (``V.ictim+1@GoogleMail.com`` is ``victim@gmail.com``)."""
    normalised = unicodedata.normalize("NFKC", address.strip()).casefold()
    local, at, domain = normalised.rpartition("@")
    if not at or not local:
        return normalised
    local = local.split("+", 1)[0] or local
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", "") or local, "gmail.com"
    return f"{local}@{domain}"


def address_key(address):
    """A keyed hash that names a mailbox without revealing it: the same for "Owl@Example.org ",
    "owl+tribune@example.org" and "owl@example.org", different on another site (the key is derived from
    SECRET_KEY). Confirming one spelling confirms the mailbox, so all of its spellings."""
    return salted_hmac(ADDRESS_KEY_SALT, canonical_mailbox(address), algorithm="sha256").hexdigest()


class ConsultationComment(XtdComment):
    """A comment on a consultation. Tribune owns its state; xtd owns the threading columns.

    ``is_public`` and ``is_removed`` (from django-contrib-comments) are kept in step with
    ``state`` on every save, so nothing in xtd or django_comments can show a comment that
    Tribune has not published.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REMOVED = "removed", _("Removed")
        RETURNED = "returned", _("Returned for revision")
        WITHDRAWN = "withdrawn", _("Withdrawn by its author")

    state = models.CharField(
        verbose_name=_("state"), max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    language = models.CharField(
        verbose_name=_("author's language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    is_community_manager = models.BooleanField(
        verbose_name=_("posted by the community manager"), default=False
    )
    screening_reasons = models.JSONField(verbose_name=_("screening reasons"), default=list, blank=True)
    state_changed_at = models.DateTimeField(verbose_name=_("state changed at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(
        verbose_name=_("reviewed at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When a moderator last decided on this text. A published comment without it (post-moderation) "
            "waits in the queue until someone reads it."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    author_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "Keyed hash of the author's address, kept after a withdrawal so that their links still find "
            "their own comments; erased with the address at the end of retention."
        ),
    )

    objects = ConsultationCommentManager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comments", _("Can moderate comments"))]

    def save(self, *args, **kwargs):
        self.is_public = self.state == self.State.PUBLISHED
        self.is_removed = self.state in {self.State.REMOVED, self.State.WITHDRAWN}
        if self.user_email:
            self.author_key = address_key(self.user_email)
        super().save(*args, **kwargs)

    @property
    def awaits_review(self):
        """Published without a moderator having read it (post-moderation): it belongs in the queue."""
        return self.state == self.State.PUBLISHED and self.reviewed_at is None

    def get_absolute_url(self, anchor_pattern="#c{id}"):
        page = self.content_object
        return page.url + anchor_pattern.format(id=self.pk) if page is not None else ""


class CommentReport(models.Model):
    """A reader's report that a published comment breaks the rules."""

    comment = models.ForeignKey(ConsultationComment, on_delete=models.CASCADE, related_name="reports")
    reporter_key = models.CharField(
        max_length=64, help_text=_("Salted hash identifying the reporter; never an IP address in clear.")
    )
    reason = models.CharField(verbose_name=_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(
        verbose_name=_("reviewed at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set when a moderator decides on the comment; an open report has none."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("comment report")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter_key"], name="one_report_per_reader"),
        ]

    def __str__(self):
        return f"Report on comment {self.comment_id}"


class ReasonCategory(TranslatableMixin, models.Model):
    """Why a comment was removed or sent back: a short title for moderators, an explanation for the author."""

    title = models.CharField(verbose_name=_("title"), max_length=120)
    explanation = models.TextField(
        verbose_name=_("explanation sent to the author"),
        help_text=_("Written for young people: what the rule is, and why it matters."),
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


class ModeratorNotice(models.Model):
    """A moderator email already sent about a comment, so that none is ever sent twice."""

    class Kind(models.TextChoices):
        NEW = "new", _("New comment to moderate")
        OVERDUE = "overdue", _("Waiting longer than promised")
        BURST = "burst", _("Many new comments waiting")

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
