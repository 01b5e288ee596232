"""A consultation's pages in the page cache (page_cache/): what a reader sees after a comment is approved, removed
or withdrawn, a support is counted, or the consultation closes; and that the form of a cached page still posts."""

import datetime
import re
import time

import pytest
from django.test import Client
from django.utils import timezone

from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment
from consultations.moderation import service

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


def read(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response


def test_an_approved_comment_shows_on_the_next_get(client, consultation, moderator_user):
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, comment="Skate ramps, please."
    )
    read(client, consultation)
    assert read(client, consultation)["X-Cache"] == "hit"

    service.approve(comment, moderator_user)

    response = read(client, consultation)
    assert response["X-Cache"] == "miss"
    assert "Skate ramps, please." in response.content.decode()


def test_a_removed_comment_disappears_on_the_next_get(client, consultation, moderator_user, personal_info):
    comment = ConsultationCommentFactory(page=consultation, comment="My phone number is in here.")
    assert "My phone number is in here." in read(client, consultation).content.decode()

    service.remove(comment, moderator_user, personal_info)

    assert "My phone number is in here." not in read(client, consultation).content.decode()


def test_a_withdrawn_comment_disappears_on_the_next_get(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, comment="I changed my mind about this.")
    assert "I changed my mind about this." in read(client, consultation).content.decode()

    service.withdraw(comment)

    assert "I changed my mind about this." not in read(client, consultation).content.decode()


def test_a_support_shows_in_the_count_on_the_next_get(client, consultation):
    comment = ConsultationCommentFactory(page=consultation)
    before = read(client, consultation).content.decode()
    assert "0 supports" in before or "Me too, 0" in before

    supporter = Client()
    supporter.post(f"{consultation.url}comments/{comment.pk}/support/", {"support": "on"})

    after = read(client, consultation)
    assert after["X-Cache"] == "miss"
    assert "1 support" in after.content.decode()


def test_a_stream_of_supports_leaves_the_lists_served_from_the_cache(client, consultation, site_tree):
    """No list shows a support: home and the index keep their copies while a class taps "Me too"."""
    comment = ConsultationCommentFactory(page=consultation)
    lists = (site_tree.home.url, site_tree.consultations.url)
    for url in lists:
        client.get(url)

    for _ in range(3):
        Client().post(f"{consultation.url}comments/{comment.pk}/support/", {"support": "on"})

    assert [client.get(url)["X-Cache"] for url in lists] == ["hit", "hit"]
    assert read(client, consultation)["X-Cache"] == "miss"  # the consultation shows the count: drawn again


def test_the_index_counts_a_newly_published_comment(client, consultation, site_tree):
    index = site_tree.consultations
    read(client, index)

    ConsultationCommentFactory(page=consultation)

    assert read(client, index)["X-Cache"] == "miss"


def test_another_consultations_comments_leave_this_one_cached(client, consultation, site_tree):
    from consultations.factories import ConsultationPageFactory

    other = ConsultationPageFactory(parent=site_tree.consultations)
    read(client, consultation)

    ConsultationCommentFactory(page=other)

    assert read(client, consultation)["X-Cache"] == "hit"


def test_a_pending_post_keeps_the_copy(client, consultation, comment_data):
    read(client, consultation)

    client.post(comment_post_url(consultation), comment_data(consultation))

    assert ConsultationComment.objects.get().state == State.PENDING
    assert read(client, consultation)["X-Cache"] == "hit"


def test_the_form_of_a_cached_page_still_posts(client, consultation):
    read(client, consultation)
    cached = read(client, consultation)
    assert cached["X-Cache"] == "hit"
    form = re.search(r"<form class=\"comment-form\".*?</form>", cached.content.decode(), re.DOTALL).group(0)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))

    reader = Client()
    response = reader.post(
        comment_post_url(consultation),
        {
            **fields,
            "name": "NightOwl_14",
            "email": "owl@example.org",
            "comment": "Posted from a page served by the cache.",
            "accept_rules": "on",
            "reply_to": "0",
            "honeypot": "",
        },
    )

    assert response.status_code == 302
    assert ConsultationComment.objects.get().comment == "Posted from a page served by the cache."
    confirmation = reader.get(response["Location"])
    assert "X-Cache" not in confirmation
    assert confirmation["Cache-Control"] == "private, no-store"


