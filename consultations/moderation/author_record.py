"""What else a comment's author posted, for the moderator deciding on it: their other comments (the same keyed
address hash, ``ConsultationComment.author_key``), with their states, and how many of them were removed lately.
"""

import datetime
from dataclasses import dataclass

from django.db.models import BigIntegerField, Count, OuterRef, Q, Subquery, Window
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page

from consultations.models import ConsultationComment

State = ConsultationComment.State
RECENT_DAYS = 30
SHOWN = 20


@dataclass(frozen=True)
class AuthorRecord:
    comments: list  # the most recent others first, at most SHOWN
    total: int  # all their other comments
    recent_removals: int  # all their comments (this one too) removed in the last RECENT_DAYS days


def author_record(comment, now=None):
    """The author's other comments, newest first, in one query; None for a comment with no author key (the
    community manager's, or one whose address retention erased)."""
    if not comment.author_key or comment.is_community_manager:
        return None
    since = (now or timezone.now()) - datetime.timedelta(days=RECENT_DAYS)
    # The page's id is text in xtd's object_pk: cast it to the id, never every id to text.
    page_title = Page.objects.filter(pk=Cast(OuterRef("object_pk"), BigIntegerField())).values("title")[:1]
    rows = list(
        ConsultationComment.objects.select_related(None)
        .filter(author_key=comment.author_key)
        .annotate(
            page_title=Subquery(page_title),
            count_all=Window(Count("pk")),
            recent_removals=Window(Count("pk", filter=Q(state=State.REMOVED, state_changed_at__gte=since))),
        )
        .only("pk", "comment", "state", "submit_date", "state_changed_at", "object_pk", "language")
        .order_by("-submit_date", "-pk")[: SHOWN + 1]
    )
    if not rows:
        return AuthorRecord(comments=[], total=0, recent_removals=0)
    others = [row for row in rows if row.pk != comment.pk][:SHOWN]
    return AuthorRecord(comments=others, total=rows[0].count_all - 1, recent_removals=rows[0].recent_removals)
