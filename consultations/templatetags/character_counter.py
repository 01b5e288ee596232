"""``{% character_counter field %}``: the place of a comment field's live counter, and its words.

static/js/comments.js writes "1,988 characters left" there as the author types. Its words come from
here, translated into the page's language, with the language's plural forms: each form is listed with
the numbers that take it, and the script shows, for any count, the form listed with a number the
browser's own plural rules (``Intl.PluralRules``) put in the same category. The data is an attribute,
never a script, so the page's Content-Security-Policy has nothing to allow.
"""

import functools
import json

from django import template
from django.utils.translation import get_language, ngettext

register = template.Library()

# Whole numbers that meet every plural category CLDR knows for whole numbers, in every language
# (Arabic's "few" 3–10 and "many" 11–99, Polish and Russian "many" 5–20, French "many" for millions…).
PLURAL_SAMPLES = (*range(31), *range(100, 112), 1_000_000)


def plural_forms(translate):
    """[[form, [numbers]], …]: each form ``translate(number)`` gives, with the sample numbers that take it."""
    forms = {}
    for number in PLURAL_SAMPLES:
        forms.setdefault(translate(number), []).append(number)
    return [[form, numbers] for form, numbers in forms.items()]


def once_per_language(words):
    """``words()`` (the translated words of a script, in the active language) worked out once a process for each
    language: the plural forms of one text are 44 translations, and a comment form's pages needed 88 of them (2 ms)
    on every drawing."""
    by_language = functools.lru_cache(maxsize=32)(lambda language: words())

    @functools.wraps(words)
    def cached():
        return by_language(get_language())

    return cached


@once_per_language
def counter_texts():
    """The counter's words in the active language; the script puts the count in place of %(count)s."""
    return {
        "language": get_language(),
        "left": plural_forms(
            lambda count: ngettext("%(count)s character left", "%(count)s characters left", count)
        ),
        "over": plural_forms(
            lambda count: ngettext("%(count)s character too many", "%(count)s characters too many", count)
        ),
    }


@register.inclusion_tag("consultations/includes/character_counter.html")
def character_counter(field):
    return {"field": field, "texts": json.dumps(counter_texts(), ensure_ascii=False)}
