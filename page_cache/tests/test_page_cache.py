"""The page cache as a reader, a signed-in editor or an attacker would notice it: what is served from the cache,
to whom, what a proxy may keep, and what leaves the cache when the site changes. The consultation's own
invalidations (comments, supports, dates) are tested in consultations/comments/tests/test_cached_pages.py."""

import gzip

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from page_cache import marks
from page_cache.middleware import PageCacheMiddleware
from site_project import cache_fallback

pytestmark = pytest.mark.django_db


@pytest.fixture
def guideline_url(site_tree):
    return site_tree.guideline.url


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    signed_in = type(client)()
    signed_in.force_login(user)
    return signed_in


def test_a_second_anonymous_get_is_served_from_the_cache_without_a_query(
    client, guideline_url, django_assert_num_queries
):
    first = client.get(guideline_url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(guideline_url)

    assert second.status_code == 200
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_cached_page_may_be_kept_a_minute_by_a_proxy_and_never_by_the_browser(client, guideline_url):
    for _ in range(2):
        response = client.get(guideline_url)
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
        assert not response.cookies


def test_a_signed_in_editor_never_gets_the_anonymous_copy(client, editor, guideline_url):
    client.get(guideline_url)

    response = editor.get(guideline_url)

    assert "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_a_signed_in_editors_page_is_never_stored_for_readers(client, editor, guideline_url):
    editor.get(guideline_url)

    response = client.get(guideline_url)

    assert response["X-Cache"] == "miss"


def test_a_page_behind_a_login_is_never_cached(client, site_tree):
    PageViewRestriction.objects.create(page=site_tree.guideline, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(site_tree.guideline.url)

    assert response.status_code == 302
    assert response.get("X-Cache") != "hit"
    assert client.get(site_tree.guideline.url).get("X-Cache") != "hit"


def test_publishing_a_page_shows_the_change_at_once(client, site_tree):
    guideline = site_tree.guideline
    client.get(guideline.url)
    guideline.title = "Our brand new rules"
    guideline.save_revision().publish()

    response = client.get(guideline.url)

    assert response["X-Cache"] == "miss"
    assert "Our brand new rules" in response.content.decode()


def test_tracking_parameters_share_the_pages_entry_and_junk_cannot_fill_the_cache(client, guideline_url):
    client.get(guideline_url)

    assert client.get(guideline_url, {"utm_source": "newsletter", "junk": "1"})["X-Cache"] == "hit"
    cache.clear()
    assert client.get(guideline_url, {"junk": "2"})["X-Cache"] == "pass"
    assert client.get(guideline_url)["X-Cache"] == "miss"


def test_a_parameter_the_page_would_not_use_as_given_is_not_cached(client, guideline_url):
    for query in ({"page": "99999"}, {"sort": "<script>"}, {"page": ["1", "2"]}):
        response = client.get(guideline_url, query)
        assert "X-Cache" not in response, query


def test_a_confirmation_address_is_never_cached_nor_kept(client, guideline_url):
    client.get(guideline_url)

    response = client.get(guideline_url, {"sent": "anything"})

    assert "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_html_is_compressed_when_the_browser_asks_and_the_copy_kept_is_the_compressed_one(
    client, guideline_url
):
    plain = client.get(guideline_url)
    first = client.get(guideline_url, headers={"Accept-Encoding": "gzip, deflate, br"})
    second = client.get(guideline_url, headers={"Accept-Encoding": "gzip"})

    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in second["Vary"]
    assert len(second.content) < len(plain.content) / 2
    assert gzip.decompress(second.content).decode().count("</html>") == 1
    assert "Content-Encoding" not in client.get(guideline_url)


def test_a_page_drawn_for_one_reader_is_compressed_too_and_reads_the_same(editor, guideline_url):
    """A signed-in editor's page is compressed faster than a copy kept for everyone (page_cache/compression.py), with
    the same answer: the same page once unpacked, a random-length file name in the gzip header against BREACH."""
    plain = editor.get(guideline_url).content.decode()
    compressed = [editor.get(guideline_url, headers={"Accept-Encoding": "gzip"}) for _ in range(8)]

    for response in compressed:
        assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
        assert response["Content-Length"] == str(len(response.content))
        unpacked = gzip.decompress(response.content).decode()
        # The CSRF token is masked anew on every answer; everything else is the same page.
        assert unpacked.count("</html>") == 1 and len(unpacked) == len(plain)
        assert len(response.content) < len(plain) / 2
    assert len({len(response.content) for response in compressed}) > 1  # the random padding


def test_head_is_answered_from_the_cache(client, guideline_url):
    client.get(guideline_url)

    response = client.head(guideline_url)

    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_pages_are_still_served_when_the_cache_is_down(client, guideline_url, settings):
    """Production's cache with nothing listening (site_project/cache_fallback.py): the page is drawn, not kept."""
    cache_fallback._states.clear()
    settings.CACHES = {
        "default": {
            "BACKEND": "site_project.cache_fallback.FallbackRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    try:
        response = client.get(guideline_url)
        again = client.get(guideline_url)
    finally:
        cache_fallback._states.clear()

    assert response.status_code == again.status_code == 200
    assert again["X-Cache"] != "hit"  # nothing was kept
    assert b"</html>" in response.content


# The middleware alone, in front of a view that marks its answer cacheable and then does something it should not.


def marked_view(then):
    def view(request):
        marks.cacheable(request)
        response = HttpResponse("<p>page</p>", content_type="text/html")
        then(request, response)
        return response

    return view


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda request, response: response.set_cookie("csrftoken", "x"), id="sets a cookie"),
        pytest.param(lambda request, response: setattr(response, "status_code", 404), id="not a 200"),
        pytest.param(
            lambda request, response: response.__setitem__("Cache-Control", "private"), id="says private"
        ),
        pytest.param(lambda request, response: response.__setitem__("Vary", "User-Agent"), id="varies"),
        pytest.param(lambda request, response: marks.not_cacheable(request), id="a form with errors"),
    ],
)
def test_an_answer_that_is_not_the_same_for_everyone_is_never_stored(spoil):
    middleware = PageCacheMiddleware(marked_view(spoil))
    factory = RequestFactory()

    middleware(factory.get("/en/page/"))

    assert middleware(factory.get("/en/page/"))["X-Cache"] == "pass"


