"""``{% page_results as results %}``: the results a consultation page shows (its own once published, or a link to
another language's), read by the results room once per page (the thread's answers under comments share them)."""

from django import template
from django.utils.translation import get_language, get_language_info

from consultations.results.reading import clean_rich_text
from consultations.results.reading import page_results as read_page_results

register = template.Library()


@register.simple_tag(takes_context=True)
def page_results(context):
    return read_page_results(context["page"])


@register.filter
def results_rich_text(html):
    """An organiser's rich text (results, answers), cleaned to the field's features."""
    return clean_rich_text(html)


@register.filter
def language_name(code):
    """A language's name in the active language, as it reads inside a sentence ("anglais" in French)."""
    try:
        name = get_language_info(code)["name_translated"]
    except KeyError:
        return code
    # French writes language names in lower case inside a sentence; English capitalises them.
    return str(name).lower() if (get_language() or "").startswith("fr") else str(name)
