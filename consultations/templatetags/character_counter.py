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


def counter_texts():
    """The counter's words in the active language; the script puts the count in place of %(count)s."""
    return _counter_texts(get_language())


@functools.lru_cache(maxsize=32)
def _counter_texts(language):
    """Worked out once a process for each language (``language``, the active one, is the cache's key): 88
    translations each time cost 2 ms of every page with a comment form."""
    return {
        "language": language,
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