def test_a_post_is_never_answered_from_the_cache():
    middleware = PageCacheMiddleware(marked_view(lambda request, response: None))
    factory = RequestFactory()
    assert middleware(factory.get("/en/page/"))["X-Cache"] == "miss"

    assert "X-Cache" not in middleware(factory.post("/en/page/"))


def test_a_new_release_leaves_no_copy_of_the_last_one(client, guideline_url):
    """Every release runs ``migrate`` (README, "Deploying"): new templates or settings are never hidden by a copy."""
    from django.core.management import call_command

    from page_cache import versions

    client.get(guideline_url)
    before = versions.current([versions.SITE])

    call_command("migrate", "wagtailcore", verbosity=0)

    assert versions.current([versions.SITE]) != before
    assert client.get(guideline_url)["X-Cache"] == "miss"


def test_the_hosts_spelling_and_port_share_one_copy(client, guideline_url, settings):
    """Case, a trailing dot and a port all pass ALLOWED_HOSTS: none of them may make a new copy of the page."""
    settings.ALLOWED_HOSTS = ["tribune.example.org"]
    client.get(guideline_url, HTTP_HOST="tribune.example.org")

    for host in ("TRIBUNE.example.org", "tribune.example.org.", "tribune.example.org:0000443"):
        assert client.get(guideline_url, HTTP_HOST=host)["X-Cache"] == "hit", host


def test_a_cache_that_refuses_writes_still_loses_the_old_versions(client, guideline_url, monkeypatch):
    """Redis full (noeviction) or read-only during a failover: the versions are deleted, so no copy is served."""
    from page_cache import versions

    client.get(guideline_url)
    assert client.get(guideline_url)["X-Cache"] == "hit"

    def refuse(*args, **kwargs):
        raise RuntimeError("OOM command not allowed when used memory > 'maxmemory'")

    monkeypatch.setattr(versions.cache, "set_many", refuse)
    versions.renew(versions.SITE, again_on_commit=False)
    monkeypatch.undo()

    assert client.get(guideline_url)["X-Cache"] == "miss"
