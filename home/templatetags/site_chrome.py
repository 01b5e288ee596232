"""Template tags for the chrome every public page shares: navigation, the language switch, the footer and
the tags that describe the page to search engines and link previews."""

import logging
from urllib.parse import urljoin

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info, to_locale
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from guidelines.models import GuidelinePage
from site_project import page_privacy

logger = logging.getLogger(__name__)
register = template.Library()


def _localized_home(request):
    """The site's home page in the visitor's language, read once per request (the logo's link, the navigation
    and the footer)."""
    if request is None:
        return None
    if not hasattr(request, "_tribune_localized_home"):
        site = Site.find_for_request(request)
        request._tribune_localized_home = site.root_page.localized if site is not None else None
    return request._tribune_localized_home


def published_translations(page, request=None):
    """The page and its live, public translations, with their locales: read once per page object, for the
    language switch and the ``hreflang`` alternates of the same render."""
    if "_published_translations" not in page.__dict__:
        page.__dict__["_published_translations"] = list(
            page_privacy.public(page.get_translations(inclusive=True).live(), request).select_related(
                "locale"
            )
        )
    return page.__dict__["_published_translations"]


@register.simple_tag(takes_context=True)
def home_url(context):
    """The URL of the home page in the visitor's language."""
    home = _localized_home(context.get("request"))
    return home.url if home is not None else f"/{get_language()}/"


def _menu(request):
    """The home page in the visitor's language and its live children marked "show in menus", read once
    per request: the header's navigation and the footer list the same pages."""
    if request is not None and hasattr(request, "_tribune_menu"):
        return request._tribune_menu
    home = _localized_home(request)
    items = (
        list(page_privacy.public(home.get_children().live(), request).in_menu()) if home is not None else []
    )
    if request is not None:
        request._tribune_menu = (home, items)
    return home, items


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_nav(context):
    """The home page in the visitor's language and its children marked "show in menus"."""
    home, items = _menu(context.get("request"))
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
            translation.locale.language_code: translation.url
            for translation in published_translations(page, request)
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
        (other.locale.language_code, other.get_full_url(request))
        for other in published_translations(page, request)
    ]
    default = next((url for language, url in alternates if language == settings.LANGUAGE_CODE), None)
    return {
        "canonical": page.get_full_url(request),
        "alternates": alternates if len(alternates) > 1 else [],
        "default": default if len(alternates) > 1 else None,
    }


# Open Graph wants language_TERRITORY; the site's languages are written for France and the UK.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
SHARE_IMAGE = {"path": "img/share-default.png", "width": 1200, "height": 630}
SHARE_RENDITION = "fill-1200x630|format-jpeg"


def tagline():
    return _("Tribune: young people have their say on the decisions that concern them.")


def _og_locale(code):
    return OG_LOCALES.get(code) or to_locale(code)


@register.inclusion_tag("includes/share_tags.html", takes_context=True)
def share_tags(context):
    """Open Graph and Twitter card tags: what a messaging app shows when someone shares the page."""
    page, request = context.get("page"), context.get("request")
    language = get_language()
    tags = {
        "site_name": "Tribune",
        "title": "Tribune",
        "description": tagline(),
        "locale": _og_locale(language),
        "alternate_locales": [_og_locale(code) for code, _name in settings.LANGUAGES if code != language],
        "url": request.build_absolute_uri(request.path) if request is not None else None,
        "type": "website",
    }
    image = None
    if isinstance(page, Page) and request is not None:
        specific = page.specific if type(page) is Page else page
        tags["title"] = specific.seo_title or specific.title
        # The organiser's search description, else the page's own plain-text summary or introduction.
        tags["description"] = (
            specific.search_description
            or getattr(specific, "summary", "")
            or getattr(specific, "introduction", "")
            or tags["description"]
        )
        tags["url"] = specific.get_full_url(request) or tags["url"]
        tags["type"] = "website" if specific.depth <= 2 else "article"  # a home page, or a page in the site
        image = _page_share_image(specific, tags["url"])
    if image is None:
        url = static(SHARE_IMAGE["path"])
        image = {
            "url": urljoin(tags["url"], url) if tags["url"] else url,
            "width": SHARE_IMAGE["width"],
            "height": SHARE_IMAGE["height"],
            "alt": tagline(),
        }
    tags["image"] = image
    return tags


def _page_share_image(page, page_url):
    """The page's lead image cropped to 1200×630 (JPEG), or None when it has none or it cannot be read."""
    lead_image = getattr(page, "lead_image", None)
    if lead_image is None:
        return None
    try:
        rendition = lead_image.get_rendition(SHARE_RENDITION)
    except (OSError, ValueError):  # a missing or unreadable file (SourceImageIOError is an OSError)
        logger.warning("No share image for page %s: its lead image cannot be read", page.pk, exc_info=True)
        return None
    return {
        "url": urljoin(page_url, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": lead_image.default_alt_text or page.title,
    }


@register.inclusion_tag("includes/site_footer.html", takes_context=True)
def site_footer(context):
    """The footer: the menu's pages, the code of conduct and the search, with the credits."""
    request = context.get("request")
    home, items = _menu(request)
    code_of_conduct = None
    if home is not None:
        site = Site.find_for_request(request)  # cached on the request by then
        code_of_conduct = GuidelinePage.code_of_conduct_for(site, get_language())
    return {"home": home, "items": items, "code_of_conduct": code_of_conduct, "tagline": tagline()}
