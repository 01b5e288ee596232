"""The shared pieces of a drawn page (``page_cache.fragments``): drawn once, drawn again when a version they depend on
changes or the moment they change by themselves comes, drawn every time with the cache down. Their users (the
thread, the site's chrome, the routes) are tested in consultations/comments/tests/test_drawn_pages.py."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from page_cache import fragments, versions

pytestmark = pytest.mark.django_db


def test_a_fragment_is_drawn_once_then_again_when_a_version_it_depends_on_changes():
    drawings = []

    def draw():
        drawings.append(1)
        return f"drawing {len(drawings)}"

    assert fragments.fetch("test", (versions.SITE,), draw) == "drawing 1"
    assert fragments.fetch("test", (versions.SITE,), draw) == "drawing 1"
    versions.renew(versions.SITE, again_on_commit=False)
    assert fragments.fetch("test", (versions.SITE,), draw) == "drawing 2"
    cache.clear()  # the versions are lost with everything else: nothing older may be served
    assert fragments.fetch("test", (versions.SITE,), draw) == "drawing 3"


def test_a_fragment_that_changes_by_itself_is_never_kept_past_that_moment(monkeypatch):
    drawings = []
    past = timezone.now() - datetime.timedelta(seconds=1)

    for _ in range(2):
        fragments.fetch("closing", (versions.SITE,), lambda: drawings.append(1), expires_at=past)
    assert len(drawings) == 2

    kept = []
    monkeypatch.setattr(fragments.cache, "set", lambda key, value, seconds: kept.append(seconds))
    fragments.fetch(
        "closes-soon",
        (versions.SITE,),
        lambda: "x",
        expires_at=timezone.now() + datetime.timedelta(seconds=90),
    )
    assert 85 <= kept[0] <= 90


def test_with_the_cache_down_a_fragment_is_drawn_every_time(monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(fragments.cache, "get_many", down)
    drawings = []
    for _ in range(2):
        assert fragments.fetch("down", (versions.SITE,), lambda: drawings.append(1) or "drawn") == "drawn"
    assert len(drawings) == 2
