"""Pieces of a page kept in the shared cache, for the requests the page cache does not serve.

A page the page cache may not keep (a visitor with a session, a signed-in editor, a cache miss after a change) is
drawn; the parts of it that are the same for every visitor (a consultation's thread, the site's navigation) need not
be. Each piece is stored with the versions (``page_cache.versions``) it was drawn under, read before drawing, like a
whole page: a piece whose versions are not all the current ones is drawn again, so a decision, a publication or a
release shows at once. A page reads the stamps of its pieces (which drawing is kept) with the current versions, and
a process reads a drawing itself only when it does not hold it already (``fetch``). With the request given, the first
piece of a page reads, in one round trip, the stamps and versions every piece of the last drawing of the same address
read (each process remembers which, for the last ``PAGE_FRAGMENTS_KNOWN`` addresses); its other pieces take none.

With the cache down (``FallbackRedisCache`` answers as if empty), every piece is drawn: slower, never stale."""

import logging
import re
import sys
import uuid
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from page_cache import keys, marks, versions
from page_cache.process_memory import ProcessMemory

PREFIX = "tribune:fragment:"
# A piece is dropped after this long even if nothing it depends on changed: a bound on what a lost renewal costs.
SECONDS = 600
logger = logging.getLogger(__name__)
STAMP = ":stamp"


def _memory(value, depth=0):
    """Bytes in memory, about: Python keeps a text at 1, 2 or 4 bytes a character (one emoji makes it 4), and a
    thread holds its rows too."""
    size = sys.getsizeof(value)
    if depth < 3:
        if isinstance(value, list | tuple):
            size += sum(_memory(item, depth + 1) for item in value)
        elif hasattr(value, "__dict__"):
            size += sum(_memory(item, depth + 1) for item in vars(value).values())
    return size


# (host, port, path, known parameters, language): the keys the last drawing of that address read, stamps and versions.
KNOWN_KEYS = ProcessMemory("PAGE_FRAGMENTS_KNOWN", 5_000)
# Piece key: (stamp, value), the drawings this process last served, up to 32 MB of them (about 80 threads of 50
# conversations).
NEAR = ProcessMemory("PAGE_FRAGMENTS_PROCESS_BYTES", 32 * 1024 * 1024, weigh=lambda kept: _memory(kept[1]))
READ = "_page_fragments_read"  # on the request: what it read from the cache so far, and the keys it asked for


class Read:
    def __init__(self, scope):
        self.scope = scope
        self.found = {}
        self.asked = set()
        self.named = []  # the keys this request needed, in order: what the next drawing of its address reads first


def _scope(request):
    """The address as the pieces it reads depend on it: made-up parameters (``?x=1``) are not a new entry."""
    known = keys.query_parameters()
    kept = sorted(
        (name, value)
        for name, value in request.GET.items()
        if name in known and re.fullmatch(known[name], value)
    )
    return (keys.matched_host(request), request.get_port(), request.path, tuple(kept), get_language())


def _note(request, found):
    """Versions made anew while drawing: the request's other pieces read them from here."""
    read = getattr(request, READ, None) if request is not None else None
    if read is not None:
        read.found.update(found)


def _read(request, wanted):
    """What the cache holds of ``wanted`` keys: one round trip, or none when this request's first one asked for them."""
    if request is None:
        return cache.get_many(wanted)
    read = getattr(request, READ, None)
    if read is None:
        read = Read(_scope(request))
        setattr(request, READ, read)
        wanted_before = KNOWN_KEYS.get(read.scope, ())
        if wanted_before:
            read.found.update(cache.get_many(wanted_before))
            read.asked.update(wanted_before)
    missing = [key for key in wanted if key not in read.asked]
    if missing:
        read.found.update(cache.get_many(missing))
        read.asked.update(missing)
    new = [key for key in wanted if key not in read.named]
    if new:
        read.named.extend(new)
        KNOWN_KEYS.remember(read.scope, tuple(read.named))
    return {key: read.found[key] for key in wanted if key in read.found}


def fetch(
    name, depends_on, draw, expires_at: datetime | None = None, keep=None, seconds=SECONDS, request=None
):
    """The piece called ``name`` (every input of its drawing must be in it: page, language, options), drawn by
    ``draw()`` unless a copy drawn under the current versions of ``depends_on`` is kept. ``expires_at``: the piece
    changes by itself then (a consultation closes): no copy is kept past it. ``draw`` returns anything pickle
    keeps, and nobody changes it once returned (a process hands the same value to its next requests);
    ``keep(value)`` false: the piece is not kept (drawn for an input that must not make a new copy).
    ``seconds``: kept at most that long (what it shows also changes without renewing a version). ``request``: the
    request it is drawn for, to read its pieces together.

    Each drawing kept gets a stamp (the versions it was drawn under, an id of its own and, kept less than
    ``SECONDS``, until when), stored beside it with the same lifetime. A page reads the stamps and the current versions only; a process that holds the stamped drawing
    (``NEAR``, the most recent ``PAGE_FRAGMENTS_PROCESS_BYTES``) serves it without reading it, and one that does
    not reads it once. A drawing whose stamp is gone (expired, evicted, the cache cleared or down) is never served."""
    seconds = min(seconds, SECONDS)
    if expires_at is not None:
        seconds = min(seconds, int((expires_at - timezone.now()).total_seconds()))
        if seconds <= 0:
            return draw()
    piece_key = PREFIX + name
    stamp_key = piece_key + STAMP
    version_keys = {versions.key(dependency): dependency for dependency in depends_on}
    try:
        found = _read(request, [stamp_key, *version_keys])
        current = {dependency: found.get(key) for key, dependency in version_keys.items()}
        if None in current.values():  # a version the cache lost: a new one, so no older copy matches
            current = versions.current(depends_on)
            _note(request, {key: current[dependency] for key, dependency in version_keys.items()})
        stamp = found.get(stamp_key)
        if isinstance(stamp, tuple) and len(stamp) == 3 and stamp[0] == current:
            near = NEAR.get(piece_key)
            if near is None or near[0] != stamp:
                near = cache.get(piece_key)
                if isinstance(near, tuple) and len(near) == 2 and near[0] == stamp:
                    NEAR.remember(piece_key, near)
                else:
                    near = None
            if near is not None:
                marks.expires_by(request, stamp[2])
                return near[1]
    except Exception:  # the cache is down: draw, keep nothing
        logger.warning("A page fragment could not be read from the cache", exc_info=True)
        return draw()
    value = draw()
    if keep is not None and not keep(value):
        return value
    # A piece kept less than the usual bound (its own ``seconds``, its ``expires_at``) says until when: a page copy
    # holding it must not outlive it (``marks``). Otherwise only versions end it.
    short = timezone.now() + timedelta(seconds=seconds) if seconds < SECONDS else None
    stamp = (current, uuid.uuid4().hex, short)
    marks.expires_by(request, short)
    try:
        cache.set_many({piece_key: (stamp, value), stamp_key: stamp}, seconds)
    except Exception:
        logger.warning("A page fragment could not be kept in the cache", exc_info=True)
        return value
    NEAR.remember(piece_key, (stamp, value))
    return value
