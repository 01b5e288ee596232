from wagtail import hooks

from page_cache import marks, versions


@hooks.register("before_serve_page")
def share_public_pages(page, request, serve_args, serve_kwargs):
    """Every Wagtail page without a view restriction (here or above it) may be served from the cache to anonymous
    readers, until the site changes (``versions.SITE``); a page adds what else it shows (``marks``). A page type
    with ``page_cache = False`` never is."""
    if marks.of(request) is None or getattr(page.specific_class, "page_cache", True) is False:
        return None
    if page.get_view_restrictions():
        return None
    marks.cacheable(request, versions.SITE)
    return None
