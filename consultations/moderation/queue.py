"""What the moderation queue lists, in which order, and how long each comment has waited.

A comment is in the queue when it waits for a moderator (pending, including those held after
reports), when it is published but no moderator has read it yet (post-moderation: the
"published, not yet reviewed" lane), when it was returned to its author for revision, or when it
is published but readers reported it and no moderator has decided since.

The queue's count is one number everywhere (menu badge, dashboard, queue page, moderators' emails):
``waiting_count()``, the comments that wait for a moderator's decision (``needs_decision()``). Returned
comments are listed but not counted: they wait for their author.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from wagtail.models import Page

from consultations.models import CommentReport, ConsultationComment
from guidelines.models import CommunityManagerSettings

State = ConsultationComment.State
FLAGGED = "flagged"
UNREVIEWED = "unreviewed"
URGENT = "urgent"


def promised_response_hours(site=None):
    """Hours within which the site (the default one without ``site``) promises a moderator's answer:
    the community manager settings, 24 until an organiser sets them."""
    return CommunityManagerSettings.for_site_without_saving(site).promised_response_hours


def urgent_response_hours(site=None):
    """Hours within which urgent comments should be read (the community manager settings, 2 until set)."""
    return CommunityManagerSettings.for_site_without_saving(site).urgent_response_hours


def response_hours(site=None):
    """Both promises, (ordinary, urgent), read in one query."""
    manager = CommunityManagerSettings.for_site_without_saving(site)
    return manager.promised_response_hours, manager.urgent_response_hours


def open_reports():
    return CommentReport.objects.filter(comment_id=OuterRef("pk"), reviewed_at__isnull=True)


def with_open_reports(comments):
    """``comments`` with ``has_open_reports`` and ``report_count`` (their open reports from readers)."""
    reports = open_reports()
    return comments.annotate(
        has_open_reports=Exists(reports),
        report_count=Coalesce(
            Subquery(
                reports.order_by().values("comment_id").annotate(total=Count("pk")).values("total")[:1],
                output_field=IntegerField(),
            ),
            0,
        ),
    )


def awaits_review():
    """Published comments no moderator has read yet (post-moderation)."""
    return Q(state=State.PUBLISHED, reviewed_at__isnull=True)


def needs_decision():
    """What a moderator must decide on: pending comments (whatever held them: screening, readers' reports, an
    urgent phrase), published ones not yet reviewed, published ones with open reports. Needs
    ``has_open_reports`` (``with_open_reports``)."""
    return Q(state=State.PENDING) | awaits_review() | Q(state=State.PUBLISHED, has_open_reports=True)


def queue_queryset(removed=False):
    """The queue, annotated; with ``removed``, removed comments instead (to restore one)."""
    return (
        with_open_reports(ConsultationComment.objects.all())
        .annotate(first_report_at=Subquery(open_reports().order_by("created_at").values("created_at")[:1]))
        .annotate(
            waiting_since=Case(
                # Unread since it was posted; a reported one since its first open report.
                When(awaits_review(), then=F("submit_date")),
                When(state=State.PUBLISHED, then=F("first_report_at")),
                When(state=State.REMOVED, then=F("submit_date")),
                default=Coalesce("state_changed_at", "submit_date"),
            )
        )
        .filter(Q(state=State.REMOVED) if removed else needs_decision() | Q(state=State.RETURNED))
    )


def is_urgent_case():
    """Urgent (``is_urgent``) and waiting for a moderator's decision: the "Urgent" lane, first in the queue."""
    return Q(is_urgent=True) & needs_decision()


def is_urgent_row(comment):
    """Whether a comment of the queue is in the "Urgent" lane (as ``is_urgent_case``, in Python)."""
    return comment.is_urgent and comment.state in {State.PENDING, State.PUBLISHED}


def ordered(comments):
    """Urgent comments first, then what waits for a moderator, oldest first; comments waiting for their author
    come last."""
    return comments.annotate(
        is_returned=Case(When(state=State.RETURNED, then=1), default=0, output_field=IntegerField()),
        urgent_first=Case(When(is_urgent_case(), then=0), default=1, output_field=IntegerField()),
    ).order_by("urgent_first", "is_returned", "waiting_since", "pk")


def filter_lane(comments, lane):
    """One lane of the queue: pending, published not yet reviewed, reported by readers, returned (removed
    comments are a queryset of their own, ``queue_queryset(removed=True)``)."""
    if lane == URGENT:
        return comments.filter(is_urgent_case())
    if lane == FLAGGED:
        return comments.filter(has_open_reports=True)
    if lane == UNREVIEWED:
        return comments.filter(awaits_review())
    if lane in {State.PENDING, State.RETURNED, State.PUBLISHED}:
        return comments.filter(state=lane)
    return comments


