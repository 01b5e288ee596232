"""What a search result shows: a short excerpt of its text around the first word searched, words marked.

An excerpt is a list of ``Part``s (plain text, and whether it is a match) that the template prints with
auto-escaping, so no text anyone typed ever becomes HTML.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from wagtail.fields import RichTextField

from consultations.comments.search import fold

EXCERPT_LENGTH = 220
CONTEXT_BEFORE = 60  # characters kept before the first match
WORD_BOUNDARY_REACH = 25  # how far to look for a space to cut at, rather than mid-word
# Embeddings, overrides and isolates would reorder the text around them; an excerpt drops them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Where a page's excerpt is taken from, first choice first: the first of them that contains a word searched,
# else the first that is not empty.
PAGE_TEXT_FIELDS = ("search_description", "summary", "question", "introduction", "intro")


@dataclass(frozen=True)
class Part:
    text: str
    match: bool = False


def plain_text(text):
    """One line of text: bidi controls dropped, spaces collapsed."""
    return " ".join(BIDI_CONTROLS.sub("", str(text)).split())


def rich_text_as_plain(text):
    """A page field's text as a reader sees it: rich text's tags removed and its entities read."""
    return plain_text(html.unescape(strip_tags(str(text))))


def _folded_same_length(text):
    """``fold(text)`` character by character, so that a position in one is the same in the other."""
    return "".join(folded if len(folded := fold(char)) == 1 else char for char in text)


def _pattern(words):
    distinct = sorted({fold(word) for word in words if word}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, distinct))) if distinct else None


ZERO_WIDTH_JOINER = "\u200d"


def _inside_a_character(text, position):
    """Whether cutting the text here would part a letter from its accents, or an emoji from its variation,
    skin tone or the emoji it is joined to."""
    if not 0 < position < len(text):
        return False
    char = text[position]
    return (
        unicodedata.category(char).startswith("M")  # accents and other combining marks
        or char == ZERO_WIDTH_JOINER
        or text[position - 1] == ZERO_WIDTH_JOINER
        or "\ufe00" <= char <= "\ufe0f"  # variation selectors
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin tones
    )


def _cut_start(text, start, first_match):
    if start <= 0:
        return 0
    space = text.find(" ", start, min(first_match, start + WORD_BOUNDARY_REACH))
    cut = space + 1 if space != -1 else start
    while cut < first_match and _inside_a_character(text, cut):
        cut += 1
    return cut


def _cut_end(text, end, last_needed):
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", max(last_needed, end - WORD_BOUNDARY_REACH), end)
    cut = space if space != -1 else end
    while cut > last_needed and _inside_a_character(text, cut):
        cut -= 1
    return cut


def excerpt(text, words, length=EXCERPT_LENGTH):
    """At most ``length`` characters of the text around the first word found, as ``Part``s; "…" where cut."""
    text = plain_text(text)
    pattern = _pattern(words)
    matches = list(pattern.finditer(_folded_same_length(text))) if pattern and text else []
    first = matches[0] if matches else None
    start = _cut_start(text, first.start() - CONTEXT_BEFORE, first.start()) if first else 0
    end = _cut_end(text, start + length, first.end() if first else start)
    parts = [Part("…")] if start > 0 else []
    position = start
    for match in matches:
        if match.start() >= end:
            break
        if match.end() <= position:
            continue
        if match.start() > position:
            parts.append(Part(text[position : match.start()]))
        stop = min(match.end(), end)
        parts.append(Part(text[max(position, match.start()) : stop], match=True))
        position = stop
    if position < end:
        parts.append(Part(text[position:end]))
    if end < len(text):
        parts.append(Part("…"))
    return parts


def _is_rich_text(page, name):
    """Rich text is HTML; any other field is plain text, shown by the page as typed ("&lt;" and "<b>" too)."""
    try:
        return isinstance(page._meta.get_field(name), RichTextField)
    except FieldDoesNotExist:
        return False


def page_excerpt(page, words):
    """An excerpt of the page's own description, summary, question or introduction (``PAGE_TEXT_FIELDS``)."""
    texts = [
        rich_text_as_plain(value) if _is_rich_text(page, name) else plain_text(value)
        for name in PAGE_TEXT_FIELDS
        if (value := getattr(page, name, ""))
    ]
    texts = [text for text in texts if text]
    if not texts:
        return []
    pattern = _pattern(words)
    found = next((text for text in texts if pattern and pattern.search(_folded_same_length(text))), None)
    return excerpt(found or texts[0], words)
