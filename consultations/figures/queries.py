"""The public figures of one consultation, read in a fixed number of queries whatever its size (six: the
settings' promise, states, timeline, languages, removal reasons with their titles, waits)."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from consultations.figures import stats
from consultations.models import ConsultationComment, ModerationDecision, ReasonCategory
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


def consultation_figures(page, language, now=None):
    """The figures of ``page``'s consultation (every translation), with reason titles in ``language``."""
    now = now or timezone.now()
    figures = Figures()
    manager = CommunityManagerSettings.for_site_without_saving(page.get_site())
    figures.promised_hours, figures.urgent_promised_hours = (
        manager.promised_response_hours,
        manager.urgent_response_hours,
    )
    comments = participant_comments(page)
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
        return figures
    for state in State:
        setattr(figures, state.value, counts[state.value])
    figures.participants = counts["with_key"] + counts["without_key"]

    figures.period = stats.period_for(page.opens_at, page.closes_at)
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
    for day, count in days:
        start = stats.period_start(day, figures.period)
        counts_by_period[start] = counts_by_period.get(start, 0) + count
    if counts_by_period:
        last = min(now, page.closes_at)
        figures.timeline = stats.timeline(
            counts_by_period,
            timezone.localtime(page.opens_at, zone).date(),
            timezone.localtime(max(last, page.opens_at), zone).date(),
            figures.period,
        )

    names = dict(settings.LANGUAGES)
    figures.languages = [
        (names.get(code, code), count)
        for code, count in comments.filter(published)
        .order_by()
        .values("language")
        .annotate(count=Count("pk"))
        .order_by("-count", "language")
        .values_list("language", "count")
    ]

    if figures.removed:
        figures.removal_reasons = removal_reasons(comments, language)

    first_decision = (
        ModerationDecision.objects.filter(comment=OuterRef("pk"), action__in=MODERATOR_ACTIONS)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    rows = (
        comments.exclude(state=State.WITHDRAWN)
        .annotate(first_decided=Subquery(first_decision))
        .order_by()
        .values_list("submit_date", "first_decided", "is_urgent")
    )
    figures.waits = stats.waits(
        list(rows),
        datetime.timedelta(hours=figures.promised_hours),
        datetime.timedelta(hours=figures.urgent_promised_hours),
        now,
    )
    return figures


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
    rows = [(titles.get(reason, (None, 10**6)), count) for reason, count in by_reason]
    rows.sort(key=lambda row: (row[0][1], row[0][0] or ""))
    return [(title, count) for (title, _order), count in rows]
