"""Redis down: pages are still served, rate limits still hold (per process), the log says so once, /healthz tells.

Redis is "down" here because nothing listens on the port (9, discard): each refused connection fails at once.
"""

import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError

from site_project import cache_fallback
from site_project.cache_fallback import FallbackRedisCache

pytestmark = pytest.mark.django_db
CLOSED_PORT = "redis://127.0.0.1:9/0"


class Clock:
    """The backend's monotonic clock, moved forward by hand (its retry interval)."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(cache_fallback, "time", fake)
    return fake


@pytest.fixture
def fresh_state():
    cache_fallback._states.clear()
    yield
    cache_fallback._states.clear()


@pytest.fixture
def redis_down(settings, fresh_state):
    settings.CACHES = {
        "default": {"BACKEND": "site_project.cache_fallback.FallbackRedisCache", "LOCATION": CLOSED_PORT}
    }


def warnings_from_the_cache(caplog):
    return [record for record in caplog.records if record.name == "site_project.cache_fallback"]


def test_pages_are_served_while_redis_is_down(redis_down, consultation):
    client = Client(raise_request_exception=False)

    home = client.get("/en/")
    page = client.get(consultation.url)

    assert home.status_code == 200
    assert page.status_code == 200
    assert "A youth space" in page.content.decode()


def test_the_log_says_once_that_rate_limits_are_now_per_process(consultation, redis_down, caplog):
    """The consultation is made first: saving pages renews the page cache's versions, a first call to Redis."""
    client = Client(raise_request_exception=False)
    caplog.set_level(logging.WARNING)

    for _ in range(10):
        assert client.get(consultation.url).status_code == 200

    [warning] = warnings_from_the_cache(caplog)
    assert warning.levelno == logging.WARNING
    message = warning.getMessage()
    assert message.startswith("cache: Redis is unreachable")
    assert "Rate limits" in message
    assert "per process" in message


def test_a_dead_redis_is_asked_again_only_every_few_seconds(redis_down, clock):
    with mock.patch.object(
        Connection, "_connect", autospec=True, side_effect=ConnectionRefusedError
    ) as connect:
        cache.get("anything")
        first = connect.call_count
        for _ in range(50):
            cache.get("anything")
        assert connect.call_count == first  # no timeout paid per request

        clock.now += cache_fallback.RETRY_SECONDS + 1
        cache.get("anything")
        assert connect.call_count > first


def test_posting_stays_limited_while_redis_is_down_never_open_and_never_closed(
    redis_down, consultation, comment_data, settings
):
    settings.TRIBUNE_AUTHOR_COMMENT_RATE = "2/10m"
    client = Client(raise_request_exception=False)

    statuses = [
        client.post(
            f"/en/comment-post/{consultation.pk}/", comment_data(consultation, comment=f"Idea number {word}.")
        ).status_code
        for word in ("one", "two", "three")
    ]

    assert statuses == [302, 302, 429]


def test_healthz_reports_the_cache_failed_while_pages_are_served(redis_down, consultation):
    client = Client(raise_request_exception=False)

    health = client.get("/healthz")

    assert health.status_code == 503
    assert health.json() == {"status": "unavailable", "failed": ["cache"]}
    assert client.get(consultation.url).status_code == 200


class FakeRedis:
    """Django's Redis client as far as the backend uses it, on a dict, switched off and on by hand."""

    def __init__(self):
        self.data = {}
        self.down = False

    def _check(self):
        if self.down:
            raise RedisConnectionError("Connection refused")

    def get(self, key, default=None):
        self._check()
        return self.data.get(key, default)

    def set(self, key, value, timeout):
        self._check()
        self.data[key] = value

    def add(self, key, value, timeout):
        self._check()
        return self.data.setdefault(key, value) is value

    def incr(self, key, delta):
        self._check()
        if key not in self.data:
            raise ValueError(key)
        self.data[key] += delta
        return self.data[key]

    def delete(self, key):
        self._check()
        return self.data.pop(key, None) is not None

    def delete_many(self, keys):
        self._check()
        for key in keys:
            self.data.pop(key, None)

    def clear(self):
        self._check()
        self.data.clear()


@pytest.fixture
def flaky(fresh_state, clock):
    backend = FallbackRedisCache(CLOSED_PORT, {})
    backend.__dict__["_cache"] = FakeRedis()  # Django's RedisCache keeps its client in a cached_property
    return backend


def test_what_changed_while_redis_was_away_is_not_read_back_stale_when_it_returns(flaky, clock, caplog):
    redis = flaky._cache
    flaky.set("page:/en/consultation/", "with the comment a moderator then removed")
    redis.down = True
    caplog.set_level(logging.WARNING)

    flaky.delete("page:/en/consultation/")  # the moderator's removal, while Redis is away
    assert flaky.get("page:/en/consultation/") is None

    redis.down = False
    clock.now += cache_fallback.RETRY_SECONDS + 1
    assert flaky.get("page:/en/consultation/") is None
    assert flaky.is_degraded is False
    assert "cache: Redis answers again" in warnings_from_the_cache(caplog)[-1].getMessage()


def test_only_rate_limit_counters_are_kept_in_memory_while_redis_is_away(flaky):
    flaky._cache.down = True

    flaky.set("page:/en/", "<html>")
    assert flaky.get("page:/en/") is None  # another worker could not invalidate it: not kept
    assert flaky.add("rl:budget", 1, 600) is True
    assert flaky.incr("rl:budget") == 2
    assert flaky.get("rl:budget") == 2
    assert flaky.is_degraded is True


def test_counters_go_back_to_redis_when_it_returns(flaky, clock):
    redis = flaky._cache
    redis.down = True
    flaky.add("rl:budget", 5, 600)

    redis.down = False
    clock.now += cache_fallback.RETRY_SECONDS + 1
    flaky.add("rl:budget", 1, 600)

    assert flaky.incr("rl:budget") == 2  # Redis's count: the process's own is dropped


def test_a_redis_that_comes_and_goes_is_announced_at_most_once_a_minute(flaky, clock, caplog):
    caplog.set_level(logging.WARNING)
    redis = flaky._cache
    for _ in range(5):  # down and back every 6 s for half a minute
        redis.down = True
        flaky.get("page:/en/")
        redis.down = False
        clock.now += cache_fallback.RETRY_SECONDS + 1
        flaky.get("page:/en/")

    messages = [record.getMessage() for record in warnings_from_the_cache(caplog)]
    assert len(messages) == 2
    assert messages[0].startswith("cache: Redis is unreachable")
    assert messages[1].startswith("cache: Redis answers again")
