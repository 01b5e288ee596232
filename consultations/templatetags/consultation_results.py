"""``{% page_results as results %}``: the results a consultation page shows (its own once published, or a link to
another language's), read by the results room once per page (the thread's answers under comments share them)."""

from django import template
from django.conf import settings
from django.utils.translation import pgettext_lazy

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


# A language's name as it reads inside a sentence of the page's language ("en anglais"): the site's own names of
# languages are written in themselves, for the language switcher.
LANGUAGE_NAMES = {
    "en": pgettext_lazy("language inside a sentence", "English"),
    "fr": pgettext_lazy("language inside a sentence", "French"),
}


@register.filter
def language_in_sentence(code):
    return str(LANGUAGE_NAMES.get(code) or dict(settings.LANGUAGES).get(code, code))
