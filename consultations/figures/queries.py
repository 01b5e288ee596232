"""Figures read in a fixed number of queries whatever the number of comments: one consultation's (seven: the
settings' promise, states, timeline, languages, removal reasons with their titles, waits), the site's over every
consultation the public may read (the same, with the consultations and their rows), and the moderators' last
30 days for the admin's dashboard. ``count`` is what the first two share."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Site

from consultations.figures import stats
from consultations.models import ConsultationComment, ConsultationPage, ModerationDecision, ReasonCategory
from guidelines.models import CommunityManagerSettings

State = ConsultationComment.State
Action = ModerationDecision.Action
# Decisions a moderator takes after reading a comment (an author's resubmission or withdrawal, or a hold by
# readers' reports, is no moderator's answer).
MODERATOR_ACTIONS = [Action.APPROVE, Action.REMOVE, Action.RETURN, Action.RESTORE, Action.EDIT_OUT]


@dataclass
class Figures:
    received: int = 0
    published: int = 0
    returned: int = 0
    removed: int = 0
    pending: int = 0
    withdrawn: int = 0
    participants: int = 0
    period: str = stats.DAY
    timeline: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    removal_reasons: list = field(default_factory=list)
    waits: stats.Waits | None = None
    promised_hours: int = 24
    urgent_promised_hours: int = 2
    # The site's figures only: one ConsultationRow per consultation counted.
    consultations: list = field(default_factory=list)

    @property
    def decided(self):
        """Comments whose current state a moderator chose: published, returned or removed."""
        return self.published + self.returned + self.removed

    @property
    def outcomes(self):
        """(state, count, percentage) of the decided comments; none while no comment is decided."""
        if not self.decided:
            return []
        return [
            (state, count, stats.share(count, self.decided))
            for state, count in (
                (State.PUBLISHED, self.published),
                (State.RETURNED, self.returned),
                (State.REMOVED, self.removed),
            )
        ]


def participant_comments(page):
    """The comments of a consultation written by participants (not the community manager's replies)."""
    return ConsultationComment.objects.for_page(page).filter(is_community_manager=False)


def read_promises(figures, site):
    """The community manager's two promises (one query)."""
    manager = CommunityManagerSettings.for_site_without_saving(site)
    figures.promised_hours = manager.promised_response_hours
    figures.urgent_promised_hours = manager.urgent_response_hours


def consultation_figures(page, language, now=None):
    """The figures of ``page``'s consultation (every translation), with reason titles in ``language``."""
    now = now or timezone.now()
    figures = Figures()
    read_promises(figures, page.get_site())
    count(figures, participant_comments(page), language, now, page.opens_at, page.closes_at)
    return figures


def count(figures, comments, language, now, opens_at, closes_at):
    """Fill ``figures`` from ``comments`` (participants' comments of one or several consultations held from
    ``opens_at`` to ``closes_at``) in at most six queries; returns each comment's wait (its consultation's
    ``object_pk``, submitted, first decided or None, urgent), or [] without comments."""
    published = Q(state=State.PUBLISHED)
    # Distinct people: the keyed hash of their address, or after its erasure their pseudonym.
    counts = comments.aggregate(
        received=Count("pk"),
        **{state.value: Count("pk", filter=Q(state=state)) for state in State},
        with_key=Count("author_key", distinct=True, filter=published & ~Q(author_key="")),
        without_key=Count("user_name", distinct=True, filter=published & Q(author_key="")),
    )
    figures.received = counts["received"]
    if not figures.received:
        return []
    for state in State:
        setattr(figures, state.value, counts[state.value])
    figures.participants = counts["with_key"] + counts["without_key"]

    figures.period = stats.period_for(opens_at, closes_at)
    zone = timezone.get_current_timezone()
    days = (
        comments.filter(published)
        .annotate(day=TruncDate("submit_date", tzinfo=zone))
        .order_by()
        .values("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    counts_by_period = {}
    for day, number in days:
        start = stats.period_start(day, figures.period)
        counts_by_period[start] = counts_by_period.get(start, 0) + number
    if counts_by_period:
        last = min(now, closes_at)
        figures.timeline = stats.timeline(
            counts_by_period,
            timezone.localtime(opens_at, zone).date(),
            timezone.localtime(max(last, opens_at), zone).date(),
            figures.period,
        )

    names = dict(settings.LANGUAGES)
    figures.languages = [
        (names.get(code, code), number)
        for code, number in comments.filter(published)
        .order_by()
        .values("language")
        .annotate(count=Count("pk"))
        .order_by("-count", "language")
        .values_list("language", "count")
    ]

    if figures.removed:
        figures.removal_reasons = removal_reasons(comments, language)

    rows = wait_rows(comments)
    figures.waits = waits_of(figures, [row[1:] for row in rows], now)
    return rows


def wait_rows(comments):
    """(consultation's ``object_pk``, submitted, first decided by a moderator or None, urgent) of each comment
    not withdrawn, in one query."""
    first_decision = (
        ModerationDecision.objects.filter(comment=OuterRef("pk"), action__in=MODERATOR_ACTIONS)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return list(
        comments.exclude(state=State.WITHDRAWN)
        .annotate(first_decided=Subquery(first_decision))
        .order_by()
        .values_list("object_pk", "submit_date", "first_decided", "is_urgent")
    )


def waits_of(figures, rows, now):
    return stats.waits(
        rows,
        datetime.timedelta(hours=figures.promised_hours),
        datetime.timedelta(hours=figures.urgent_promised_hours),
        now,
    )


def removal_reasons(comments, language):
    """(reason title in ``language``, count) of the removed comments, by the reason of the decision that removed
    them last; "Other" (None) for a removal without a reason. Two queries."""
    last_removal = (
        ModerationDecision.objects.filter(comment=OuterRef("pk"), to_state=State.REMOVED)
        .order_by("-created_at", "-pk")
        .values("reason")[:1]
    )
    by_reason = list(
        comments.filter(state=State.REMOVED)
        .annotate(reason_id=Subquery(last_removal))
        .order_by()
        .values("reason_id")
        .annotate(count=Count("pk"))
        .values_list("reason_id", "count")
    )
    ids = [reason for reason, _ in by_reason if reason is not None]
    titles, keys = {}, {}
    reasons = ReasonCategory.objects.filter(
        Q(pk__in=ids)
        | Q(
            translation_key__in=ReasonCategory.objects.filter(pk__in=ids).values("translation_key"),
            locale__language_code=language,
        )
    ).values_list("pk", "translation_key", "title", "locale__language_code", "sort_order")
    translated = {}
    for pk, key, title, code, order in reasons:
        keys[pk] = (key, title, order)
        if code == language:
            translated[key] = title
    for pk, (key, title, order) in keys.items():
        titles[pk] = (translated.get(key, title), order)
    # One row per reason, whichever of its translations a moderator chose (a French and an English "Personal
    # information" are one reason).
    counts = {}
    for reason, number in by_reason:
        shown = titles.get(reason, (None, 10**6))
        counts[shown] = counts.get(shown, 0) + number
    rows = sorted(counts.items(), key=lambda row: (row[0][1], row[0][0] or ""))
    return [(title, number) for (title, _order), number in rows]


@dataclass
class ConsultationRow:
    """One consultation of the site's figures: its page in the reader's language (else its oldest live public
    page), its published comments, its participants and the median wait for a moderator's first decision."""

    page: ConsultationPage
    published: int = 0
    participants: int = 0
    median_wait: datetime.timedelta | None = None


def public_consultations(site, language, now):
    """The consultations the public may read the figures of: live, public (not behind a password, a login or a
    group), under ``site``'s home page in any language, opened, comments shown. A consultation is counted when one
    of its translations is (its conversation is public there). Returns {source page id: ConsultationRow}, most
    recently opened first; two queries (view restrictions, pages) once the site's root paths are cached."""
    roots = [root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk]
    if not roots:
        return {}
    in_site = Q()
    for root in roots:
        in_site |= Q(url_path__startswith=root)
    pages = (
        ConsultationPage.objects.live()
        .public()
        .filter(in_site, opens_at__lte=now, comments_enabled=True)
        .annotate(source_pk=ConsultationPage.source_pk_expression())
        .select_related("locale")
        .order_by("-opens_at", "-source_pk", "pk")
    )

    def preference(page):
        return (page.locale.language_code != language, page.pk)

    rows = {}
    for page in pages:
        row = rows.get(page.source_pk)
        if row is None:
            rows[page.source_pk] = ConsultationRow(page)
        elif preference(page) < preference(row.page):
            row.page = page
    return rows


def site_figures(site, language, now=None):
    """The figures of every consultation the public may read on ``site`` (see ``public_consultations``), with
    one row per consultation (``Figures.consultations``), in a fixed number of queries whatever the number of
    consultations and comments (at most ten)."""
    now = now or timezone.now()
    figures = Figures()
    rows = public_consultations(site, language, now) if site is not None else {}
    figures.consultations = list(rows.values())
    if not rows:
        return figures
    read_promises(figures, site)
    comments = ConsultationComment.objects.filter(
        content_type=ContentType.objects.get_for_model(ConsultationPage),
        object_pk__in=[str(pk) for pk in rows],
        is_community_manager=False,
    )
    pages = [row.page for row in figures.consultations]
    waits = count(
        figures,
        comments,
        language,
        now,
        min(page.opens_at for page in pages),
        max(page.closes_at for page in pages),
    )
    if not figures.received:
        return figures
    published = Q(state=State.PUBLISHED)
    for object_pk, number, with_key, without_key in (
        comments.filter(published)
        .order_by()
        .values("object_pk")
        .annotate(
            number=Count("pk"),
            with_key=Count("author_key", distinct=True, filter=~Q(author_key="")),
            without_key=Count("user_name", distinct=True, filter=Q(author_key="")),
        )
        .values_list("object_pk", "number", "with_key", "without_key")
    ):
        row = rows[int(object_pk)]
        row.published, row.participants = number, with_key + without_key
    durations = {}
    for object_pk, submitted, decided, _urgent in waits:
        if decided is not None:
            durations.setdefault(int(object_pk), []).append(max(decided - submitted, datetime.timedelta(0)))
    for pk, values in durations.items():
        rows[pk].median_wait = stats.median(sorted(values))
    return figures


@dataclass
class ModeratorShare:
    name: str | None  # None: an account deleted since
    decisions: int
    share: int


@dataclass
class ModerationFigures:
    """What moderators did over the last ``days`` days, across every consultation (public or not)."""

    days: int
    received: int = 0
    withdrawn: int = 0
    waits: stats.Waits | None = None
    decisions: int = 0
    moderators: list = field(default_factory=list)
    promised_hours: int = 24
    urgent_promised_hours: int = 2


def moderation_figures(site, now=None, days=30):
    """For the moderators' dashboard: the participants' comments received in the last ``days`` days, how long
    they waited for a moderator's first decision against ``site``'s promises, those still waiting past the
    promise, and each moderator's share of the decisions taken in those days. Five queries at most, whatever
    the number of comments."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=days)
    figures = ModerationFigures(days=days)
    read_promises(figures, site)
    comments = ConsultationComment.objects.filter(is_community_manager=False, submit_date__gte=since)
    counts = comments.aggregate(received=Count("pk"), withdrawn=Count("pk", filter=Q(state=State.WITHDRAWN)))
    figures.received, figures.withdrawn = counts["received"], counts["withdrawn"]
    if figures.received:
        figures.waits = waits_of(figures, [row[1:] for row in wait_rows(comments)], now)
    by_moderator = list(
        ModerationDecision.objects.filter(created_at__gte=since, action__in=MODERATOR_ACTIONS)
        .order_by()
        .values("moderator")
        .annotate(number=Count("pk"))
        .values_list("moderator", "number")
    )
    figures.decisions = sum(number for _, number in by_moderator)
    if not by_moderator:
        return figures
    users = {
        user.pk: get_user_display_name(user)
        for user in get_user_model().objects.filter(pk__in=[pk for pk, _ in by_moderator if pk is not None])
    }
    figures.moderators = sorted(
        (
            ModeratorShare(users.get(pk), number, stats.share(number, figures.decisions))
            for pk, number in by_moderator
        ),
        key=lambda row: (-row.decisions, row.name is None, row.name or ""),
    )
    return figures
