"""What the moderation queue lists, in which order, and how long each comment has waited.

A comment is in the queue when it waits for a moderator (pending, including those held after
reports), when it is published but no moderator has read it yet (post-moderation: the
"published, not yet reviewed" lane), when it was returned to its author for revision, or when it
is published but readers reported it and no moderator has decided since.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, When
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from wagtail.models import Page

from consultations.models import CommentReport, ConsultationComment
from consultations.moderation.screening import reason_labels
from guidelines.models import CommunityManagerSettings

State = ConsultationComment.State
FLAGGED = "flagged"
UNREVIEWED = "unreviewed"
LIST_FIELDS = (
    "id",
    "parent_id",
    "level",
    "object_pk",
    "user_name",
    "comment",
    "submit_date",
    "state",
    "screening_reasons",
    "reviewed_at",
)


def promised_response_hours(site=None):
    """Hours within which the site (the default one without ``site``) promises a moderator's answer:
    the community manager settings, 24 until an organiser sets them."""
    return CommunityManagerSettings.for_site_without_saving(site).promised_response_hours


def open_reports():
    return CommentReport.objects.filter(comment_id=OuterRef("pk"), reviewed_at__isnull=True)


def awaits_review():
    """Published comments no moderator has read yet (post-moderation)."""
    return Q(state=State.PUBLISHED, reviewed_at__isnull=True)


def needs_decision():
    """Pending comments, published ones not yet reviewed or with open reports: what a moderator must decide on."""
    return Q(state=State.PENDING) | awaits_review() | Q(state=State.PUBLISHED, has_open_reports=True)


def queue_queryset(removed=False):
    """The queue, annotated; with ``removed``, removed comments instead (to restore one)."""
    reports = open_reports()
    return (
        ConsultationComment.objects.annotate(
            has_open_reports=Exists(reports),
            report_count=Coalesce(
                Subquery(
                    reports.order_by().values("comment_id").annotate(total=Count("pk")).values("total")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
            first_report_at=Subquery(reports.order_by("created_at").values("created_at")[:1]),
        )
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


def filtered_queue(consultation=None, state="", reason="", flagged=False, query=""):
    comments = queue_queryset(removed=state == State.REMOVED)
    if consultation is not None:
        comments = comments.filter(object_pk=str(consultation.pk))
    if state == FLAGGED or flagged:
        comments = comments.filter(has_open_reports=True)
    if state == UNREVIEWED:
        comments = comments.filter(awaits_review())
    if state in {State.PENDING, State.RETURNED, State.PUBLISHED}:
        comments = comments.filter(state=state)
    if reason:
        comments = comments.filter(screening_reasons__icontains=f'"{reason}')
    if query:
        comments = comments.filter(comment__icontains=query)
    # What waits for a moderator comes first; comments waiting for their author come last.
    return comments.annotate(
        is_returned=Case(When(state=State.RETURNED, then=1), default=0, output_field=IntegerField())
    ).order_by("is_returned", "waiting_since", "pk")


@dataclass
class QueueRow:
    comment: dict
    reasons: list
    is_late: bool

    @property
    def id(self):
        return self.comment["id"]

    @property
    def awaits_review(self):
        return self.comment["state"] == State.PUBLISHED and self.comment["reviewed_at"] is None


def queue_rows(comments, now=None, promise_hours=None):
    """The page of the queue as rows, with their consultation's title and parent comment, in one query."""
    now = now or timezone.now()
    deadline = now - datetime.timedelta(hours=promise_hours or promised_response_hours())
    parent = ConsultationComment.objects.filter(pk=OuterRef("parent_id")).exclude(pk=OuterRef("pk"))
    page = Page.objects.annotate(pk_text=Cast("pk", CharField())).filter(pk_text=OuterRef("object_pk"))
    values = comments.annotate(
        consultation_title=Subquery(page.values("title")[:1]),
        parent_name=Subquery(parent.values("user_name")[:1]),
        parent_text=Subquery(parent.values("comment")[:1]),
    ).values(
        *LIST_FIELDS, "report_count", "waiting_since", "consultation_title", "parent_name", "parent_text"
    )
    return [
        QueueRow(
            comment=row,
            reasons=reason_labels(row["screening_reasons"]),
            is_late=row["state"] in {State.PENDING, State.PUBLISHED} and row["waiting_since"] < deadline,
        )
        for row in values
    ]


@dataclass
class Summary:
    waiting: int
    oldest_since: datetime.datetime | None
    late: int
    promise_hours: int
    unreviewed: int = 0  # of ``waiting``: published, not yet reviewed

    @property
    def is_late(self):
        return self.late > 0


def summary(now=None, promise_hours=None):
    """What the dashboard shows: comments waiting for a decision, the oldest one, those past the promise."""
    now = now or timezone.now()
    hours = promise_hours or promised_response_hours()
    deadline = now - datetime.timedelta(hours=hours)
    waiting = queue_queryset().filter(needs_decision())
    figures = waiting.order_by().aggregate(
        total=Count("pk"),
        late=Count("pk", filter=Q(waiting_since__lt=deadline)),
        unreviewed=Count("pk", filter=awaits_review()),
    )
    oldest = waiting.order_by("waiting_since").values_list("waiting_since", flat=True).first()
    return Summary(figures["total"], oldest, figures["late"], hours, figures["unreviewed"])


def waiting_count():
    """For the menu badge: comments that wait for a decision."""
    return (
        ConsultationComment.objects.annotate(has_open_reports=Exists(open_reports()))
        .filter(needs_decision())
        .count()
    )
