"""Screening a comment before anything is public: likely personal data and blocklisted words.

``screen(text)`` returns why a comment should wait for a moderator (an empty list when nothing
was found). Personal data is also shown to the author before posting, so that they can remove it;
blocklisted words are not (they only hold the comment).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from django.conf import settings
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from consultations.models import BlockedWord
from consultations.moderation.personal_data import (
    fold,
    has_account,
    has_birthdate,
    has_school_name,
    is_dates_and_years,
    is_public_number,
    phone_like_runs,
)

BLOCKLIST = "blocklist"
LABELS = {
    "email": _("email address"),
    "phone": _("phone number"),
    "address": _("street address"),
    "handle": _("social-media account"),
    "link": _("link"),
    "school": _("school name"),
    "birthdate": _("date of birth"),
}
# What the author reads: "It looks like your comment contains a phone number…"
ARTICLES = {
    "email": _("an email address"),
    "phone": _("a phone number"),
    "address": _("a street address"),
    "handle": _("a social-media account"),
    "link": _("a link"),
    "school": _("the name of a school"),
    "birthdate": _("a date of birth"),
}


@dataclass(frozen=True)
class ScreeningReason:
    code: str
    detail: str = ""

    @property
    def is_personal_data(self):
        return self.code != BLOCKLIST

    @property
    def label(self):
        if self.code == BLOCKLIST:
            return gettext("blocklisted word: %(word)s") % {"word": self.detail}
        return str(LABELS.get(self.code, self.code))

    def to_json(self):
        return f"{self.code}:{self.detail}" if self.detail else self.code

    @classmethod
    def from_json(cls, value):
        code, _sep, detail = str(value).partition(":")
        return cls(code, detail)


_TLDS = r"(?:com|fr|net|org|io|be|ch|uk|de|eu|info|me|ly|gg|tv|app|xyz)"
# Both start where a word starts: trying every position inside "1.1.1.1…" took a second per 2,000 characters.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+\s*(?:\(at\)|\[at\]|\s(?:at|arobase|arobas)\s)\s*[\w-]+\s*(?:\(dot\)|\[dot\]|\s(?:dot|point)\s|\.)\s*{_TLDS}\b",
    re.IGNORECASE,
)
LINK = re.compile(
    rf"(?:https?://|www\.)\S+|\b[\w-]{{2,}}\.{_TLDS}\b(?:/\S*)?",
    re.IGNORECASE,
)
# "@lea_du_69"; accounts written after their platform are found by ``personal_data.has_account``.
HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,29})")
_FR_STREET = r"(?:rue|avenue|av\.|boulevard|bd|chemin|place|all[ée]e|impasse|route|quai|cours|passage|square|r[ée]sidence|lotissement)"
_EN_STREET = (
    r"(?i:street|st\.?|road|rd\.?|avenue|ave\.?|lane|drive|close|way|crescent|court|terrace|gardens|grove)"
)
ADDRESS = re.compile(
    # 12 rue de la Paix, 3 bis avenue Jean Jaurès, 5 place Bellecour
    rf"\b\d{{1,4}}\s*(?:bis|ter)?,?\s+(?i:{_FR_STREET})\s+(?:(?i:de|du|des|d['’]|la|l['’])|[A-ZÉÈÀÂÎÔÇ])"
    # 221B Baker Street, 10 Downing Street
    rf"|\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][\w'’-]+\s+){{1,3}}{_EN_STREET}\b"
    # 75011 Paris, 69003 Lyon (a postcode alone is not an address)
    r"|\b\d{5}\s+[A-ZÉÈÀÂÎÔÇ][a-zéèêëàâîïôûüç'’-]{2,}",
)


@lru_cache(maxsize=8)
def _blocklist_pattern(words):
    if not words:
        return None
    alternatives = sorted(
        (r"\s+".join(re.escape(part) for part in fold(word).split()) for word in words if word.strip()),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)")


def blocklisted_words():
    return tuple(BlockedWord.objects.order_by("word").values_list("word", flat=True))


def phone_regions():
    return settings.TRIBUNE_SCREENING_PHONE_REGIONS


def has_phone_number(text, regions):
    """A phone-like digit run (valid or not), or a valid number of one of ``regions`` ("+" numbers whatever the region).

    Public help lines ("Childline 0800 1111") and dates ("04.05.2010", a valid German number) pass. The digit runs are looked at
    first: they are cheaper, and find nearly every number ``phonenumbers`` would.
    """
    if phone_like_runs(text):
        return True
    return any(
        not is_public_number(match.raw_string) and not is_dates_and_years(match.raw_string)
        for region in regions
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)
    )


def screen(text, blocklist=None):
    """Why ``text`` should wait for a moderator, personal data first; ``blocklist`` defaults to the snippet's words."""
    reasons = []
    without_emails = EMAIL.sub(" ", text)
    if EMAIL.search(text) or OBFUSCATED_EMAIL.search(text):
        reasons.append(ScreeningReason("email"))
    if has_phone_number(LINK.sub(" ", without_emails), phone_regions()):
        reasons.append(ScreeningReason("phone"))
    if ADDRESS.search(text):
        reasons.append(ScreeningReason("address"))
    if HANDLE.search(without_emails) or has_account(without_emails):
        reasons.append(ScreeningReason("handle"))
    if LINK.search(OBFUSCATED_EMAIL.sub(" ", without_emails)):
        reasons.append(ScreeningReason("link"))
    if has_school_name(text):
        reasons.append(ScreeningReason("school"))
    if has_birthdate(text):
        reasons.append(ScreeningReason("birthdate"))
    words = blocklisted_words() if blocklist is None else tuple(blocklist)
    pattern = _blocklist_pattern(words)
    if pattern is not None:
        spelled = {" ".join(fold(word).split()): word for word in words}
        found = []
        for match in pattern.finditer(fold(text)):
            word = spelled.get(" ".join(match.group(1).split()), match.group(1))
            if word not in found:
                found.append(word)
        reasons.extend(ScreeningReason(BLOCKLIST, word) for word in found)
    return reasons


def personal_data_warning(reasons):
    """The sentence shown to the author, or "" when no personal data was found."""
    found = [ARTICLES[reason.code] for reason in reasons if reason.is_personal_data]
    if not found:
        return ""
    return ngettext(
        "It looks like your comment contains %(what)s: remove it to keep yourself safe.",
        "It looks like your comment contains %(what)s: remove them to keep yourself safe.",
        len(found),
    ) % {"what": get_text_list([str(item) for item in found], gettext("and"))}


def reason_labels(stored):
    """Labels for reasons saved on a comment (``screening_reasons``)."""
    return [ScreeningReason.from_json(value).label for value in stored or []]
