"""Finding published comments by their words, for the site search (``home.views.search``).

A comment is found only where a reader can already see it: published, on a live consultation without view
restrictions that shows its comments, in the language being read. Every word must appear in the text,
whatever its case and accents ("ecole" finds "École"): the text is folded in the database as ``fold()``
folds the words, by a function registered on each SQLite connection, and by ``translate(lower(…))`` on
PostgreSQL (no extension needed; ``unaccent`` would be PostgreSQL-only).
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Lower

from consultations.models import ConsultationComment, ConsultationPage
from consultations.models.comments import public_name

State = ConsultationComment.State
SQLITE_FOLD_FUNCTION = "tribune_fold"


def _accent_table():
    """Each accented letter of Latin-1 and Latin Extended-A and its plain lower-case letter (a short table:
    PostgreSQL's translate() looks each character up in it)."""
    accented, plain = [], []
    for code in range(0x00C0, 0x0180):
        char = chr(code)
        base, *marks = unicodedata.normalize("NFKD", char)
        if marks and base.isascii() and base.isalpha() and all(unicodedata.combining(m) for m in marks):
            accented.append(char)
            plain.append(base.lower())
    return "".join(accented), "".join(plain)


FOLD_FROM, FOLD_TO = _accent_table()
_PLAIN = dict(zip(FOLD_FROM, FOLD_TO, strict=True))
_ACCENTED = re.compile(f"[{re.escape(FOLD_FROM)}]")


# What lower() makes of "İ" (a capital I with a dot, as in "İstanbul"): an "i" and a combining dot.
DOTTED_I = "i\u0307"


def fold(text):
    """Lower case without accents, the way the database compares the words: "Été" → "ete", "İzmir" → "izmir"."""
    text = text.lower()
    if text.isascii():
        return text
    # str.translate looks every character up: ~10 µs for 200 characters, against ~2 µs this way.
    return _ACCENTED.sub(lambda accented: _PLAIN[accented.group()], text).replace(DOTTED_I, "i")


def folded(field):
    """The field's text folded by the database as ``fold()`` folds it in Python."""
    if connection.vendor == "sqlite":
        # Registered on the connection in use (it may be new); deterministic, so SQLite may reuse results.
        connection.ensure_connection()
        connection.connection.create_function(SQLITE_FOLD_FUNCTION, 1, _fold_or_none, deterministic=True)
        return Func(F(field), function=SQLITE_FOLD_FUNCTION, output_field=TextField())
    # lower("İ") is "i" or DOTTED_I, as PostgreSQL's collation has it; translate() turns an "İ" left as it was
    # into "i".
    without_accents = Func(
        Lower(field), Value(FOLD_FROM), Value(FOLD_TO), function="translate", output_field=TextField()
    )
    return Func(without_accents, Value(DOTTED_I), Value("i"), function="replace", output_field=TextField())


# The last text SQLite folded and its folded form, as one tuple (replaced whole, so threads never mix them up).
# SQLite calls the function once per word on the same row, one call after the other: a query of 16 words that
# most comments contain folded each comment 16 times (~1 s for 10,000 comments), now once.
_last_folded = (None, None)


def _fold_or_none(text):
    global _last_folded  # noqa: PLW0603 (see above)
    if text is None:
        return None
    last_text, last_folded = _last_folded
    if text == last_text:
        return last_folded
    folded_text = fold(text)
    _last_folded = (text, folded_text)
    return folded_text


def needles(words):
    """The folded words a text must contain: each once, without those found inside a longer one ("park"
    makes "par" redundant), longest first so the database gives up on a comment at the first miss."""
    distinct = sorted({fold(word) for word in words if word}, key=lambda word: (-len(word), word))
    return [
        word for index, word in enumerate(distinct) if not any(word in longer for longer in distinct[:index])
    ]


@dataclass
class CommentHit:
    """A published comment found by the search, with the consultation it belongs to."""

    id: int
    consultation: ConsultationPage
    author: str
    submitted_at: object
    text: str
    is_community_manager: bool

    @property
    def author_name(self):
        """The name readers see (for the community manager, the site's display name, else the role)."""
        return public_name(self.author, self.is_community_manager)

    @property
    def url(self):
        """Its permalink (``comment_permalink``), under the consultation's address."""
        return f"{self.consultation.url}comments/{self.id}/"


class CommentSearch:
    """The comments that contain every word, newest first; ``hits(rows)`` turns a page of them into results.

    Two queries for the consultations and the comments' ids (``rows`` is a plain queryset, so a paginator
    counts it and slices it in the database).
    """

    fields = ("id", "object_pk", "user_name", "submit_date", "comment", "is_community_manager")

    def __init__(self, words, locale):
        self.consultations = {}
        self.rows = ConsultationComment.objects.none().values(*self.fields)
        found = needles(words)
        if not found:
            return
        # Comments are kept on each consultation's source page; the hits link to the page in this locale.
        self.consultations = {
            str(page.source_pk): page
            for page in ConsultationPage.objects.live()
            .public()
            .filter(locale=locale, comments_enabled=True)
            .annotate(source_pk=ConsultationPage.source_pk_expression())
            .defer_streamfields()
        }
        if not self.consultations:
            return
        rows = ConsultationComment.objects.filter(
            state=State.PUBLISHED,
            content_type=ContentType.objects.get_for_model(ConsultationPage),
            object_pk__in=list(self.consultations),
        ).alias(folded_text=folded("comment"))
        for word in found:
            rows = rows.filter(folded_text__contains=word)
        self.rows = rows.order_by("-submit_date", "-id").values(*self.fields)

    def hits(self, rows):
        return [
            CommentHit(
                id=row["id"],
                consultation=self.consultations[row["object_pk"]],
                author=row["user_name"],
                submitted_at=row["submit_date"],
                text=row["comment"],
                is_community_manager=row["is_community_manager"],
            )
            for row in rows
        ]
