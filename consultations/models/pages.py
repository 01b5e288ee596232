"""The pages organisers edit: the list of consultations, and a consultation with its question and dates.

Pages know nothing of comments: the discussion is drawn into the page's template by the comments
room (``{% consultation_discussion %}``), whose own URLs take the posts and the reports."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from consultations.blocks import ConsultationBodyBlock
from consultations.models.comments import ConsultationComment
from consultations.panels import (
    ConsultationPageForm,
    FollowedFieldPanel,
    FollowedSettingsNote,
    IdeaResponsesPanel,
    TranslationsPanel,
)
from guidelines.models import CommunityManagerSettings, GuidelinePage
from page_cache import marks as page_cache
from page_cache import versions
from page_cache.versions import COMMENTS
from site_project import page_privacy

logger = logging.getLogger(__name__)

# The cards' comment counts (``ConsultationPage.published_comment_counts``), one entry per "comments" version.
PUBLISHED_COUNTS_KEY = "tribune:published-comment-counts"
PUBLISHED_COUNTS_SECONDS = 600


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPCOMING = "upcoming", _("Upcoming")
    CLOSED = "closed", _("Closed")


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Pre-moderation: comments are public once a moderator approves them")
    POST = "post", _("Post-moderation: comments are public at once and can be removed later")


# The index's filter: a status, or the closed consultations whose results are out.
RESULTS_PUBLISHED = "results"

# What organisers' results texts and answers to ideas may hold (``consultations.results.reading`` cleans to these).
RESULTS_FEATURES = ["bold", "italic", "link", "ol", "ul"]


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

    def consultations(self, status=None, now=None, request=None):
        """Live public consultations under this index, open first, then upcoming, then closed (with ``request``, its
        view restrictions read once)."""
        now = now or timezone.now()
        queryset = page_privacy.public(ConsultationPage.objects.child_of(self).live(), request).annotate(
            status_rank=ConsultationPage.status_rank_expression(now),
            results_shown=ConsultationPage.results_shown_expression(now, request=request),
        )
        if status in ConsultationStatus.values:
            queryset = queryset.filter(status_rank=ConsultationPage.STATUS_RANK[status])
        elif status == RESULTS_PUBLISHED:
            queryset = queryset.filter(results_shown=True)
        return ConsultationPage.with_participation(
            queryset.order_by("status_rank", "closes_at", "-opens_at", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        status = request.GET.get("status", "")
        if status not in (*ConsultationStatus.values, RESULTS_PUBLISHED):
            status = ""
        # Its cards count every consultation's comments, and their statuses change by themselves.
        page_cache.depends_on_too(request, COMMENTS)
        page_cache.expires_by(request, ConsultationPage.next_change_of_any())
        paginator = Paginator(self.consultations(status=status or None, request=request), self.per_page)
        consultation_page = paginator.get_page(request.GET.get("page"))
        page_cache.reads_parameters(
            request, status=status, page=consultation_page.number if consultation_page.number > 1 else ""
        )
        consultation_page.object_list = ConsultationPage.count_participation(consultation_page.object_list)
        context.update(
            consultation_page=consultation_page,
            status_filter=status,
            status_choices=[*ConsultationStatus.choices, (RESULTS_PUBLISHED, _("Results published"))],
        )
        return context


class ConsultationPage(Page):
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
    offline_participants = models.PositiveIntegerField(
        verbose_name=_("took part offline"),
        null=True,
        blank=True,
        help_text=_(
            "How many people took part face to face (meetings, workshops, paper forms). Shown next to the online count."
        ),
    )

    # Results: what came of the consultation, written by the organisers once it has closed. Each translation has
    # its own texts; the results are public from ``results_published_on`` (see ``results_are_published``).
    results_published_on = models.DateField(
        verbose_name=_("results published on"),
        null=True,
        blank=True,
        help_text=_(
            "The results show on the page from this day, once the consultation has closed. Participants who asked "
            "to hear what happens with their ideas are emailed then."
        ),
    )
    results_heard = RichTextField(verbose_name=_("what we heard"), blank=True, features=RESULTS_FEATURES)
    results_decided = RichTextField(verbose_name=_("what we decided"), blank=True, features=RESULTS_FEATURES)
    results_next = RichTextField(verbose_name=_("what happens next"), blank=True, features=RESULTS_FEATURES)
    results_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("results document"),
        help_text=_("An optional report, e.g. the full answer of the council as a PDF."),
    )
    results_notice_months = models.PositiveSmallIntegerField(
        verbose_name=_("keep addresses for results (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_(
            "Participants may ask to be told what happens with their ideas. Their address is kept for that "
            "purpose only, until the results are published or for this many months after closing, then erased."
        ),
    )

    base_form_class = ConsultationPageForm
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
        TranslationsPanel(heading=_("Translations"), icon="globe"),
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    participation_panels = [
        FollowedSettingsNote(),
        MultiFieldPanel(
            [FieldRowPanel([FollowedFieldPanel("opens_at"), FollowedFieldPanel("closes_at")])],
            heading=_("Dates"),
            help_text=_("The consultation is open between these two moments; its status follows from them."),
        ),
        MultiFieldPanel(
            [
                FollowedFieldPanel("moderation_mode"),
                FollowedFieldPanel("comments_enabled"),
                FollowedFieldPanel("guideline_page", empty_text=_("The site's code of conduct")),
            ],
            heading=_("Comments"),
        ),
        FollowedFieldPanel("offline_participants"),
        FollowedFieldPanel("results_notice_months"),
    ]
    results_panels = [
        FieldPanel("results_published_on"),
        FieldPanel("results_heard"),
        FieldPanel("results_decided"),
        FieldPanel("results_next"),
        FieldPanel("results_document"),
        IdeaResponsesPanel("idea_responses", heading=_("Answers to ideas"), label=_("answer")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(participation_panels, heading=_("Participation")),
            ObjectList(results_panels, heading=_("Results")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    STATUS_RANK = {ConsultationStatus.OPEN: 0, ConsultationStatus.UPCOMING: 1, ConsultationStatus.CLOSED: 2}

    # Set on the source page, followed by every translation (``save``): one consultation has one calendar,
    # one moderation mode, one comment switch, one count of offline participants and one rules page (each
    # translation shows that page's translation, see ``rules_page``).
    FOLLOWED_SETTINGS = (
        "opens_at",
        "closes_at",
        "moderation_mode",
        "comments_enabled",
        "offline_participants",
        "guideline_page",
        "results_notice_months",
    )

    class Meta:
        verbose_name = _("consultation")

    @classmethod
    def followed_columns(cls, update_fields=None):
        """The columns (attnames) of the followed settings that a save with ``update_fields`` writes."""
        columns = [cls._meta.get_field(name).attname for name in cls.FOLLOWED_SETTINGS]
        if update_fields is None:
            return columns
        written = set(update_fields)
        return [
            column
            for name, column in zip(cls.FOLLOWED_SETTINGS, columns, strict=True)
            if name in written or column in written
        ]

    def save(self, *args, **kwargs):
        """Save the page; a translation takes the followed settings from its source page's row, and the source
        page writes them onto its translations' rows.

        Only saves that write these columns do either: Wagtail's ``save_revision`` (a draft of a live page)
        writes a few bookkeeping columns only, so a draft of the source changes nothing its translations
        show; publishing (``Revision.publish``) saves the whole row, and the translations follow. A translation
        reads its source's saved row, never what it was given, so an old revision of it published again, or a
        forged form, cannot bring back settings the source no longer has. A page that is not live keeps its
        draft in its row (Wagtail saves the row of such a page at every draft), so a source that is not live
        passes on its draft to the translations that are not live either; live ones follow when it is published.

        Queries: one to find the source (none when no followed column is written), and for a source page
        that existed before, one UPDATE of its translations."""
        columns = self.followed_columns(kwargs.get("update_fields"))
        if not columns:
            return super().save(*args, **kwargs)
        with transaction.atomic(savepoint=False):
            earlier = ConsultationPage.objects.filter(translation_key=self.translation_key)
            if self.pk is not None:
                earlier = earlier.filter(pk__lt=self.pk)
            # Locked: a source published at the same moment waits, or is read once it has committed.
            source = earlier.order_by("pk").select_for_update().values(*columns).first()
            if source is not None:
                for column in columns:
                    setattr(self, column, source[column])
            had_row = self.pk is not None
            result = super().save(*args, **kwargs)
            if source is None and had_row:
                translations = ConsultationPage.objects.filter(translation_key=self.translation_key).exclude(
                    pk=self.pk
                )
                if not self.live:
                    # Its row holds its drafts (Wagtail saves the row of a page that is not live at every draft, and
                    # at a publication scheduled for later): they must not change a live translation's calendar.
                    translations = translations.filter(live=False)
                translations.update(**{column: getattr(self, column) for column in columns})
        self.__dict__.pop("source_page", None)
        return result

    @classmethod
    def status_rank_expression(cls, now):
        return Case(
            When(opens_at__gt=now, then=Value(cls.STATUS_RANK[ConsultationStatus.UPCOMING])),
            When(closes_at__lte=now, then=Value(cls.STATUS_RANK[ConsultationStatus.CLOSED])),
            default=Value(cls.STATUS_RANK[ConsultationStatus.OPEN]),
            output_field=IntegerField(),
        )

    @classmethod
    def source_pk_expression(cls):
        """The id of each page's source page (see ``source_page``), as a subquery of a page queryset."""
        return Subquery(
            ConsultationPage.objects.filter(translation_key=OuterRef("translation_key"))
            .order_by("pk")
            .values("pk")[:1]
        )

    @classmethod
    def published_comment_counts(cls):
        """{translation_key: published comments, replies included} of every consultation that has some, in every
        language (they are kept on the source page). Two queries, then kept in the shared cache under the page
        cache's "comments" version, which every published, decided or deleted comment renews
        (``consultations.comments.cached_pages``): a list's cards count with one cache read instead of a count
        over every comment of the site (10 ms at 16,000 comments, on each drawing of the home page)."""
        try:
            key = f"{PUBLISHED_COUNTS_KEY}:{versions.current([COMMENTS])[COMMENTS]}"
            counts = cache.get(key)
        except Exception:  # a cache that refuses (full, or a copy unreadable after a release): counted anyway
            logger.warning("The comment counts could not be read from the cache", exc_info=True)
            return cls._count_published_comments()
        if counts is None:
            counts = cls._count_published_comments()
            try:
                cache.set(key, counts, PUBLISHED_COUNTS_SECONDS)
            except Exception:
                logger.warning("The comment counts could not be kept in the cache", exc_info=True)
        return counts

    @classmethod
    def _count_published_comments(cls):
        """Two queries: the published comments by page they are kept on, then each such page's consultation."""
        by_source = {}
        rows = (
            ConsultationComment.objects.filter(
                content_type=ContentType.objects.get_for_model(ConsultationPage),
                state=ConsultationComment.State.PUBLISHED,
            )
            .order_by()
            .values_list("object_pk")
            .annotate(n=Count("pk"))
        )
        for object_pk, count in rows:
            try:
                page_id = int(object_pk)
            except (TypeError, ValueError):
                continue
            by_source[page_id] = by_source.get(page_id, 0) + count
        counts = {}
        # The thread reads a consultation's first page only (``source_page``): so do its cards.
        pages = Page.objects.filter(pk__in=by_source).order_by("pk").values_list("pk", "translation_key")
        for pk, translation_key in pages:
            counts.setdefault(str(translation_key), by_source[pk])
        return counts

    @classmethod
    def with_participation(cls, queryset):
        """What a card shows, for a whole list in a fixed number of queries: its lead image and the image's
        renditions; ``count_participation`` adds the comments once the list is read."""
        return queryset.select_related("lead_image").prefetch_related(Prefetch("lead_image__renditions"))

    @classmethod
    def count_participation(cls, pages):
        """``pages`` as a list, each with its published comments (``published_comments``), from one cache read."""
        pages = list(pages)
        if pages:
            counts = cls.published_comment_counts()
            for page in pages:
                page.published_comments = counts.get(str(page.translation_key), 0)
        return pages

    def published_comment_count(self):
        """Published comments, replies included, as the thread counts them."""
        if hasattr(self, "published_comments"):
            return self.published_comments
        return self.published_comment_counts().get(str(self.translation_key), 0)

    @cached_property
    def source_page(self):
        """The consultation's first page, the one its translations were made from. It holds the one
        conversation of the consultation (comments posted on any translation are stored on it) and the
        settings every translation follows (dates, moderation mode, comments switch)."""
        if self.pk is None:
            return self
        first = ConsultationPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
        return self if first is None or first.pk == self.pk else first

    @property
    def is_source(self):
        return self.source_page.pk == self.pk

    def translation_in(self, language_code):
        """The live translation of this consultation in ``language_code`` ("fr-ca" reads as "fr"), else this page;
        but not a page taken offline while another language goes on: then the oldest live translation (the
        conversation is read there). This page if none is live."""
        wanted = (language_code or "").split("-")[0]
        if self.live and self.locale.language_code == wanted:
            return self
        live = ConsultationPage.objects.live().filter(translation_key=self.translation_key)
        translation = live.filter(locale__language_code=wanted).first()
        if translation is None and not self.live:
            translation = live.order_by("pk").first()
        return translation or self

    def results_are_published(self, now=None):
        """Whether this page shows its results: it has closed, its results day has come (in the site's time
        zone) and the organisers wrote something."""
        now = now or timezone.now()
        return (
            self.results_published_on is not None
            and now >= self.closes_at
            and timezone.localdate(now) >= self.results_published_on
            and any((self.results_heard, self.results_decided, self.results_next, self.results_document_id))
        )

    @classmethod
    def results_published_q(cls, now=None):
        """``results_are_published`` as a filter of a page queryset (the same rule, in the database)."""
        now = now or timezone.now()
        return (
            Q(results_published_on__isnull=False, closes_at__lte=now)
            & Q(results_published_on__lte=timezone.localdate(now))
            & (
                ~Q(results_heard="")
                | ~Q(results_decided="")
                | ~Q(results_next="")
                | Q(results_document__isnull=False)
            )
        )

    @classmethod
    def results_shown_expression(cls, now=None, request=None):
        """Whether each page of a queryset shows results: its own, or another live public translation's, which
        its page links to (``consultations.results.reading``). One subquery."""
        return Exists(
            page_privacy.public(ConsultationPage.objects.live(), request).filter(
                cls.results_published_q(now), translation_key=OuterRef("translation_key")
            )
        )

    def shows_results(self):
        """What a card says: results published, here or in another language (``results_shown`` when the list
        was read with it, else this page's own)."""
        if hasattr(self, "results_shown"):
            return self.results_shown
        return self.results_are_published()

    def answerable_comments(self):
        """The comments the organisers may answer in the results: the consultation's published ones, in every
        language (they are kept on the source page), in thread order. None for a page not saved yet."""
        if self.pk is None:
            return ConsultationComment.objects.none()
        return (
            ConsultationComment.objects.for_page(self)
            .filter(state=ConsultationComment.State.PUBLISHED)
            .order_by("thread_id", "order")
        )

    def may_be_read_by(self, request):
        """Whether the page's view restrictions (login, groups, password) accept this visitor. The comment views
        send one who is not accepted yet to the page, where Wagtail asks for the login or password."""
        return all(restriction.accept_request(request) for restriction in self.get_view_restrictions())

    RESULTS_TEXTS = ("results_heard", "results_decided", "results_next")

    def clean(self):
        super().clean()
        # Draftail posts an empty box as an empty paragraph: it is no text, and must not publish empty results.
        for name in self.RESULTS_TEXTS:
            if not strip_tags(getattr(self, name) or "").strip():
                setattr(self, name, "")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The consultation must close after it opens.")})
        if (
            self.results_published_on
            and self.closes_at
            and self.results_published_on < timezone.localdate(self.closes_at)
        ):
            raise ValidationError(
                {"results_published_on": _("Results can only be published once the consultation has closed.")}
            )

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

    def rules_page(self, site=None):
        """The rules that apply here, in this page's language: the chosen page, else the code of conduct of ``site``
        (the page's when not given)."""
        if self.guideline_page is not None:
            page = self.guideline_page.get_translation_or_none(self.locale) or self.guideline_page
            return page if page.live else None
        return GuidelinePage.code_of_conduct_for(site or self.get_site(), self.locale_id)

    def community_manager(self):
        return CommunityManagerSettings.for_site_without_saving(self.get_site())

    @staticmethod
    def conversation_version(translation_key):
        """The page cache's name for what a consultation's pages show of its conversation (every language's)."""
        return f"consultation:{translation_key}"

    def next_change(self, now=None):
        """When this page changes by itself: it opens, it closes, its results day begins, its kick-off meeting's
        day begins or the meeting ends; and, closed without results of its own, every midnight (a translation's
        results day, whose results it then shows, begins at one). None if never."""
        now = now or timezone.now()
        moments = [moment for moment in (self.opens_at, self.closes_at) if moment > now]
        if self.results_published_on is not None:
            results_day = results_day_start(self.results_published_on)
            if results_day > now:
                moments.append(results_day)
        if now >= self.closes_at and not self.results_are_published(now):
            moments.append(results_day_start(timezone.localdate(now) + timedelta(days=1)))
        for position, block in enumerate(self.body.raw_data):
            if block["type"] == "kick_off_meeting":
                moments.append(self.body[position].value.next_change_at(now))
        return min((moment for moment in moments if moment is not None), default=None)

    @classmethod
    def next_change_of_any(cls, now=None):
        """The next moment any live consultation opens, closes or shows its results (lists show their status and
        results badge). One query."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        found = cls.objects.live().aggregate(
            opens=Min("opens_at", filter=Q(opens_at__gt=now)),
            closes=Min("closes_at", filter=Q(closes_at__gt=now)),
            results=Min("results_published_on", filter=Q(results_published_on__gt=today)),
        )
        moments = [found["opens"], found["closes"]]
        if found["results"] is not None:
            moments.append(results_day_start(found["results"]))
        return min((moment for moment in moments if moment is not None), default=None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rules_page"] = self.rules_page(Site.find_for_request(request))
        context["conversation_version"] = self.conversation_version(self.translation_key)
        context["next_change"] = (
            self.next_change()
        )  # the template's shared pieces are kept until then at most
        page_cache.depends_on_too(request, context["conversation_version"])
        page_cache.expires_by(request, context["next_change"])
        return context


def results_day_start(day):
    """Midnight of ``day`` in the site's time zone, when ``results_are_published`` starts saying yes."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


