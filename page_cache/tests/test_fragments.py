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
    monkeypatch.setattr(fragments.cache, "set_many", lambda values, seconds: kept.append(seconds))
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


def drawn_by(drawings):
    def draw():
        drawings.append(1)
        return f"drawing {len(drawings)}"

    return draw


def test_a_process_holding_the_current_drawing_reads_only_its_stamp_and_another_reads_it_once(monkeypatch):
    drawings, read = [], []
    assert fragments.fetch("near", (versions.SITE,), drawn_by(drawings)) == "drawing 1"
    original = fragments.cache.get
    monkeypatch.setattr(
        fragments.cache,
        "get",
        lambda key, *args, **kwargs: read.append(key) or original(key, *args, **kwargs),
    )

    assert fragments.fetch("near", (versions.SITE,), drawn_by(drawings)) == "drawing 1"
    assert fragments.PREFIX + "near" not in read  # the stamp came with the versions; the piece was not read

    fragments.NEAR.forget_everything()  # another process: it reads the drawing once, and does not draw it
    assert fragments.fetch("near", (versions.SITE,), drawn_by(drawings)) == "drawing 1"
    assert fragments.fetch("near", (versions.SITE,), drawn_by(drawings)) == "drawing 1"
    assert read.count(fragments.PREFIX + "near") == 1
    assert len(drawings) == 1


def test_a_drawing_held_by_a_process_is_never_served_once_its_stamp_is_gone_or_replaced():
    drawings = []
    fragments.fetch("stamped", (versions.SITE,), drawn_by(drawings))

    cache.delete(fragments.PREFIX + "stamped" + fragments.STAMP)  # expired, or evicted by Redis
    assert fragments.fetch("stamped", (versions.SITE,), drawn_by(drawings)) == "drawing 2"

    # Drawn again by another process (its 5 minutes were over): this process serves that drawing, not its own.
    stamp = (versions.current([versions.SITE]), "another process", None)
    cache.set_many(
        {fragments.PREFIX + "stamped": (stamp, "theirs"), fragments.PREFIX + "stamped:stamp": stamp}
    )
    assert fragments.fetch("stamped", (versions.SITE,), drawn_by(drawings)) == "theirs"
    assert len(drawings) == 2


def test_the_pieces_of_a_page_drawn_again_are_read_in_one_round_trip(rf, monkeypatch):
    def draw_page(request):
        return [
            fragments.fetch(name, (versions.SITE,), lambda name=name: name.upper(), request=request)
            for name in ("head", "thread", "footer")
        ]

    assert draw_page(rf.get("/en/consultation/?sort=supported")) == ["HEAD", "THREAD", "FOOTER"]
    trips = []
    original = fragments.cache.get_many
    monkeypatch.setattr(fragments.cache, "get_many", lambda keys: trips.append(keys) or original(keys))

    assert draw_page(rf.get("/en/consultation/?sort=supported")) == ["HEAD", "THREAD", "FOOTER"]
    assert len(trips) == 1 and len(trips[0]) == 4  # three stamps and the site's version

    draw_page(rf.get("/en/consultation/?sort=newest"))  # an address not drawn yet: a trip per piece
    assert len(trips) == 4


def test_a_page_copy_holding_a_short_lived_piece_lives_no_longer_than_it(rf):
    from page_cache import marks

    for _drawing_then_kept in range(2):
        request = rf.get("/en/consultation/")
        setattr(request, marks.ATTRIBUTE, marks.Marks(cacheable=True))
        fragments.fetch("figures", (versions.SITE,), lambda: "figures", seconds=300, request=request)
        left = (marks.of(request).expires_at - timezone.now()).total_seconds()
        assert 290 < left <= 300


def test_a_fragment_option_that_names_nothing_keeps_nothing_and_says_so(site_tree, rf, caplog):
    from django.template import Context, Template

    template = Template(
        '{% load page_fragments %}{% shared_fragment "misspelt" depends_on=conversation_versoin %}'
        "{{ drawn }}{% endshared_fragment %}"
    )
    request = rf.get("/", HTTP_HOST="localhost")
    request.is_preview = False
    drawn = [
        template.render(Context({"request": request, "page": site_tree.home, "drawn": n})) for n in (1, 2)
    ]

    assert drawn == ["1", "2"]
    assert "drawn every time" in caplog.text
