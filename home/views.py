import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from consultations.comments.search import CommentHit, CommentSearch
from home.search import excerpt, page_excerpt

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# The header's colour (--color-brand-strong) and the page's (--color-paper) in static/css/tribune.css.
THEME_COLOR = "#27186b"
BACKGROUND_COLOR = "#fffdf9"
COMMENTS_PER_PAGE = 10


@dataclass
class PageHit:
    page: Page
    excerpt: list


@dataclass
class CommentResult:
    hit: CommentHit
    excerpt: list


@require_GET
def search(request):
    """Site search over the live, public pages in the visitor's language, and the comments readers see there.

    Pages and comments are two lists, each paginated on its own (``page``, ``comments_page``)."""
    query = " ".join(request.GET.get("query", "").split())[:MAX_QUERY_LENGTH]
    # Only words reach the search backend: quotes and operators (SQLite FTS, PostgreSQL tsquery)
    # would otherwise be parsed and can fail on unbalanced input.
    words = re.findall(r"\w+", query.lower())
    pages = Page.objects.none()
    comments = CommentSearch([], locale=None)
    if words:
        locale = Locale.get_active()
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=locale, depth__gt=1)
            .search(" ".join(words), operator="and")
        )
        comments = CommentSearch(words, locale)
    pages_paginator = Paginator(pages, RESULTS_PER_PAGE)
    pages_page = pages_paginator.get_page(request.GET.get("page"))
    comments_paginator = Paginator(comments.rows, COMMENTS_PER_PAGE)
    comments_page = comments_paginator.get_page(request.GET.get("comments_page"))
    specific = Page.objects.filter(pk__in=[page.pk for page in pages_page]).specific().in_bulk()
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "results": pages_page,
            "paginator": pages_paginator,
            "page_hits": [
                PageHit(page, page_excerpt(specific.get(page.pk, page), words)) for page in pages_page
            ],
            "comments": comments_page,
            "comments_paginator": comments_paginator,
            "comment_hits": [
                CommentResult(hit, excerpt(hit.text, words)) for hit in comments.hits(comments_page)
            ],
            "total": pages_paginator.count + comments_paginator.count,
        },
    )


@require_GET
def robots_txt(request):
    """Crawlers may read the public pages; not the admin, nor the pages behind an author's signed links."""
    return render(
        request,
        "home/robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def web_manifest(request):
    """The web app manifest, in the visitor's language: what a phone shows when Tribune is added to
    its home screen. Icons go through ``static()`` so they keep their hashed names in production."""
    manifest = {
        "name": "Tribune",
        "short_name": "Tribune",
        "description": gettext("Tribune: young people have their say on the decisions that concern them."),
        "lang": get_language(),
        "start_url": f"/{get_language()}/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(
        manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
