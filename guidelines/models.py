import logging
import re
import zoneinfo
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, Site
from wagtail.search import index

from guidelines import availability
from guidelines.availability import MIDNIGHT
from guidelines.blocks import GuidelineStreamBlock
from site_project import page_privacy

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]

logger = logging.getLogger(__name__)
# How long the shared cache keeps what every page reads of the settings (saving them clears it at once; this only
# bounds how long a write racing with a read could leave an older copy).
SETTINGS_CACHE_SECONDS = 600
# The shared cache's entry for the code of conduct of each site and language ({"site:language": page or None}), and
# how many pairs it holds at most. A new name when what it holds changes: a deploy must not read the older entry.
CODE_OF_CONDUCT_CACHE_KEY = "tribune:code-of-conduct:pages"
CODE_OF_CONDUCT_CACHE_SIZE = 100
# The site's languages, as choices for rows in one language (their models have a field named "settings").
LANGUAGES = settings.LANGUAGES


class GuidelineIndexPage(Page):
    """The rules of participation: lists the site's guideline pages."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
    )

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["guidelines.GuidelinePage"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("guideline index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guideline_pages"] = page_privacy.public(self.get_children().live(), request).specific()
        return context


class GuidelinePage(Page):
    """One set of rules (a code of conduct, a privacy note…) built from guideline blocks."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        verbose_name=_("introduction"),
        help_text=_("One or two sentences shown under the title and in the list of rules."),
    )
    body = StreamField(GuidelineStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["guidelines.GuidelineIndexPage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    class Meta:
        verbose_name = _("guideline page")

    @classmethod
    def code_of_conduct_for(cls, site, locale):
        """The live, public code of conduct chosen for site, in locale (a Locale, its id or a language code) if
        translated, else as chosen.

        The page, per site and language, is kept in the shared cache without its body (pages link to it by its
        title): no query on a page that shows it. Publishing, unpublishing, moving or deleting any page (a title,
        a slug or an ancestor's slug changes only so), a view restriction, the rules settings, a site or a locale
        clear it, and so does every release (``migrate``; ``guidelines.signals``)."""
        if site is None:
            return None
        language = locale.pk if isinstance(locale, Locale) else locale
        key = f"{site.pk}:{language}"
        try:
            chosen = cache.get(CODE_OF_CONDUCT_CACHE_KEY) or {}
        # Kept by another release (a page class it cannot read back), Redis refusing: a miss.
        except Exception:
            logger.warning("The code of conduct could not be read from the cache", exc_info=True)
            chosen = {}
        if key in chosen:
            return chosen[key]
        page = cls._find_code_of_conduct(site, language)
        if len(chosen) < CODE_OF_CONDUCT_CACHE_SIZE:
            chosen[key] = page
            try:
                cache.set(CODE_OF_CONDUCT_CACHE_KEY, chosen, SETTINGS_CACHE_SECONDS)
            except Exception:
                logger.warning("The code of conduct could not be kept in the cache", exc_info=True)
        return page

    @classmethod
    def _find_code_of_conduct(cls, site, language):
        rules = RulesSettings.objects.filter(site=site).select_related("code_of_conduct").first()
        chosen = rules.code_of_conduct if rules is not None else None
        if chosen is None:
            return None
        pages = cls.objects.live().public().defer("body")
        locale_id = language
        if isinstance(language, str):
            locale_id = Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()
        if locale_id is not None:
            translated = pages.filter(translation_key=chosen.translation_key, locale_id=locale_id).first()
            if translated is not None:
                return translated
        return pages.filter(pk=chosen.pk).first()


class ManagerSettingsForm(WagtailAdminModelForm):
    """Checks what a single row cannot: two ranges of the same day must not overlap, and a language has one
    row of texts at most."""

    def is_valid(self):
        valid = super().is_valid()
        overlaps = self._refuse_overlapping_ranges()
        repeated = self._refuse_a_second_row_per_language()
        return valid and not overlaps and not repeated

    def _refuse_a_second_row_per_language(self):
        formset = self.formsets.get("texts")
        if formset is None:
            return False
        seen = set()
        repeated = False
        for form in formset.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            language = form.cleaned_data.get("language")
            if not language:
                continue
            if language in seen:
                form.add_error(
                    "language",
                    _(
                        "There are already texts in this language above: change those, or remove one of the two."
                    ),
                )
                repeated = True
            seen.add(language)
        return repeated

    def _refuse_overlapping_ranges(self):
        formset = self.formsets.get("weekly_ranges")
        if formset is None:
            return False
        kept = [
            form
            for form in formset.forms
            if form.is_valid()
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("starts_at") is not None
            and form.cleaned_data.get("ends_at") is not None
        ]
        overlaps = False
        for index_, form in enumerate(kept):
            mine = _range_from(form.cleaned_data)
            for other in kept[:index_]:
                theirs = _range_from(other.cleaned_data)
                same_day = mine.weekday == theirs.weekday
                if (
                    same_day
                    and mine.start_minutes < theirs.end_minutes
                    and theirs.start_minutes < mine.end_minutes
                ):
                    form.add_error(
                        "starts_at",
                        _("This range overlaps %(start)s–%(end)s on the same day.")
                        % {"start": _hhmm(theirs.starts_at), "end": _hhmm(theirs.ends_at)},
                    )
                    overlaps = True
                    break
        return overlaps


def _range_from(data):
    return availability.WeeklyRange(int(data["weekday"]), data["starts_at"], data["ends_at"])


def _hhmm(value):
    return value.strftime("%H:%M")


class ModeratorNotifications(models.TextChoices):
    """How moderators hear of new comments (the reminders of comments waiting too long are sent in every mode)."""

    EACH = "each", _("One email per new comment")
    DIGEST = "digest", _("One email a day listing the new comments, at the digest hour")
    OFF = "off", _("No email for new comments: only the reminders of comments waiting too long")


def default_moderator_notifications():
    """Sites whose organiser never chose follow the TRIBUNE_MODERATOR_NOTIFICATIONS environment variable."""
    return settings.TRIBUNE_MODERATOR_NOTIFICATIONS


DEFAULT_DIGEST_HOUR = 8
DIGEST_HOURS = [(hour, f"{hour:02d}:00") for hour in range(24)]


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use a name like Europe/Paris."),
            params={"value": value},
        )


# Characters that turn the direction of the text after them (embeddings, overrides, isolates): in a name or a
# signature they can make a line read as something else ("‮moc.elpmaxe" shown as "example.com").
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def validate_no_direction_controls(value):
    if DIRECTION_CONTROLS.search(value or ""):
        raise ValidationError(
            _(
                "This text contains invisible characters that change the direction of the text after them. "
                "Please remove them."
            ),
            code="direction",
        )


def without_direction_controls(value):
    """What readers are shown of the manager's texts: a text saved before the check above loses its direction
    characters here."""
    return DIRECTION_CONTROLS.sub("", value or "")


@dataclass(frozen=True)
class ManagerVoice:
    """How the community manager speaks to a reader of one language: the texts of that language's row, each
    blank one replaced by the main text (the texts for every language without its own)."""

    language: str
    display_name: str = ""
    role: str = ""
    contact_line: str = ""
    absence_message: str = ""  # for every absence in this language; "" shows each absence's own message
    signature: str = ""

    def absence_message_for(self, own_message):
        """The message shown in this language during an absence whose own message is ``own_message``."""
        return self.absence_message or without_direction_controls(own_message)


def base_language(language):
    """ "fr-ca" is "fr"; nothing (no active language) is the site's language."""
    return (language or settings.LANGUAGE_CODE).lower().split("-")[0].split("_")[0]


@register_setting(icon="time")
class CommunityManagerSettings(BaseSiteSetting, ClusterableModel):
    """Who moderates, when they are online, and the reply time promised to young people."""

    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        validators=[validate_no_direction_controls],
        help_text=_("The name young people see, e.g. “Sam”."),
    )
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        validators=[validate_no_direction_controls],
        help_text=_("e.g. “Community manager, youth council”."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=availability.DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The hours below are in this time zone, e.g. Europe/Paris."),
    )
    promised_response_hours = models.PositiveSmallIntegerField(
        _("promised maximum response time (hours)"),
        default=availability.DEFAULT_PROMISED_HOURS,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
        help_text=_("A young person never waits longer than this for a reply, even outside the hours below."),
    )
    urgent_response_hours = models.PositiveSmallIntegerField(
        _("promised response time for urgent comments (hours)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
        help_text=_(
            "A comment saying that a young person is hurt or in danger goes to the top of the queue; it should "
            "be read within this time."
        ),
    )
    contact_line = models.CharField(
        _("contact line"),
        max_length=255,
        blank=True,
        validators=[validate_no_direction_controls],
        help_text=_("How to reach the team otherwise, e.g. “Write to moderation@example.org”."),
    )
    moderator_notifications = models.CharField(
        _("emails about new comments"),
        max_length=8,
        choices=ModeratorNotifications.choices,
        default=default_moderator_notifications,
        help_text=_(
            "How community managers hear of new comments. Comments hidden by readers' reports are always "
            "emailed at once, and comments waiting longer than promised are recalled in every mode."
        ),
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"),
        choices=DIGEST_HOURS,
        default=DEFAULT_DIGEST_HOUR,
        help_text=_(
            "In the time zone above: the digest leaves at this hour (or at the first reminder run after it) "
            "with the new comments not sent yet; comments arriving later wait for the next day's."
        ),
    )
    reply_to_email = models.EmailField(
        _("address for replies to emails"),
        blank=True,
        help_text=_(
            "Emails to participants are sent from a no-reply address. If someone in the team reads this "
            "address, enter it: replies to those emails go there, and the emails invite participants to "
            "reply. Left empty, they point to the contact line instead."
        ),
    )

    base_form_class = ManagerSettingsForm
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("display_name"),
                FieldPanel("role"),
                FieldPanel("photo"),
                FieldPanel("contact_line"),
                FieldPanel("reply_to_email"),
            ],
            heading=_("Who"),
            help_text=_(
                "The display name, role and contact line are shown in every language that has no texts of its "
                "own below (“In each language”)."
            ),
        ),
        InlinePanel(
            "texts",
            heading=_("In each language"),
            label=_("language"),
            help_text=_(
                "What a reader of one language sees on pages and in emails: one row per language. A field left "
                "empty shows the text above (or, for the absence message, each absence's own message)."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldPanel("promised_response_hours"),
                FieldPanel("urgent_response_hours"),
            ],
            heading=_("Replies"),
        ),
        MultiFieldPanel(
            [FieldPanel("moderator_notifications", widget=forms.RadioSelect), FieldPanel("digest_hour")],
            heading=_("Emails to moderators"),
        ),
        InlinePanel(
            "weekly_ranges",
            heading=_("Weekly hours"),
            label=_("time range"),
            help_text=_("When a moderator is online. A day can have several ranges, or none."),
        ),
        InlinePanel("absences", heading=_("Absences"), label=_("absence")),
        InlinePanel(
            "help_lines",
            heading=_("Help lines"),
            label=_("help line"),
            help_text=_(
                "Shown at once to a young person whose comment says they are hurt or in danger, in their "
                "language: free services they can call now."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("community manager")

    def as_schedule(self, language=None):
        """The schedule, read once. With ``language``, each absence carries its message in that language."""
        voice = self.texts_for(language) if language else None
        return availability.Schedule(
            time_zone=self.time_zone,
            promised_hours=self.promised_response_hours,
            ranges=tuple(
                availability.WeeklyRange(weekly.weekday, weekly.starts_at, weekly.ends_at)
                for weekly in self.weekly_ranges.all()
            ),
            absences=tuple(
                availability.Absence(
                    absence.starts_on,
                    absence.ends_on,
                    voice.absence_message_for(absence.message) if voice else absence.message,
                )
                for absence in self.absences.all()
            ),
        )

    def latest_digest_time(self, now):
        """When the digest was last due, at or before ``now``: today's digest hour in the manager's time zone
        if it has passed, else yesterday's."""
        zone = availability.Schedule(time_zone=self.time_zone).zone
        return availability.latest_daily_time(zone, self.digest_hour, now)

    def weekly_hours(self):
        """[(day name, [("09:00", "17:00"), …]), …] from Monday to Sunday; [] when no range is set."""
        ranges = sorted(self.weekly_ranges.all(), key=lambda weekly: (weekly.weekday, weekly.starts_at))
        if not ranges:
            return []
        return [
            (
                name,
                [
                    (
                        _hhmm(weekly.starts_at),
                        "24:00" if weekly.ends_at == MIDNIGHT else _hhmm(weekly.ends_at),
                    )
                    for weekly in ranges
                    if weekly.weekday == number
                ],
            )
            for number, name in WEEKDAYS
        ]

    def upcoming_absences(self, language=None):
        """The absences not over yet, first first, as ``availability.Absence`` with their message in ``language``
        (the active language when none is given)."""
        today = timezone.now().astimezone(availability.Schedule(time_zone=self.time_zone).zone).date()
        voice = self.texts_for(language)
        return [
            availability.Absence(
                absence.starts_on, absence.ends_on, voice.absence_message_for(absence.message)
            )
            for absence in self.absences.filter(ends_on__gte=today).order_by("starts_on")
        ]

    @classmethod
    def for_site_without_saving(cls, site=None):
        """The settings of ``site`` (without one, of the default site), else unsaved defaults (also when
        there is no site at all): the one way the site reads them, and reading never writes.

        Read from the shared cache with their rows of texts, hours and absences; saving or deleting the settings
        or one of their rows clears them (``guidelines.signals``)."""
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return cls()
        key = cls.cache_key(site.pk)
        manager = cache.get(key)
        if manager is None:
            # With its rows of texts, hours and absences: a page's banner then reads nothing from the database.
            manager = cls.objects.filter(site_id=site.pk).prefetch_related(
                "texts", "weekly_ranges", "absences"
            ).first() or cls(site_id=site.pk)
            cache.set(key, manager, SETTINGS_CACHE_SECONDS)
        return manager

    @staticmethod
    def cache_key(site_id):
        return f"tribune:community-manager-settings:{site_id}"

    def texts_for(self, language=None):
        """The manager's texts for a reader of ``language`` ("fr-ca" reads "fr"; the active language when none is
        given), as a `ManagerVoice`: the language's row, each blank field filled from the main fields.

        The rows are read in one query per settings object (and none when they were prefetched)."""
        wanted = base_language(language or translation.get_language())
        row = self._texts_by_language().get(wanted)

        def pick(field):
            return without_direction_controls(getattr(row, field, "") or getattr(self, field, ""))

        display_name, role = pick("display_name"), pick("role")
        if display_name:
            signature = f"{display_name}, {role}" if role else display_name
        else:
            signature = (self.site.site_name if self.site_id else "") or settings.WAGTAIL_SITE_NAME
        return ManagerVoice(
            language=wanted,
            display_name=display_name,
            role=role,
            contact_line=pick("contact_line"),
            absence_message=without_direction_controls(getattr(row, "absence_message", "")),
            signature=signature,
        )

    def _texts_by_language(self):
        """{language: row}, the first row of each language (the form allows one); read once."""
        if self.pk and "texts" not in getattr(self, "_prefetched_objects_cache", {}):
            prefetch_related_objects([self], "texts")
        by_language = {}
        for row in self.texts.all():
            by_language.setdefault(base_language(row.language), row)
        return by_language

    def signature(self, language=None):
        """How the community manager signs emails to a reader of ``language``: "Camille, community manager", or
        the site's name."""
        return self.texts_for(language).signature

    def help_lines_for(self, language):
        """The help lines in ``language`` (a language code, "fr-ca" is "fr"), else every help line."""
        lines = list(self.help_lines.all()) if self.pk else []
        wanted = (language or "").split("-")[0]
        return [line for line in lines if line.language == wanted] or lines

    def is_configured(self):
        return bool(self.display_name) or self.weekly_ranges.exists() or self.absences.exists()


class ManagerTexts(Orderable):
    """The manager's texts in one language: each field left blank shows the main one (the settings' own)."""

    settings = ParentalKey(CommunityManagerSettings, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        validators=[validate_no_direction_controls],
        help_text=_("Only if it is written differently in this language."),
    )
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        validators=[validate_no_direction_controls],
        help_text=_("In this language, e.g. “Animatrice de la communauté” in French."),
    )
    contact_line = models.CharField(
        _("contact line"),
        max_length=255,
        blank=True,
        validators=[validate_no_direction_controls],
        help_text=_("In this language, e.g. “Écris à moderation@example.org” in French."),
    )
    absence_message = models.CharField(
        _("absence message"),
        max_length=255,
        blank=True,
        validators=[validate_no_direction_controls],
        help_text=_(
            "Shown during every absence to readers of this language, e.g. “Bonnes vacances !” in French. Left "
            "empty, each absence shows its own message."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("language"), FieldPanel("display_name")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("contact_line")]),
        FieldPanel("absence_message"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("texts in one language")
        verbose_name_plural = _("texts in each language")

    def __str__(self):
        return str(dict(LANGUAGES).get(self.language, self.language))


class ManagerWeeklyRange(Orderable):
    settings = ParentalKey(CommunityManagerSettings, on_delete=models.CASCADE, related_name="weekly_ranges")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"), help_text=_("00:00 means midnight at the end of the day."))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts_at"), FieldPanel("ends_at")])]

    class Meta(Orderable.Meta):
        verbose_name = _("time range")

    def clean(self):
        super().clean()
        if self.starts_at is None or self.ends_at is None:
            return
        weekly = availability.WeeklyRange(self.weekday or 0, self.starts_at, self.ends_at)
        if weekly.end_minutes <= weekly.start_minutes:
            raise ValidationError({"ends_at": _("The range must end after it starts.")})