def test_a_moderators_page_is_never_served_to_a_reader(consultation, moderator_client):
    """Both orders: the moderator's page (with their CSRF token) is never stored, and never served the readers'."""
    reader = Client()
    signed_in = read(moderator_client, consultation)
    assert "csrfmiddlewaretoken" in signed_in.content.decode()

    first = read(reader, consultation)
    assert first["X-Cache"] == "miss"
    assert "csrfmiddlewaretoken" not in first.content.decode()

    again = read(moderator_client, consultation)
    assert "X-Cache" not in again
    assert "csrfmiddlewaretoken" in again.content.decode()
    assert again["Cache-Control"] == "private, no-store"


def test_a_copy_is_never_kept_past_the_consultations_closing(client, consultation):
    consultation.closes_at = timezone.now() + datetime.timedelta(seconds=20)
    consultation.save_revision().publish()

    response = read(client, consultation)

    max_age = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
    assert 0 < max_age <= 20


def test_a_reply_form_address_is_not_cached(client, consultation):
    comment = ConsultationCommentFactory(page=consultation)

    response = client.get(consultation.url, {"reply_to": comment.pk})

    assert "X-Cache" not in response


class CountingCache:
    """The page cache's view of the shared cache, counting its round trips."""

    def __init__(self, cache):
        self.cache, self.trips = cache, 0

    def get_many(self, keys):
        self.trips += 1
        return self.cache.get_many(keys)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_a_hit_on_a_consultation_takes_one_round_trip_to_the_cache(client, consultation, monkeypatch):
    from page_cache import middleware

    read(client, consultation)
    counting = CountingCache(middleware.cache)
    monkeypatch.setattr(middleware, "cache", counting)

    assert read(client, consultation)["X-Cache"] == "hit"
    assert counting.trips == 1


def test_a_process_that_never_saw_the_copy_still_finds_it_stale(
    client, consultation, moderator_user, personal_info, monkeypatch
):
    """Another web process knows nothing of which versions a copy names: it fetches them in a second trip."""
    from page_cache import middleware

    comment = ConsultationCommentFactory(page=consultation, comment="Call me on this number.")
    assert "Call me on this number." in read(client, consultation).content.decode()
    service.remove(comment, moderator_user, personal_info)
    monkeypatch.setattr(middleware, "VERSION_NAMES", middleware.VersionNames())

    response = read(client, consultation)
    assert response["X-Cache"] == "miss"
    assert "Call me on this number." not in response.content.decode()


def test_cards_count_comments_from_the_cache_until_one_is_published(consultation, django_assert_num_queries):
    from consultations.models import ConsultationPage

    ConsultationCommentFactory(page=consultation)
    ConsultationCommentFactory(page=consultation, state=State.PENDING)
    assert ConsultationPage.count_participation([consultation])[0].published_comments == 1
    with django_assert_num_queries(0):
        assert ConsultationPage.count_participation([consultation])[0].published_comments == 1

    ConsultationCommentFactory(page=consultation)

    assert ConsultationPage.count_participation([consultation])[0].published_comments == 2


def test_cards_still_count_when_the_cache_refuses(consultation, monkeypatch, caplog):
    """Redis full (``noeviction``) or a copy unreadable after a release: the count is made from the database."""
    from consultations.models import ConsultationPage, pages

    class RefusingCache:
        def get(self, *args, **kwargs):
            raise RuntimeError("OOM command not allowed when used memory > 'maxmemory'")

        set = get

    ConsultationCommentFactory(page=consultation)
    monkeypatch.setattr(pages, "cache", RefusingCache())

    assert ConsultationPage.count_participation([consultation])[0].published_comments == 1
    assert "could not be read from the cache" in caplog.text


