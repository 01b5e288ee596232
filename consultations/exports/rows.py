"""The rows of a consultation's export: its published comments in thread order, numbered, without a single
address, author key or network (what a row holds is ``COLUMNS``; nothing else is read from the database).

One query whatever the size (supports, published replies and the manager's reply are subqueries), read in
chunks: the rows are numbered as they stream by, keeping only the chain of comments above the current one
(at most ``COMMENTS_XTD_MAX_THREAD_LEVEL`` + 1 entries), so memory does not grow with the consultation.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext, pgettext

from consultations.models import CommentSupport, ConsultationComment, IdeaResponse

State = ConsultationComment.State
CHUNK_SIZE = 1000

# Text that a spreadsheet would read as a formula (or as the start of one after a tab or a line break).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text):
    """A cell's text that no spreadsheet runs: text starting with a formula character, also after leading
    whitespace, gets a leading apostrophe (OWASP's advice for CSV injection). Everything else is unchanged."""
    if text[:1] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def headers():
    """The header row, in the active language."""
    return [
        pgettext("export column", "Position"),
        pgettext("export column", "Replies to"),
        pgettext("export column", "Pseudonym"),
        pgettext("export column", "Date"),
        pgettext("export column", "Language"),
        pgettext("export column", "Text"),
        pgettext("export column", "Supports"),
        pgettext("export column", "Published replies"),
        pgettext("export column", "Community manager replied"),
        pgettext("export column", "Community manager's reply"),
        pgettext("export column", "Organisers' answer"),
    ]


@dataclass(frozen=True)
class Words:
    """What the rows say in words, read in the view: the file is written after the view has returned, when
    the user's language and time zone are no longer active."""

    yes: str
    no: str
    manager: str
    time_zone: object

    @classmethod
    def current(cls):
        return cls(
            yes=pgettext("export cell", "yes"),
            no=pgettext("export cell", "no"),
            manager=gettext("Community manager"),
            time_zone=timezone.get_current_timezone(),
        )


def _published_replies():
    # Looked for in the comment's thread (xtd indexes thread_id, not parent_id): a few rows, not the table.
    return ConsultationComment.objects.filter(
        thread_id=OuterRef("thread_id"), parent_id=OuterRef("pk"), state=State.PUBLISHED
    ).exclude(pk=OuterRef("pk"))


def _count(queryset, group_by):
    counts = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def comment_rows(page):
    """``comment_queryset``, read in chunks of ``CHUNK_SIZE`` rows (at 2,000 the peak memory at 20,000 comments
    was twice the one at 2,000: two chunks are alive where one ends and the next begins)."""
    return comment_queryset(page).iterator(chunk_size=CHUNK_SIZE)


def comment_queryset(page):
    """Every comment of the consultation (any translation given: the whole conversation), in thread order
    (threads as their first comment was posted, then xtd's order inside a thread), as dicts. Comments that are
    not published come too, without their text or name: they are needed to number the thread, never written."""
    published = Q(state=State.PUBLISHED)
    thread_started = ConsultationComment.objects.filter(pk=OuterRef("thread_id")).values("submit_date")[:1]
    return (
        ConsultationComment.objects.for_page(page)
        .annotate(
            thread_started=Subquery(thread_started),
            body=Case(When(published, then=F("comment")), default=Value(""), output_field=TextField()),
            pseudonym=Case(When(published, then=F("user_name")), default=Value(""), output_field=CharField()),
            support_count=_count(CommentSupport.objects.filter(comment=OuterRef("pk")), "comment"),
            reply_count=_count(_published_replies(), "parent_id"),
            # A count, not Exists: SQLite would then search by state (every published comment) first.
            manager_replies=_count(_published_replies().filter(is_community_manager=True), "parent_id"),
        )
        .order_by("thread_started", "thread_id", "order", "pk")
        .values(
            "id",
            "parent_id",
            "state",
            "pseudonym",
            "submit_date",
            "language",
            "body",
            "support_count",
            "reply_count",
            "manager_replies",
            "is_community_manager",
        )
    )


@dataclass
class _Above:
    id: int
    position: str  # "" for a comment that is not published
    children: int = 0


def numbered(rows):
    """(position, parent position, row) for each published row, rows in thread order.

    Positions count published comments only: "3.1.2" is the 3rd thread, its 1st published reply, that reply's
    2nd. A published reply to a comment that is not published (removed, pending) is numbered under the nearest
    published comment above it, or as a thread of its own if there is none."""
    above = []  # the comments above the current one, from its thread's first
    threads = 0
    for row in rows:
        if row["parent_id"] == row["id"]:
            above.clear()
        else:
            while above and above[-1].id != row["parent_id"]:
                above.pop()
        is_published = row["state"] == State.PUBLISHED
        position = ""
        if is_published:
            anchor = next((entry for entry in reversed(above) if entry.position), None)
            if anchor is None:
                threads += 1
                position, parent_position = str(threads), ""
            else:
                anchor.children += 1
                position, parent_position = f"{anchor.position}.{anchor.children}", anchor.position
            yield position, parent_position, row
        above.append(_Above(row["id"], position))


_BLOCK_ENDS = re.compile(r"</(p|li|ol|ul)>|<br\s*/?>", re.IGNORECASE)


def plain_text(html):
    """An organiser's rich text as plain text: paragraphs and list items on lines of their own, no markup."""
    lines = unescape(strip_tags(_BLOCK_ENDS.sub("\n", html or ""))).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def organisers_answers(page):
    """{comment id: "Idea: answer" (several joined by a blank line)}, from the answers to ideas of the page
    exported (its language), as published: one query, whatever the number of comments; its size grows with the
    links organisers made by hand, not with the conversation."""
    answers = {}
    links = (
        IdeaResponse.comments.through.objects.filter(idearesponse__page=page)
        .order_by("idearesponse__sort_order", "idearesponse_id")
        .values_list("consultationcomment_id", "idearesponse__idea", "idearesponse__response")
    )
    for comment_id, idea, response in links:
        answers.setdefault(comment_id, []).append(f"{idea}: {plain_text(response)}")
    return {comment_id: "\n\n".join(texts) for comment_id, texts in answers.items()}


def export_cells(page, words):
    """The cells of each published comment's row, as text, neutralised."""
    answers = organisers_answers(page)
    for position, parent_position, row in numbered(comment_rows(page)):
        name = row["pseudonym"] or (words.manager if row["is_community_manager"] else "")
        yield [
            position,
            parent_position,
            neutralised(name),
            timezone.localtime(row["submit_date"], words.time_zone).isoformat(),
            row["language"],
            neutralised(row["body"]),
            row["support_count"],
            row["reply_count"],
            words.yes if row["manager_replies"] else words.no,
            words.yes if row["is_community_manager"] else words.no,
            neutralised(answers.get(row["id"], "")),
        ]
