"""Which Wagtail site a host is and which page an address shows, remembered by each process while the site's
version holds.

Wagtail finds a page by reading the site for the host, then the tree a level at a time (the localized root, then
each slug of the path, each page made specific): eight queries for a consultation, and two more for its view
restrictions. The answer changes only when the page tree, a page, a view restriction, a site or a locale changes, and
each of those renews ``versions.SITE`` (``page_cache.receivers``). So each process remembers, for the last
``PAGE_ROUTES_KNOWN`` hosts and ``PAGE_ROUTES_BYTES`` of addresses, for 10 minutes at most (``MAX_AGE``), the site
and the page Wagtail found under the version read before it looked; a later request for the same host reads no site (the admin too), and for the same address, under the same
version, reads neither the page nor its view restrictions (their rows as the database gave them, each request its
own copy). Both are handed to Wagtail (``request._wagtail_site``, ``request._wagtail_route_for_request``, which
Wagtail reads before looking itself). Everything else Wagtail still does on every request: each view restriction is
asked whether it accepts the visitor (a login, a group, a password given in this session), then the page's own
``serve``. Only plain GET and HEAD requests for a live page found by Wagtail's own view without sub-route (no
``args``), answered 200, are remembered; an address that found nothing is not, so made-up addresses cost nothing
here (a made-up host is refused by ``ALLOWED_HOSTS`` first). With the cache down (no version), Wagtail looks every
time."""

import pickle
import time

from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from page_cache import fragments, keys, versions
from page_cache.process_memory import ProcessMemory

# A remembered site or page is looked for again after this long, whatever the version says: a renewal Redis lost (a
# read-only replica after a failover, a snapshot restored) costs no more than it does for the shared pieces.
MAX_AGE = fragments.SECONDS


class Known(ProcessMemory):
    """Values stored as ``(version, …)``, each good while the site's version is the one it was found under, for
    ``MAX_AGE`` seconds at most."""

    def remember(self, key, value):
        super().remember(key, (time.monotonic(), value))

    def get(self, key, version):
        known = super().get(key)
        if known is None:
            return None
        remembered_at, value = known
        if value[0] != version or time.monotonic() - remembered_at > MAX_AGE:
            self.forget(key)
            return None
        return value


# (host, port, path, language): (version, page class, page id, the page and its view restrictions as read from the
# database, pickled, or None); 16 MB of them at most (a consultation with a long body pickles to ~15 KB).
KNOWN_ROUTES = Known("PAGE_ROUTES_BYTES", 16 * 1024 * 1024, weigh=lambda known: 200 + len(known[1][3] or b""))
KNOWN_SITES = Known("PAGE_ROUTES_KNOWN", 5_000)  # (host, port): (version, the site as read, pickled)


def with_restrictions(page, restrictions):
    """The page answers ``get_view_restrictions()`` with the rows read with it (here and above it, as Wagtail
    finds them): Wagtail still asks each one, on every request, whether it accepts the visitor (a login, a group,
    a password given in this session); only the rows are not read again while the site's version holds (a
    restriction added, changed or removed renews it, ``page_cache.receivers``)."""
    page.get_view_restrictions = lambda: restrictions


def site_version():
    try:
        return cache.get(versions.key(versions.SITE))
    except Exception:  # the cache is down: Wagtail looks for itself
        return None


class PageRouteMiddleware:
    """Below ``LocaleMiddleware``: the localized root Wagtail starts from depends on the language of the address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # What Wagtail finds a site by (``Site._find_for_request``): the domain as ALLOWED_HOSTS matched it, and the
        # port the request came in on. Every spelling of a host ("TRIBUNE.example.org.") is one entry.
        domain = keys.matched_host(request)
        if domain is None:
            return self.get_response(request)
        host = (domain, request.get_port())
        version = site_version()
        if version is None:
            return self.get_response(request)
        site = KNOWN_SITES.get(host, version)
        if site is not None:
            # A copy of its own: nothing one request caches on it (its root page) reaches another.
            request._wagtail_site = pickle.loads(site[1])  # noqa: S301 (pickled by this process, below)
        reads = request.method in ("GET", "HEAD")
        address = (*host, request.path, get_language())
        known = KNOWN_ROUTES.get(address, version) if reads and site is not None else None
        if known is not None:
            _version, page_model, page_pk, kept = known
            if kept is not None:
                page, restrictions = pickle.loads(kept)  # noqa: S301 (pickled by this process, below)
            else:
                page = page_model.objects.filter(pk=page_pk, live=True).select_related("locale").first()
                restrictions = list(page.get_view_restrictions()) if page is not None else []
                try:  # kept as read, before this request draws anything with them
                    kept = (
                        pickle.dumps((page, restrictions), pickle.HIGHEST_PROTOCOL)
                        if page is not None
                        else None
                    )
                except (pickle.PicklingError, TypeError, AttributeError):
                    kept = None  # a page that cannot be kept so is read each time
                if kept is None:
                    KNOWN_ROUTES.forget(address)
                else:
                    KNOWN_ROUTES.remember(address, (version, page_model, page_pk, kept))
            if page is not None:
                with_restrictions(page, restrictions)
                request._wagtail_route_for_request = RouteResult(page)
                return self.get_response(request)
        response = self.get_response(request)
        if site is None:  # a site handed from memory is not stored again
            self.remember_site(request, host, version)
        found = getattr(request, "_wagtail_route_for_request", None)
        if (
            reads
            and response.status_code == 200
            # Wagtail's own view, which routes the address itself (a view of ours may route another path, and a
            # 404 of it, a meeting's unknown .ics, must not take room)
            and getattr(getattr(request, "resolver_match", None), "url_name", None) == "wagtail_serve"
            and isinstance(found, RouteResult)
            and not found.args
            and not found.kwargs
            and isinstance(found.page, Page)
            and found.page.live
        ):
            # Not this page object: this request has drawn with it. The next request reads it and keeps that.
            KNOWN_ROUTES.remember(address, (version, type(found.page), found.page.pk, None))
        return response

    @staticmethod
    def remember_site(request, host, version):
        site = getattr(request, "_wagtail_site", None)
        if isinstance(site, Site):
            # As read from the database, nothing else: not what this request cached on it (its root page).
            fields = [field.attname for field in Site._meta.concrete_fields]
            pristine = Site.from_db(site._state.db, fields, [getattr(site, name) for name in fields])
            KNOWN_SITES.remember(host, (version, pickle.dumps(pristine, pickle.HIGHEST_PROTOCOL)))
