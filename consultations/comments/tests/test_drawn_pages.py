"""Pages the page cache does not serve (a visitor with a session cookie, a signed-in editor, a miss) are drawn from
shared pieces: a consultation's thread, the site's header, footer and head, and each process's knowledge of which
page an address shows. What a reader or an attacker would notice: a change still shows at once, a draft never
leaks, made-up input makes no new copy, a private or unpublished page is never served from what was remembered."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import PageViewRestriction

from consultations.comments.thread import shared_thread
from consultations.factories import ConsultationCommentFactory
from guidelines.models import CommunityManagerSettings, ManagerWeeklyRange
from page_cache import fragments

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """A reader with a session cookie that names no session: never served from the page cache, drawn each time."""
    client = Client()
    client.cookies["sessionid"] = "nosuchsessionnosuchsessionnosuch"
    return client


def tables_read(queries):
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_a_second_drawing_reads_no_comment_no_site_and_no_route(
    visitor, consultation, django_assert_max_num_queries
):
    ConsultationCommentFactory(page=consultation, comment="Benches under the trees.")
    first = visitor.get(consultation.url)
    assert first.status_code == 200 and "X-Cache" not in first

    with django_assert_max_num_queries(8) as queries:
        second = visitor.get(consultation.url)

    assert second.status_code == 200
    assert "Benches under the trees." in second.content.decode()
    assert second.content == first.content
    read = tables_read(queries)
    assert "django_comments" not in read
    assert '"wagtailcore_site"."hostname" =' not in read  # the site is not looked for by host


def test_a_page_number_past_the_last_is_drawn_as_the_last_and_never_kept(consultation, monkeypatch):
    ConsultationCommentFactory(page=consultation)
    kept = []
    original = cache.set
    monkeypatch.setattr(
        fragments.cache,
        "set",
        lambda key, *args, **kwargs: kept.append(key) or original(key, *args, **kwargs),
    )
    consultation = type(consultation).objects.get(pk=consultation.pk)

    for number in (2, 999, 123456):
        thread = shared_thread(consultation, page_number=number)
        assert thread.page_number == 1 and len(thread) == 1
    thread = shared_thread(consultation, language="xx-junk", sort="junk")

    piece = fragments.PREFIX + f"thread:{consultation.pk}:en:-:-:1:50:1:{consultation.max_reply_level}"
    assert [key for key in kept if key.startswith(fragments.PREFIX)] == [piece, piece + fragments.STAMP]
    assert thread.language == ""


def test_a_page_added_to_the_menu_shows_in_a_drawn_header_at_once(visitor, site_tree):
    from guidelines.factories import GuidelinePageFactory

    before = visitor.get(site_tree.guideline.url).content.decode()
    assert "Opening hours of the youth house" not in before

    GuidelinePageFactory(parent=site_tree.home, title="Opening hours of the youth house", show_in_menus=True)

    after = visitor.get(site_tree.guideline.url).content.decode()
    header = after[after.index('<header class="site-header">') : after.index("</header>")]
    assert "Opening hours of the youth house" in header


def test_a_draft_title_shown_in_a_preview_never_reaches_readers(visitor, site_tree):
    guideline = site_tree.guideline
    visitor.get(guideline.url)

    guideline.title = "DRAFT secret title"
    preview = guideline.make_preview_request()  # as the editor's preview panel draws it

    assert "DRAFT secret title" in preview.content.decode()
    assert "DRAFT secret title" not in visitor.get(guideline.url).content.decode()
    assert "DRAFT secret title" not in Client().get(guideline.url).content.decode()


def test_an_unpublished_page_is_gone_at_once_for_a_process_that_knew_its_address(visitor, site_tree):
    guideline = site_tree.guideline
    assert visitor.get(guideline.url).status_code == 200
    assert visitor.get(guideline.url).status_code == 200  # now known to this process

    guideline.unpublish()

    assert visitor.get(guideline.url).status_code == 404


def test_a_page_made_private_asks_for_its_password_at_once(visitor, site_tree):
    guideline = site_tree.guideline
    for _ in range(3):  # then from what this process knows of the address: the page and its (no) restrictions
        assert 'name="password"' not in visitor.get(guideline.url).content.decode()
    PageViewRestriction.objects.create(page=guideline, restriction_type="password", password="s3cret")

    response = visitor.get(guideline.url)

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_a_remembered_page_is_looked_for_again_after_ten_minutes_whatever_the_version(
    visitor, site_tree, monkeypatch
):
    """A renewal Redis lost (a read-only replica after a failover) must not keep a page made private public."""
    from page_cache import routes

    guideline = site_tree.guideline
    for _ in range(3):
        visitor.get(guideline.url)
    monkeypatch.setattr(routes.versions, "renew", lambda *names, **kwargs: None)  # as if Redis had refused it
    PageViewRestriction.objects.create(page=guideline, restriction_type="password", password="s3cret")
    assert (
        'name="password"' not in visitor.get(guideline.url).content.decode()
    )  # the lost renewal, remembered

    later = routes.time.monotonic() + routes.MAX_AGE + 1
    monkeypatch.setattr(routes.time, "monotonic", lambda: later)

    assert 'name="password"' in visitor.get(guideline.url).content.decode()


def test_remembered_view_restrictions_still_ask_each_visitor_for_the_password(
    site_tree, django_assert_max_num_queries
):
    from django.urls import reverse

    guideline = site_tree.guideline
    restriction = PageViewRestriction.objects.create(
        page=guideline, restriction_type="password", password="s3cret"
    )
    stranger, friend = Client(), Client()
    for _ in range(3):  # found by Wagtail, then read once with its restrictions and kept
        assert 'name="password"' in stranger.get(guideline.url).content.decode()

    with django_assert_max_num_queries(8) as queries:
        assert 'name="password"' in stranger.get(guideline.url).content.decode()
    assert "wagtailcore_pageviewrestriction" not in tables_read(queries)

    friend.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.id, guideline.id]),
        {"password": "s3cret", "return_url": guideline.url},
    )
    assert 'name="password"' not in friend.get(guideline.url).content.decode()
    assert 'name="password"' in stranger.get(guideline.url).content.decode()


def test_a_new_time_range_of_the_community_manager_is_read_at_once(site_tree):
    manager = CommunityManagerSettings.objects.create(site=site_tree.site)
    assert CommunityManagerSettings.for_site_without_saving(site_tree.site).as_schedule().ranges == ()

    ManagerWeeklyRange.objects.create(
        settings=manager, weekday=2, starts_at=datetime.time(17), ends_at=datetime.time(19)
    )

    ranges = CommunityManagerSettings.for_site_without_saving(site_tree.site).as_schedule().ranges
    assert [(weekly.weekday, weekly.starts_at) for weekly in ranges] == [(2, datetime.time(17))]


def test_a_signed_in_moderators_token_never_reaches_the_shared_thread(
    visitor, consultation, moderator_client
):
    """Both orders: the thread drawn for a signed-in visitor (support forms with their CSRF token) is never the
    shared one, and the shared one never carries a token."""
    ConsultationCommentFactory(page=consultation, comment="More bike racks at school.")

    assert "csrfmiddlewaretoken" in moderator_client.get(consultation.url).content.decode()
    drawn = visitor.get(consultation.url).content.decode()
    assert "More bike racks at school." in drawn and "csrfmiddlewaretoken" not in drawn
    assert "csrfmiddlewaretoken" in moderator_client.get(consultation.url).content.decode()


def remembered_paths():
    from page_cache.routes import KNOWN_ROUTES

    return {address[2] for address in KNOWN_ROUTES.values}


def test_a_meetings_unknown_calendar_takes_no_room_among_the_remembered_addresses(visitor, consultation):
    address = f"{consultation.url}meeting/no-such-meeting.ics"
    for _ in range(2):
        assert visitor.get(address).status_code == 404
    visitor.get(consultation.url)

    assert address not in remembered_paths()
    assert consultation.url in remembered_paths()


def test_every_spelling_of_the_host_is_one_remembered_site(visitor, site_tree):
    from page_cache.routes import KNOWN_SITES

    for host in ("localhost", "LOCALHOST", "localhost."):
        assert visitor.get(site_tree.guideline.url, HTTP_HOST=host).status_code == 200

    assert [key for key in KNOWN_SITES.values if key[0].lower().startswith("localhost")] == [
        ("localhost", "80")
    ]


def test_each_request_gets_a_site_of_its_own(site_tree):
    """What a request caches on its site or the site's root page never reaches the next request."""
    from django.test import RequestFactory

    from page_cache.routes import PageRouteMiddleware

    seen = []

    def view(request):
        from django.http import HttpResponse
        from wagtail.models import Site

        site = Site.find_for_request(request)
        seen.append((site, site.root_page, hasattr(site.root_page, "_something_a_request_kept")))
        site.root_page._something_a_request_kept = "not for the next one"
        return HttpResponse()

    middleware = PageRouteMiddleware(view)
    for _ in range(3):
        middleware(RequestFactory().get("/", HTTP_HOST="localhost"))

    assert [kept for _site, _root, kept in seen] == [False, False, False]
    (_first, _first_root, _), (second, second_root, _), (third, third_root, _) = seen
    assert second is not third and second_root is not third_root