class IdeaResponse(Orderable, ClusterableModel):
    """The organisers' answer to one idea of the consultation, shown in the results and under the comments
    it answers (with an "organisers' answer" badge). The comments are the consultation's, kept on its source page.

    A ``ClusterableModel``: without it modelcluster neither keeps ``comments`` in the page's revisions nor writes
    them when the page is published (an answer saved from the admin lost its links)."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="idea_responses")
    idea = models.CharField(verbose_name=_("idea"), max_length=200, help_text=_("The idea, in a few words."))
    response = RichTextField(verbose_name=_("our answer"), features=RESULTS_FEATURES)
    comments = ParentalManyToManyField(
        ConsultationComment,
        blank=True,
        related_name="organiser_responses",
        verbose_name=_("comments it answers"),
    )

    panels = [FieldPanel("idea"), FieldPanel("response"), FieldPanel("comments")]

    class Meta(Orderable.Meta):
        verbose_name = _("answer to an idea")
        verbose_name_plural = _("answers to ideas")

    def __str__(self):
        return self.idea


@receiver(post_delete, sender=ConsultationPage)
def hand_conversation_over(sender, instance, **kwargs):
    """A deleted page hands the comments it held to its consultation's source page (the oldest translation
    left), so that deleting the first language of a consultation does not take its conversation with it."""
    heir = ConsultationPage.objects.filter(translation_key=instance.translation_key).order_by("pk").first()
    if heir is not None:
        ConsultationComment.objects.filter(
            content_type_id=instance.content_type_id, object_pk=str(instance.pk)
        ).update(object_pk=str(heir.pk))
