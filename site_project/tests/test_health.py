"""/healthz: what a load balancer's probe sees when the database or the cache works or fails."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_and_the_cache_work(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert response.cookies == {}


def test_healthz_names_the_cache_when_the_cache_fails(client, settings):
    # Nothing listens on port 9 (discard): every cache call fails with a connection error.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["cache"]}
    assert "no-store" in response["Cache-Control"]
    assert response.cookies == {}


def test_healthz_names_the_database_without_its_error_when_the_database_fails(client):
    secret_error = OperationalError('password authentication failed for user "tribune" at db.internal')
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=secret_error):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["database"]}
    assert b"tribune" not in response.content
    assert b"Traceback" not in response.content


def test_healthz_reports_a_cache_that_loses_what_it_stores(client):
    """The cache check reads back what it wrote: a cache that drops writes is reported."""
    with mock.patch("django.core.cache.cache.get", return_value=None):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]


def test_healthz_takes_no_post(client):
    assert client.post("/healthz").status_code == 405