class ManagerAbsence(Orderable):
    settings = ParentalKey(CommunityManagerSettings, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField(_("first day away"))
    ends_on = models.DateField(_("last day away"))
    message = models.CharField(
        _("message"),
        max_length=255,
        blank=True,
        validators=[validate_no_direction_controls],
        help_text=_(
            "Optional, e.g. “Happy holidays!”. Shown in every language whose texts (“In each language”) have no "
            "absence message."
        ),
    )

    panels = [FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]), FieldPanel("message")]

    class Meta(Orderable.Meta):
        verbose_name = _("absence")

    def clean(self):
        super().clean()
        if self.starts_on is None or self.ends_on is None:
            return
        if self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The absence must end on or after its first day.")})
        if self.ends_on < self._today() and self._dates_changed():
            raise ValidationError(
                {"ends_on": _("This absence is already over. Remove it or pick future dates.")}
            )

    def _today(self):
        try:
            zone = zoneinfo.ZoneInfo(self.settings.time_zone)
        except (CommunityManagerSettings.DoesNotExist, zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo(availability.DEFAULT_TIME_ZONE)
        return timezone.now().astimezone(zone).date()

    def _dates_changed(self):
        """A past absence already saved is left alone, so the organiser can still save other changes."""
        if self.pk is None:
            return True
        saved = ManagerAbsence.objects.filter(pk=self.pk).values_list("starts_on", "ends_on").first()
        return saved != (self.starts_on, self.ends_on)


PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{1,24}$")


def validate_phone(value):
    if not PHONE.match(value) or len(re.sub(r"\D", "", value)) < 3:
        raise ValidationError(
            _("Type the number as it is dialled, e.g. 3114, 0800 1111 or +33 1 23 45 67 89.")
        )


class HelpLine(Orderable):
    """A free service a young person in danger can call: shown in its language to the author of an urgent comment."""

    settings = ParentalKey(CommunityManagerSettings, on_delete=models.CASCADE, related_name="help_lines")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. “Childline”."))
    description = models.CharField(
        _("for what"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “If you are a child or young person in danger”."),
    )
    phone = models.CharField(_("phone number"), max_length=30, validators=[validate_phone])
    hours = models.CharField(
        _("when"), max_length=100, blank=True, help_text=_("e.g. “Free, 24 hours a day”.")
    )
    url = models.URLField(_("website"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("language"), FieldPanel("name")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("hours")]),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("help line")
        verbose_name_plural = _("help lines")

    def __str__(self):
        return f"{self.name} ({self.phone})"

    @property
    def tel(self):
        """The number for a ``tel:`` link: digits, and a leading +."""
        return ("+" if self.phone.strip().startswith("+") else "") + re.sub(r"\D", "", self.phone)


@register_setting(icon="doc-full")
class RulesSettings(BaseSiteSetting):
    """Which guideline page is the site's code of conduct (the comment form links to it)."""

    code_of_conduct = models.ForeignKey(
        GuidelinePage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("code of conduct"),
        help_text=_("The rules young people accept before they comment. Its translations are used too."),
    )

    panels = [FieldPanel("code_of_conduct")]

    class Meta:
        verbose_name = _("rules of participation")
