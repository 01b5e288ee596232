"""The shared cache (Redis), and what the site does while Redis cannot be reached: keep serving.

`FallbackRedisCache` is Django's RedisCache with short socket timeouts. When Redis does not answer (refused,
timed out), the process stops asking it for `RETRY_SECONDS` (so a dead Redis costs one short timeout per
process every few seconds, not one per request), writes one warning (at most one per `WARNING_INTERVAL`), and
until Redis answers again:

- rate-limit counters (django-ratelimit's keys, django-axes' keys: `LOCAL_PREFIXES`) are kept in this process's
  memory: every limit still holds, counted per process (with 4 workers a client may get up to 4 times its
  budget), never "no limit" and never "everyone refused";
- everything else is not cached at all (a miss on every read, writes dropped), like Django's DummyCache: a cached
  page, a session or a version number kept in one process's memory could not be invalidated by the others, so a
  removed comment or a closed session could live on in one worker. Pages are computed afresh instead.

Keys written or deleted meanwhile are deleted from Redis when it answers again (Redis may still hold what they
replaced: a page since invalidated, a session since closed); past `MAX_DIRTY_KEYS` of them, the whole cache is
cleared instead. `/healthz` asks Redis itself (`shared`), not the fallback.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 5
WARNING_INTERVAL = 60
MAX_DIRTY_KEYS = 10_000
# django-ratelimit's RATELIMIT_CACHE_PREFIX (Tribune's comment, report and support budgets, the password reset
# form) and django-axes' sign-in failure counters.
LOCAL_PREFIXES = ("rl:", "axes-")

# Redis must answer fast or be treated as down: a page waits on it.
DEFAULT_OPTIONS = {
    "socket_connect_timeout": 0.25,
    "socket_timeout": 0.5,
    # One immediate retry of a refused or reset connection (a pooled socket from before a Redis restart);
    # never of a timeout, which would double the wait.
    "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
}


class _ProcessState:
    """What one process knows of a Redis server; shared by the threads' cache instances (one per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0
        self.warned_at = None
        self.announced = False  # the warning of the current outage was logged
        self.dirty_keys = set()
        self.clear_on_return = False


_states = {}
_states_lock = threading.Lock()


