"""Wagtail's ``PageQuerySet.public()`` with the view restrictions read once per request.

``public()`` reads every view restriction each time it is called: four or five times for one page (the
navigation, the language switch, the page's own lists). Within one request the restrictions are read once, so a
restriction added by an organiser applies from the next request on. Only lists use this: whether a reader may
open a page at all is still decided by Wagtail on every request (``check_view_restrictions``), from the database.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction


def restricted_pages(request):
    """The pages that carry a view restriction (each hides itself and its descendants), once per request."""
    if request is None:
        return [restriction.page for restriction in PageViewRestriction.objects.select_related("page")]
    if not hasattr(request, "_tribune_restricted_pages"):
        request._tribune_restricted_pages = restricted_pages(None)
    return request._tribune_restricted_pages


def public(pages, request):
    """``pages.public()``: the pages outside every private section, as Wagtail decides it."""
    private = Q()
    for page in restricted_pages(request):
        private |= pages.descendant_of_q(page, inclusive=True)
    return pages.exclude(private) if private else pages
