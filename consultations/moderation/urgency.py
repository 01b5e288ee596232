"""Urgent disclosures: does a comment say that a young person is hurt, wants to hurt themselves, is abused or in
danger?

``find_urgent(text)`` returns the urgent phrases found (an empty list for none), from the organisers' list
(``UrgentPhrase``, all languages at once). Both the text and the phrases are brought to one spelling first
(``normalise``): lower case, no accents, apostrophes and hyphens as spaces, a few texting spellings written out
("jveux" → "je veux", "g" → "j ai", "wanna" → "want to", "dont" → "do not"), so one phrase catches its usual
spellings. A letter may be repeated ("mouriiiir"). Phrases never match across a sentence's end or a comma.

Hyperbole is kept out by writing first-person, specific phrases ("envie de mourir", "kill myself", "il me
frappe"), never single words like "tuer", "mort" or "kill"; and an everyday expression of the list that
overlaps an urgent match and runs on past it cancels it ("mourir de rire" in "j'avais envie de mourir de
rire", "hit me up" in "he hit me up on discord").
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext

from consultations.models import UrgentPhrase

URGENT = UrgentPhrase.Kind.URGENT
EVERYDAY = UrgentPhrase.Kind.EVERYDAY

_APOSTROPHES_AND_HYPHENS = re.compile(r"['’‘`´ʼ\-‐‑–_]+")
# Where a phrase cannot run on: the end of a sentence, a comma, brackets, quotes, a new line.
_BREAKS = re.compile(r"[.!?;:,…()\[\]{}\"«»“”/|\n\r]+")
_WORD = re.compile(r"\w+\*?")
_VOWELS = set("aeiouyh")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})

# Texting spellings, written out (after folding). Only what urgent phrases need.
_SPELLED_OUT = {
    # French
    "jai": "j ai",
    "g": "j ai",
    "chui": "je suis",
    "chuis": "je suis",
    "jsui": "je suis",
    "vx": "veux",
    "veu": "veux",
    "ve": "veux",
    "mn": "mon",
    # English
    "im": "i am",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "u": "you",
    "ur": "your",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "cannot",
    "ive": "i have",
    "mom": "mum",
    "mommy": "mum",
    "mummy": "mum",
    "stepmom": "stepmum",
    "daddy": "dad",
}
# Contractions split by their apostrophe ("don't" → "don t"), written out.
_CONTRACTIONS = {
    ("i", "m"): "i am",
    ("don", "t"): "do not",
    ("doesn", "t"): "does not",
    ("didn", "t"): "did not",
    ("can", "t"): "cannot",
    ("won", "t"): "will not",
    ("i", "ve"): "i have",
    ("i", "d"): "i would",
    ("wasn", "t"): "was not",
}


def fold(text):
    """Lower case, without accents or ligatures."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _spell_out(words):
    spelled = []
    index = 0
    while index < len(words):
        word = words[index]
        pair = (word, words[index + 1]) if index + 1 < len(words) else None
        if pair in _CONTRACTIONS:
            spelled.extend(_CONTRACTIONS[pair].split())
            index += 2
            continue
        if word in _SPELLED_OUT:
            spelled.extend(_SPELLED_OUT[word].split())
        elif word == "j" and index + 1 < len(words) and words[index + 1][:1] not in _VOWELS:
            spelled.append("je")  # "j'veux", "j me"
        elif re.fullmatch(r"j[bcdfgjklmnpqrstvwxz][a-z]+", word):
            spelled.extend(["je", _SPELLED_OUT.get(word[1:], word[1:])])  # "jveux", "jme", "jsuis"
        else:
            spelled.append(word)
        index += 1
    return spelled


def normalise(text):
    """The text as phrases are matched against: words (and a phrase's trailing "*") separated by one space,
    " | " where a sentence or a clause ends."""
    pieces = _BREAKS.split(_APOSTROPHES_AND_HYPHENS.sub(" ", fold(text)))
    return " | ".join(" ".join(_spell_out(_WORD.findall(piece))) for piece in pieces if piece.strip())


