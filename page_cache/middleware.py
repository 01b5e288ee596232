"""Serve anonymous readers' pages from the shared cache, and say who else may keep a page (``Cache-Control``).

Placed right after SecurityMiddleware and WhiteNoise, before sessions (``MIDDLEWARE``): a hit opens no session,
reads no user and makes no query; it costs one cache round trip, the copy with the current versions it depends on
(each process remembers which versions a copy names, ``VERSION_NAMES``; a copy it has not seen yet takes a second
trip for the versions of its own). GZipMiddleware sits right below it, so the copy kept is the compressed one
and a hit is never compressed again.

A rendering is kept only when everything says it is the same for every anonymous reader: the page marked it
(``page_cache.marks.cacheable``), it is a 200 to a GET whose address carries nothing personal, it sets no cookie
(no session, no CSRF token, no message), nobody is signed in, and nothing below said ``private`` or
``no-store``."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from page_cache import keys, marks, versions
from page_cache.process_memory import ProcessMemory

logger = logging.getLogger(__name__)

HIT, MISS, PASS = "hit", "miss", "pass"
STATUS_HEADER = "X-Cache"
# Written again on every answer: never stored with the copy.
UNSTORED_HEADERS = {"cache-control", "set-cookie", STATUS_HEADER.lower(), "age", "expires"}
# A Vary on anything else would need a key of its own (Cookie: the page reads no cookie that a candidate may
# carry; the session and message cookies keep a request out of the cache).
KNOWN_VARY = {"accept-encoding", "cookie"}
PRIVATE = "private, no-store"


def default_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def shared_max_age():
    return getattr(settings, "PAGE_CACHE_SHARED_MAX_AGE", 60)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = keys.candidate_key(request)
        if key is None:
            return private_unless_said(self.get_response(request))
        hit = read(key)
        if hit is not None:
            return hit
        setattr(request, marks.ATTRIBUTE, marks.Marks())
        response = self.get_response(request)
        seconds = storable_seconds(request, key, response)
        if seconds is None:
            response[STATUS_HEADER] = PASS
            return private_unless_said(response)
        expires = time.time() + seconds
        store(key, response, marks.of(request).versions, expires, seconds)
        response[STATUS_HEADER] = MISS
        shared_cache_control(response, expires)
        return response


class VersionNames(ProcessMemory):
    """The version names of the copies this process last read or stored, by key, the most recent
    ``PAGE_CACHE_KNOWN_KEYS`` of them: what to fetch with a copy so that a hit takes one round trip. Only a hint:
    the versions a copy holds are still compared, whatever was fetched."""

    DEFAULT = (versions.SITE, versions.COMMENTS)

    def __init__(self):
        super().__init__("PAGE_CACHE_KNOWN_KEYS", 10_000)

    def get(self, key_value):
        return super().get(key_value, self.DEFAULT)

    def remember(self, key_value, names):
        super().remember(key_value, tuple(names))


VERSION_NAMES = VersionNames()


def read(key):
    """The cached answer for ``key``, if its copy is there and every version it was drawn under is current."""
    try:
        found = cache.get_many([key.value, *(versions.key(name) for name in VERSION_NAMES.get(key.value))])
        entry = found.get(key.value)
        if entry is None:
            return None
        VERSION_NAMES.remember(key.value, entry["versions"])
        now_versions = {
            name: found[versions.key(name)] for name in entry["versions"] if versions.key(name) in found
        }
        others = [name for name in entry["versions"] if name not in now_versions]
        if others:
            more = cache.get_many([versions.key(name) for name in others])
            now_versions.update(
                {name: more[versions.key(name)] for name in others if versions.key(name) in more}
            )
    except Exception:  # the cache is down: the page is drawn, as it was before there was a cache
        logger.warning("The page cache could not be read", exc_info=True)
        return None
    if now_versions != entry["versions"] or entry["expires"] <= time.time():
        return None
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response[STATUS_HEADER] = HIT
    shared_cache_control(response, entry["expires"])
    return response


def storable_seconds(request, key, response):
    """How long this rendering may be kept, or None when it must not be."""
    page_marks = marks.of(request)
    if not (key.storable and request.method == "GET" and page_marks is not None and page_marks.cacheable):
        return None
    if any(page_marks.parameters.get(name) != value for name, value in key.parameters):
        return None  # a parameter the page ignored, or a value it did not use as given: no copy of its own
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if "text/html" not in response.get("Content-Type", ""):
        return None
    said = response.get("Cache-Control", "").lower()
    if any(word in said for word in ("private", "no-store", "no-cache")):
        return None
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if vary - KNOWN_VARY:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    seconds = default_seconds()
    left = marks.seconds_left(page_marks)
    if left is not None:
        seconds = min(seconds, int(left))
    return seconds if seconds >= 1 else None


def store(key, response, page_versions, expires, seconds):
    entry = {
        "status": response.status_code,
        "headers": [
            (name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
        ],
        "content": response.content,
        "versions": page_versions,
        "expires": expires,
    }
    VERSION_NAMES.remember(key.value, page_versions)
    try:
        cache.set(key.value, entry, seconds)
    except Exception:
        logger.warning("The page cache could not be written", exc_info=True)


def shared_cache_control(response, expires):
    """A proxy or CDN may keep the page a minute (``PAGE_CACHE_SHARED_MAX_AGE``; a purge from
    ``wagtail.contrib.frontend_cache`` ends it sooner), never past the copy's end; a browser asks again each
    time, so a reader who just posted never reads their own browser's older copy."""
    left = max(0, int(expires - time.time()))
    response["Cache-Control"] = f"public, max-age=0, s-maxage={min(shared_max_age(), left)}"


def private_unless_said(response):
    """A page nobody marked as shared (a signed-in user's, a confirmation, a form with errors, a search) is kept
    by nobody: neither a proxy nor the browser's disk. Files, JSON and redirects, and responses that already
    say how to keep them, are left as they are."""
    if "Cache-Control" in response or 300 <= response.status_code < 400:
        return response
    if "text/html" not in response.get("Content-Type", ""):
        return response
    patch_cache_control(response, private=True, no_store=True)
    return response
