import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    """Site search over the live, public pages in the visitor's language."""
    query = " ".join(request.GET.get("query", "").split())[:MAX_QUERY_LENGTH]
    # Only words reach the search backend: quotes and operators (SQLite FTS, PostgreSQL tsquery)
    # would otherwise be parsed and can fail on unbalanced input.
    words = " ".join(re.findall(r"\w+", query.lower()))
    results = Page.objects.none()
    if words:
        pages = Page.objects.live().public().filter(locale=Locale.get_active(), depth__gt=1)
        results = pages.search(words, operator="and")
    paginator = Paginator(results, RESULTS_PER_PAGE)
    results_page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "home/search.html",
        {"query": query, "results": results_page, "paginator": paginator},
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
