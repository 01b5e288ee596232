"""Pieces of a page kept in the shared cache, for the requests the page cache does not serve.

A page the page cache may not keep (a visitor with a session, a signed-in editor, a cache miss after a change) is
drawn; the parts of it that are the same for every visitor (a consultation's thread, the site's navigation) need not
be. Each piece is stored with the versions (``page_cache.versions``) it was drawn under, read before drawing, like a
whole page: a piece whose versions are not all the current ones is drawn again, so a decision, a publication or a
release shows at once. A piece is fetched with its versions in one round trip.

With the cache down (``FallbackRedisCache`` answers as if empty), every piece is drawn: slower, never stale."""

import logging
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from page_cache import versions

PREFIX = "tribune:fragment:"
# A piece is dropped after this long even if nothing it depends on changed: a bound on what a lost renewal costs.
SECONDS = 600
logger = logging.getLogger(__name__)


def fetch(name, depends_on, draw, expires_at: datetime | None = None, keep=None):
    """The piece called ``name`` (every input of its drawing must be in it: page, language, options), drawn by
    ``draw()`` unless a copy drawn under the current versions of ``depends_on`` is kept. ``expires_at``: the piece
    changes by itself then (a consultation closes): no copy is kept past it. ``draw`` returns anything pickle
    keeps; ``keep(value)`` false: the piece is not kept (drawn for an input that must not make a new copy)."""
    seconds = SECONDS
    if expires_at is not None:
        seconds = min(seconds, int((expires_at - timezone.now()).total_seconds()))
        if seconds <= 0:
            return draw()
    piece_key = PREFIX + name
    version_keys = {versions.key(dependency): dependency for dependency in depends_on}
    try:
        found = cache.get_many([piece_key, *version_keys])
        current = {dependency: found.get(key) for key, dependency in version_keys.items()}
        if None in current.values():  # a version the cache lost: a new one, so no older copy matches
            current = versions.current(depends_on)
    except Exception:  # the cache is down: draw, keep nothing
        logger.warning("A page fragment could not be read from the cache", exc_info=True)
        return draw()
    stored = found.get(piece_key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == current:
        return stored[1]
    value = draw()
    if keep is not None and not keep(value):
        return value
    try:
        cache.set(piece_key, (current, value), seconds)
    except Exception:
        logger.warning("A page fragment could not be kept in the cache", exc_info=True)
    return value
