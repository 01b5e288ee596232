"""Which requests may be answered from the page cache, and under which key.

A candidate is a GET or HEAD without a session cookie or a pending message, outside the admin and the other
paths that are never pages. Its key is the scheme, host and path, the query parameters that change the page
(``PAGE_CACHE_QUERY_PARAMETERS``: each with the values it may take) in a fixed order, and whether the reader's
browser takes gzip (the cached copy is the compressed one). Tracking parameters (``?utm_source=…``) and other
junk are left out of the key: such a request is served the page's copy, but its own rendering is never stored
(pagination links repeat the address's parameters), so junk cannot fill the cache. A parameter that makes the
page personal (``PAGE_CACHE_PERSONAL_PARAMETERS``: a post's confirmation, a reply form) takes the request out
of the cache altogether, and so does a known parameter with a value the page would not use as given."""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port

PREFIX = "tribune:page-cache:page:"
# GZipMiddleware's own test of Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")

DEFAULT_QUERY_PARAMETERS = {
    "page": r"[1-9][0-9]{0,2}",
    "sort": r"supported",
    "status": r"open|upcoming|closed|results",
}
DEFAULT_PERSONAL_PARAMETERS = ("sent", "reply_to")
DEFAULT_SKIPPED_PATHS = (
    "/admin/",
    "/documents/",
    "/healthz",
    "/sitemap.xml",
    "/robots.txt",
    "/static/",
    "/media/",
)


@dataclass(frozen=True)
class CacheKey:
    value: str
    storable: bool  # False: the address carries junk; its rendering is not stored
    parameters: tuple = ()  # ((name, value), …): the known parameters the address gives, which the page must read


def query_parameters():
    """{name: the pattern its value must match}; ``language`` (the thread's filter) takes the site's languages."""
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return {
        "language": languages,
        **getattr(settings, "PAGE_CACHE_QUERY_PARAMETERS", DEFAULT_QUERY_PARAMETERS),
    }


def matched_host(request):
    """The host as ALLOWED_HOSTS matched it (lower case, no trailing dot, no port): "TRIBUNE.example.org.:0443" is
    the same site, and must not be a new copy of every page. None for a host the site does not serve."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    domain, _port = split_domain_port(host)
    return domain.lower().rstrip(".")


def candidate_key(request):
    """The request's ``CacheKey``, or None when it must not be served from the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES:
        return None
    path = request.path
    if path.startswith(tuple(getattr(settings, "PAGE_CACHE_SKIPPED_PATHS", DEFAULT_SKIPPED_PATHS))):
        return None
    personal = getattr(settings, "PAGE_CACHE_PERSONAL_PARAMETERS", DEFAULT_PERSONAL_PARAMETERS)
    known = query_parameters()
    kept, storable = [], True
    for name in request.GET:
        if name in personal:
            return None
        if name not in known:
            storable = False
            continue
        values = request.GET.getlist(name)
        if len(values) != 1 or not re.fullmatch(known[name], values[0]):
            return None
        kept.append((name, values[0]))
    host = matched_host(request)
    if host is None:
        return None
    encoding = "gzip" if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
    query = "&".join(f"{name}={value}" for name, value in sorted(kept))
    address = f"{request.scheme}://{host}{path}?{query}|{encoding}"
    return CacheKey(PREFIX + hashlib.sha256(address.encode()).hexdigest(), storable, tuple(sorted(kept)))