def test_each_request_gets_a_page_of_its_own_as_the_database_gave_it(site_tree):
    """From the third request on, the page an address shows is not read again: what one request drew or kept on
    its page object (a changed field, a value it cached) never reaches the next request."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.urls import resolve

    from page_cache.routes import PageRouteMiddleware

    seen = []

    def view(request):  # Wagtail's own view, as the URL configuration calls it
        request.user = AnonymousUser()
        request.resolver_match = resolve(request.path)
        response = request.resolver_match.func(request, *request.resolver_match.args)
        response.render()
        page = request._wagtail_route_for_request.page
        seen.append((page, page.title, getattr(page, "_kept_by_a_request", None)))
        page.title, page._kept_by_a_request = "Changed by one request", "not for the next one"
        return response

    middleware = PageRouteMiddleware(view)
    for _ in range(4):
        assert (
            middleware(RequestFactory().get(site_tree.guideline.url, HTTP_HOST="localhost")).status_code
            == 200
        )

    assert [(title, kept) for _page, title, kept in seen] == [(site_tree.guideline.title, None)] * 4
    assert seen[2][0] is not seen[3][0]


def test_the_remembered_page_is_read_no_more_and_an_edit_shows_at_once(
    visitor, site_tree, django_assert_max_num_queries
):
    guideline = site_tree.guideline
    for _ in range(2):  # found by Wagtail, then read once and kept
        visitor.get(guideline.url)

    with django_assert_max_num_queries(8) as queries:
        assert visitor.get(guideline.url).status_code == 200
    assert 'FROM "guidelines_guidelinepage"' not in tables_read(queries), tables_read(queries)

    guideline.title = "Our rules, rewritten by the youth council"
    guideline.save_revision().publish()

    assert "Our rules, rewritten by the youth council" in visitor.get(guideline.url).content.decode()


def test_what_one_visitor_typed_in_a_refused_form_never_reaches_the_next_visitors_form(
    visitor, consultation, comment_data
):
    from consultations.comments.urls import comment_post_url

    visitor.get(consultation.url)  # the blank form's fields are now a shared piece
    refused = Client().post(
        comment_post_url(consultation),
        comment_data(consultation, name="Zoe_secret_13", email="zoe.private@example.org", accept_rules=None),
    )
    typed_back = refused.content.decode()
    assert (
        refused.status_code == 200 and "Zoe_secret_13" in typed_back and 'class="error-summary"' in typed_back
    )

    for reader in (visitor, Client()):
        html = reader.get(consultation.url).content.decode()
        assert "Zoe_secret_13" not in html and "zoe.private@example.org" not in html
        assert 'class="error-summary"' not in html