def filter_screening_reason(comments, reason):
    """Comments that screening held for ``reason`` (a code, or "blocklist" for any blocklisted word)."""
    return comments.filter(screening_reasons__icontains=f'"{reason}')


def listing(comments, now=None, promise_hours=None, urgent_hours=None):
    """The queue as the admin lists it: each comment with its consultation's title, its parent's author and
    text, and whether it waited past the promise (the shorter one for urgent comments), all in the one query
    of the page."""
    now = now or timezone.now()
    deadline = now - datetime.timedelta(hours=promise_hours or promised_response_hours())
    urgent_deadline = now - datetime.timedelta(hours=urgent_hours or urgent_response_hours())
    parent = ConsultationComment.objects.filter(pk=OuterRef("parent_id")).exclude(pk=OuterRef("pk"))
    # A comment's object_pk is text: cast it to the page id (a primary-key search), never every id to text.
    page = Page.objects.filter(pk=Cast(OuterRef("object_pk"), BigIntegerField())).order_by()
    return comments.annotate(
        consultation_title=Subquery(page.values("title")[:1]),
        parent_name=Subquery(parent.values("user_name")[:1]),
        parent_text=Subquery(parent.values("comment")[:1]),
        is_late=Case(
            When(
                Q(state__in=[State.PENDING, State.PUBLISHED]) & Q(waiting_since__lt=deadline),
                then=Value(True),
            ),
            When(
                Q(state__in=[State.PENDING, State.PUBLISHED], is_urgent=True)
                & Q(waiting_since__lt=urgent_deadline),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


@dataclass
class Summary:
    waiting: int
    oldest_since: datetime.datetime | None
    late: int
    promise_hours: int
    unreviewed: int = 0  # of ``waiting``: published, not yet reviewed
    urgent: int = 0  # of ``waiting``: urgent
    urgent_late: int = 0  # of ``urgent``: waiting longer than ``urgent_hours``
    urgent_hours: int = 2

    @property
    def is_late(self):
        return self.late > 0


def summary(now=None, promise_hours=None, urgent_hours=None):
    """What the dashboard shows: comments waiting for a decision, the oldest one, those past the promise, and
    the urgent ones with those past the urgent promise (one query)."""
    now = now or timezone.now()
    hours = promise_hours or promised_response_hours()
    urgent_hours = urgent_hours or urgent_response_hours()
    deadline = now - datetime.timedelta(hours=hours)
    urgent_deadline = now - datetime.timedelta(hours=urgent_hours)
    figures = (
        waiting_comments()
        .order_by()
        .aggregate(
            total=Count("pk"),
            oldest=Min("waiting_since"),
            late=Count("pk", filter=Q(waiting_since__lt=deadline)),
            unreviewed=Count("pk", filter=awaits_review()),
            urgent=Count("pk", filter=Q(is_urgent=True)),
            urgent_late=Count("pk", filter=Q(is_urgent=True, waiting_since__lt=urgent_deadline)),
        )
    )
    return Summary(
        figures["total"],
        figures["oldest"],
        figures["late"],
        hours,
        figures["unreviewed"],
        urgent=figures["urgent"],
        urgent_late=figures["urgent_late"],
        urgent_hours=urgent_hours,
    )


def waiting_comments():
    """The comments that wait for a decision, annotated as the queue lists them (the dashboard's figures)."""
    return queue_queryset().filter(needs_decision())


@dataclass
class Counts:
    waiting: int  # the one count of the queue
    returned: int  # listed last, not counted: they wait for their authors


def counts():
    """The queue's counts, in one query."""
    figures = (
        ConsultationComment.objects.annotate(has_open_reports=Exists(open_reports()))
        .filter(needs_decision() | Q(state=State.RETURNED))
        .aggregate(
            waiting=Count("pk", filter=needs_decision()), returned=Count("pk", filter=Q(state=State.RETURNED))
        )
    )
    return Counts(figures["waiting"], figures["returned"])


def waiting_count():
    """The one count of the queue (menu badge, dashboard, queue page, moderators' emails)."""
    return counts().waiting


def counts_for_request(request):
    """``counts()``, read once per request: the menu badge, the dashboard and the queue page of one admin
    request share it."""
    if not hasattr(request, "_tribune_queue_counts"):
        request._tribune_queue_counts = counts()
    return request._tribune_queue_counts