def _state_for(location):
    with _states_lock:
        return _states.setdefault(location, _ProcessState())


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's client for Redis, keeping one `redis.Redis` per connection pool.

    Django builds a new `redis.Redis` around the pool for every cache call, and each one copies redis-py's table
    of ~170 response callbacks: ~0.3 ms a call here, 13 calls (4 ms) on a drawn consultation page. A `redis.Redis`
    takes a connection from its pool for each command and gives it back, so one per pool serves every call (and
    every thread) as the new ones did."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
        self._server = server
        self._params = params
        location = server if isinstance(server, str) else ",".join(server)
        self._state = _state_for(location)
        self._local = LocMemCache(
            f"tribune-cache-fallback:{location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            },
        )

    @cached_property
    def shared(self):
        """Redis itself, without the fallback: what a health check must ask."""
        shared = RedisCache(self._server, self._params)
        shared._class = KeptClientRedisCacheClient
        return shared

    @property
    def is_degraded(self):
        """True while this process serves without Redis."""
        return self._state.down

    # Switching between Redis and the fallback.

    def _shared_or_fallback(self, operation, fallback):
        state = self._state
        if state.down:
            if time.monotonic() < state.retry_at:
                return fallback()
            try:
                self._replay(state)
            except UNREACHABLE as error:
                self._went_down(state, error)
                return fallback()
        try:
            return operation()
        except UNREACHABLE as error:
            self._went_down(state, error)
            return fallback()

    def _went_down(self, state, error):
        now = time.monotonic()
        with state.lock:
            if not state.down:
                # A fresh start: nothing this process kept during an earlier outage may come back.
                self._local.clear()
            state.down = True
            state.retry_at = now + RETRY_SECONDS
            warn = state.warned_at is None or now - state.warned_at >= WARNING_INTERVAL
            if warn:
                state.warned_at = now
                state.announced = True
        if warn:
            logger.warning(
                "cache: Redis is unreachable (%s); this process serves without it and retries every %d s. "
                "Rate limits (comments, reports, supports, sign-ins, password resets) are now counted per "
                "process, in its memory; nothing else is cached until Redis answers again.",
                type(error).__name__,
                RETRY_SECONDS,
            )

    def _replay(self, state):
        """Redis answers again: delete what it may hold stale, then use it again."""
        with state.lock:
            dirty, clear = list(state.dirty_keys), state.clear_on_return
        if clear:
            self._cache.clear()
        elif dirty:
            self._cache.delete_many(dirty)
        with state.lock:
            state.dirty_keys.difference_update(dirty)
            state.clear_on_return = False
            state.down = False
            announced, state.announced = state.announced, False
        self._local.clear()
        if announced:  # a Redis that comes and goes is announced at most once per WARNING_INTERVAL
            logger.warning(
                "cache: Redis answers again; rate limits are shared by every process again "
                "(%d keys changed meanwhile were deleted from it%s).",
                len(dirty),
                ", and it was cleared" if clear else "",
            )

    def _is_local(self, key):
        return str(key).startswith(LOCAL_PREFIXES)

    def _remember(self, keys, version):
        """Keys changed while Redis was away: deleted from it when it is back."""
        state = self._state
        with state.lock:
            if state.clear_on_return:
                return
            state.dirty_keys.update(self.make_and_validate_key(key, version=version) for key in keys)
            if len(state.dirty_keys) > MAX_DIRTY_KEYS:
                state.dirty_keys.clear()
                state.clear_on_return = True

    # Django's cache API: Redis, else the process's memory (counters) or nothing (everything else).

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        def fallback():
            if self._is_local(key):
                return self._local.add(key, value, timeout, version)
            self._remember([key], version)
            return True

        return self._shared_or_fallback(lambda: RedisCache.add(self, key, value, timeout, version), fallback)

    def get(self, key, default=None, version=None):
        def fallback():
            return self._local.get(key, default, version) if self._is_local(key) else default

        return self._shared_or_fallback(lambda: RedisCache.get(self, key, default, version), fallback)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        def fallback():
            if self._is_local(key):
                self._local.set(key, value, timeout, version)
            else:
                self._remember([key], version)

        return self._shared_or_fallback(lambda: RedisCache.set(self, key, value, timeout, version), fallback)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        def fallback():
            return self._local.touch(key, timeout, version) if self._is_local(key) else False

        return self._shared_or_fallback(lambda: RedisCache.touch(self, key, timeout, version), fallback)

    def delete(self, key, version=None):
        def fallback():
            if self._is_local(key):
                return self._local.delete(key, version)
            self._remember([key], version)
            return False

        return self._shared_or_fallback(lambda: RedisCache.delete(self, key, version), fallback)

    def get_many(self, keys, version=None):
        def fallback():
            return self._local.get_many([key for key in keys if self._is_local(key)], version)

        return self._shared_or_fallback(lambda: RedisCache.get_many(self, keys, version), fallback)

    def has_key(self, key, version=None):
        def fallback():
            return self._local.has_key(key, version) if self._is_local(key) else False

        return self._shared_or_fallback(lambda: RedisCache.has_key(self, key, version), fallback)

    def incr(self, key, delta=1, version=None):
        def fallback():
            if self._is_local(key):
                return self._local.incr(key, delta, version)
            raise ValueError(f"Key '{key}' not found")  # nothing is kept, as in Django's DummyCache

        return self._shared_or_fallback(lambda: RedisCache.incr(self, key, delta, version), fallback)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        def fallback():
            local = {key: value for key, value in data.items() if self._is_local(key)}
            self._local.set_many(local, timeout, version)
            self._remember([key for key in data if key not in local], version)
            return []

        return self._shared_or_fallback(lambda: RedisCache.set_many(self, data, timeout, version), fallback)

    def delete_many(self, keys, version=None):
        keys = list(keys)

        def fallback():
            self._local.delete_many([key for key in keys if self._is_local(key)], version)
            self._remember([key for key in keys if not self._is_local(key)], version)

        return self._shared_or_fallback(lambda: RedisCache.delete_many(self, keys, version), fallback)

    def clear(self):
        def fallback():
            self._local.clear()
            with self._state.lock:
                self._state.dirty_keys.clear()
                self._state.clear_on_return = True

        return self._shared_or_fallback(lambda: RedisCache.clear(self), fallback)