def _word_pattern(word):
    stem, star = (word[:-1], True) if word.endswith("*") else (word, False)
    # Each letter may be repeated: "mouriiir", "kiiill".
    return "".join(re.escape(char) + "+" for char in stem) + (r"\w*" if star else "")


def _phrase_body(phrase):
    words = normalise(phrase).replace("|", " ").split()
    return " ".join(_word_pattern(word) for word in words) + r"(?!\w)" if words else None


@dataclass(frozen=True)
class Entry:
    phrase: str
    kind: str
    category: str


@dataclass(frozen=True)
class Finding:
    phrase: str
    category: str

    def to_json(self):
        return f"{self.category}:{self.phrase}"

    @classmethod
    def from_json(cls, value):
        category, _sep, phrase = str(value).partition(":")
        return cls(phrase, category)

    @property
    def category_label(self):
        return str(CATEGORY_LABELS.get(self.category, self.category))


CATEGORY_LABELS = dict(UrgentPhrase.Category.choices)


@dataclass(frozen=True)
class Matcher:
    any_urgent: re.Pattern | None
    urgent: tuple  # of (Entry, pattern)
    everyday: tuple


@lru_cache(maxsize=4)
def _matcher(entries):
    compiled = {URGENT: [], EVERYDAY: []}
    bodies = []
    for entry in entries:
        body = _phrase_body(entry.phrase)
        if body is not None and entry.kind in compiled:
            compiled[entry.kind].append((entry, re.compile(r"(?<!\w)" + body)))
            if entry.kind == URGENT:
                bodies.append(body)
    # One pass to tell most comments apart: tried only where a word starts.
    any_urgent = re.compile(r"(?<!\w)(?:" + "|".join(bodies) + ")") if bodies else None
    return Matcher(any_urgent, tuple(compiled[URGENT]), tuple(compiled[EVERYDAY]))


def phrase_entries():
    """Every phrase of the list, all locales, as the matcher reads it (one query)."""
    return tuple(
        Entry(phrase, kind, category)
        for phrase, kind, category in UrgentPhrase.objects.order_by("pk").values_list(
            "phrase", "kind", "category"
        )
    )


def find_urgent(text, entries=None):
    """The urgent phrases ``text`` contains, each once, in the list's order; ``entries`` defaults to the list."""
    matcher = _matcher(phrase_entries() if entries is None else tuple(entries))
    if matcher.any_urgent is None:
        return []
    normalised = normalise(text)
    if not matcher.any_urgent.search(normalised):
        return []
    everyday = [
        match.span() for _entry, pattern in matcher.everyday for match in pattern.finditer(normalised)
    ]
    found = []
    for entry, pattern in matcher.urgent:
        for match in pattern.finditer(normalised):
            start, end = match.span()
            # An everyday expression that overlaps the phrase and runs on past its end finishes it otherwise
            # ("envie de mourir" + "mourir de rire"); one that stops before it does not ("live in" + "live in
            # this world").
            if any(other_start < end and other_end >= end for other_start, other_end in everyday):
                continue
            finding = Finding(entry.phrase, entry.category)
            if finding not in found:
                found.append(finding)
            break
    return found


def labels(stored):
    """What a moderator reads of the phrases saved on a comment (``urgent_phrases``): "Suicide: “veux mourir”"."""
    return [
        gettext("%(category)s: “%(phrase)s”") % {"category": finding.category_label, "phrase": finding.phrase}
        for finding in map(Finding.from_json, stored or [])
    ]


def categories(stored):
    """The kinds of danger named by the phrases saved on a comment, each once, for an email that quotes none
    (lazy: each reader's language)."""
    codes = list(dict.fromkeys(finding.category for finding in map(Finding.from_json, stored or [])))
    return [CATEGORY_LABELS.get(code, code) for code in codes]
