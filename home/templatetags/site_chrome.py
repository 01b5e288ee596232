"""Template tags for the chrome every public page shares: navigation and the language switch."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

register = template.Library()


def _localized_home(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    return site.root_page.localized


def published_translations(page):
    """The page and its live, public translations, with their locales: read once per page object, for the
    language switch and the ``hreflang`` alternates of the same render."""
    if "_published_translations" not in page.__dict__:
        page.__dict__["_published_translations"] = list(
            page.get_translations(inclusive=True).live().public().select_related("locale")
        )
    return page.__dict__["_published_translations"]


@register.simple_tag(takes_context=True)
def home_url(context):
    """The URL of the home page in the visitor's language."""
    home = _localized_home(context.get("request"))
    return home.url if home is not None else f"/{get_language()}/"


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_nav(context):
    """The home page in the visitor's language and its children marked "show in menus"."""
    request = context.get("request")
    home = _localized_home(request)
    items = home.get_children().live().public().in_menu() if home is not None else []
    current = context.get("page")
    return {
        "home": home,
        "items": items,
        "current_path": current.url_path if isinstance(current, Page) else None,
    }


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """A link per language that keeps the visitor on the same page when it is translated."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            translation.locale.language_code: translation.url for translation in published_translations(page)
        }
    links = []
    for code, _name in settings.LANGUAGES:
        name = get_language_info(code)["name_local"]
        url = translations.get(code)
        if url is None and request is not None:
            url = translate_url(request.path, code)
            if url == request.path and code != current:
                url = f"/{code}/"
        links.append({"code": code, "name": name, "url": url or f"/{code}/", "current": code == current})
    return {"links": links}


@register.inclusion_tag("includes/page_alternates.html", takes_context=True)
def page_alternates(context):
    """The page's canonical address and its translations (``hreflang``), for search engines and sharing."""
    page, request = context.get("page"), context.get("request")
    if not isinstance(page, Page) or request is None:
        return {}
    alternates = [
        (other.locale.language_code, other.get_full_url(request)) for other in published_translations(page)
    ]
    default = next((url for language, url in alternates if language == settings.LANGUAGE_CODE), None)
    return {
        "canonical": page.get_full_url(request),
        "alternates": alternates if len(alternates) > 1 else [],
        "default": default if len(alternates) > 1 else None,
    }