def test_a_published_comment_and_a_removed_one_show_at_once_on_a_page_drawn_for_a_visitor_with_a_session_cookie(
    consultation, moderator_user, personal_info
):
    """The thread such a page shows is kept in the shared cache (``comments.thread.shared_thread``)."""
    visitor = Client()
    visitor.cookies["sessionid"] = "nosuchsessionnosuchsessionnosuch"
    exposed = ConsultationCommentFactory(page=consultation, comment="Call me on 06 12 34 56 78.")
    assert "Call me on 06 12 34 56 78." in visitor.get(consultation.url).content.decode()

    ConsultationCommentFactory(page=consultation, comment="And a library open late.")
    service.remove(exposed, moderator_user, personal_info)
    html = visitor.get(consultation.url).content.decode()

    assert "And a library open late." in html
    assert "Call me on 06 12 34 56 78." not in html


def test_a_drawn_pages_body_and_figures_follow_a_publication_a_decision_and_the_closing(
    consultation, moderator_user
):
    """The consultation's body and figures are shared pieces of a drawn page (consultation_page.html): an edit
    published, a comment approved and the consultation's closing show at the very next drawing."""
    visitor = Client()
    visitor.cookies["sessionid"] = "nosuchsessionnosuchsessionnosuch"
    comment = ConsultationCommentFactory(page=consultation, state=ConsultationComment.State.PENDING)

    def figures(html):
        keys = html[html.index('class="figures__keys"') :]
        return re.sub(r"\s+", " ", keys[: keys.index("</ul>")])

    before = visitor.get(consultation.url).content.decode()
    assert "<strong>0</strong> published comments" in figures(before)

    service.approve(comment, moderator_user)
    assert "<strong>1</strong> published comment" in figures(visitor.get(consultation.url).content.decode())

    consultation.question = "Where should the new skate park go, and why there?"
    consultation.closes_at = timezone.now() + datetime.timedelta(seconds=3)
    consultation.save_revision().publish()
    html = visitor.get(consultation.url).content.decode()
    assert "Where should the new skate park go, and why there?" in html
    assert "This consultation is closed." not in html  # drawn, and its pieces kept until the closing at most

    time.sleep(max(0, (consultation.closes_at - timezone.now()).total_seconds()) + 0.2)
    assert "This consultation is closed." in visitor.get(consultation.url).content.decode()


def test_a_known_parameter_makes_a_copy_only_where_the_page_reads_it_as_given(client, site_tree):
    """``?sort=``, ``?status=``, ``?page=`` and ``?language=`` are known to the cache, but a page that ignores one, or
    corrects its value (a page number past the last), keeps no copy for it: a script cannot make thousands of
    copies of one page (page_cache.marks.reads_parameters)."""
    from consultations.factories import ConsultationPageFactory

    consultation = ConsultationPageFactory(parent=site_tree.consultations)
    ConsultationCommentFactory.create_batch(2, page=consultation)
    index_url, home_url = site_tree.consultations.url, site_tree.home.url

    for url, query in (
        (home_url, {"sort": "supported"}),
        (home_url, {"page": "7"}),
        (site_tree.guideline.url, {"status": "open"}),
        (consultation.url, {"status": "closed"}),
        (consultation.url, {"page": "999"}),  # one page of conversations: drawn as the first
        (consultation.url, {"language": "fr"}),  # no comment in French: the same thread as without
        (index_url, {"page": "5"}),  # past the last page of cards
    ):
        assert client.get(url, query)["X-Cache"] == "pass", (url, query)
        assert client.get(url, query)["X-Cache"] == "pass", (url, query)

    for url, query in ((consultation.url, {"sort": "supported"}), (index_url, {"status": "open"})):
        assert client.get(url, query)["X-Cache"] == "miss", (url, query)
        assert client.get(url, query)["X-Cache"] == "hit", (url, query)
