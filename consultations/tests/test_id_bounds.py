"""Ids a visitor or a forged form can send: huge, negative, zero or not a number. Never a 500.

Run these on PostgreSQL too (a value past 2^63 raises DataError there, OverflowError on SQLite):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/pytest consultations/tests/test_id_bounds.py
"""

import pytest
from django.test import Client

from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment, ModerationDecision
from consultations.moderation.tests.admin_pages import bulk

pytestmark = pytest.mark.django_db
State = ConsultationComment.State

# Past 2^64, 2^63 exactly, negative, zero, not a number, and a digit that str.isdigit() accepts
# but int() refuses.
BAD_IDS = ["99999999999999999999", "9223372036854775808", "-1", "0", "abc", "²"]
# A well-formed id that no row has, past 2^31 (a 32-bit column on PostgreSQL).
UNKNOWN_ID = "2147483648"


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def moderator(moderator_user):
    client = Client(raise_request_exception=False)
    client.force_login(moderator_user)
    return client


PUBLIC_URLS = {
    "post a comment": lambda page, bad: ("post", f"/en/comment-post/{bad}/"),
    "permalink": lambda page, bad: ("get", f"{page.url}comments/{bad}/"),
    "report form": lambda page, bad: ("get", f"{page.url}comments/{bad}/report/"),
    "send a report": lambda page, bad: ("post", f"{page.url}comments/{bad}/report/"),
}


@pytest.mark.parametrize("bad", [*BAD_IDS, UNKNOWN_ID])
def test_a_public_url_with_a_huge_negative_or_malformed_id_is_not_found(
    visitor, consultation, comment_data, bad
):
    statuses = {}
    for where, url_of in PUBLIC_URLS.items():
        method, url = url_of(consultation, bad)
        statuses[where] = getattr(visitor, method)(url, comment_data(consultation)).status_code

    assert {where: status in (400, 404) for where, status in statuses.items()} == dict.fromkeys(
        PUBLIC_URLS, True
    ), statuses
    assert not ConsultationComment.objects.exists()


@pytest.mark.parametrize("bad", [value for value in BAD_IDS if value != "0"])  # 0 means "not a reply"
def test_a_forged_reply_to_is_refused_like_any_forged_form(visitor, consultation, comment_data, bad):
    ConsultationCommentFactory(page=consultation)

    response = visitor.post(comment_post_url(consultation), comment_data(consultation, reply_to=bad))

    assert response.status_code in (400, 404)
    assert ConsultationComment.objects.count() == 1


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_huge_or_malformed_id_in_the_page_address_is_ignored(visitor, consultation, bad):
    ConsultationCommentFactory(page=consultation, comment="Still readable")

    response = visitor.get(f"{consultation.url}?posted={bad}&reply_to={bad}")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Still readable" in html
    assert "comment--highlighted" not in html
    assert 'name="reply_to" value="0"' in html


MODERATION_URLS = {
    "comment": ("get", "/admin/moderation/comments/{}/", {}),
    "approve": ("post", "/admin/moderation/comments/{}/approve/", {"seen": "never;0"}),
    "reply": ("post", "/admin/moderation/comments/{}/reply/", {"text": "Hello"}),
}


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_moderation_url_with_a_huge_negative_or_malformed_id_is_not_found(moderator, bad):
    # Inside /admin/, Django's LocaleMiddleware answers an unmatched address with a redirect to
    # its language-prefixed form, which is the site's 404 page.
    statuses = {
        where: getattr(moderator, method)(url.format(bad), data, follow=True).status_code
        for where, (method, url, data) in MODERATION_URLS.items()
    }

    assert {where: status in (400, 404) for where, status in statuses.items()} == dict.fromkeys(
        MODERATION_URLS, True
    ), statuses
    assert not ModerationDecision.objects.exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_bulk_selection_with_a_huge_or_malformed_id_is_not_understood(moderator, consultation, bad):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    response = bulk(moderator, [], "approve", ids=[bad, comment.pk])

    assert response.status_code == 200
    text = " ".join(str(message) for message in response.context["messages"])
    assert "1 comment approved." in text
    assert "1 selection was not understood." in text


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_consultation_filter_with_a_huge_or_malformed_id_still_shows_the_list(moderator, consultation, bad):
    ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="Waiting here")

    queue = moderator.get(f"/admin/moderation/?consultation={bad}")
    history = moderator.get(f"/admin/moderation/history/?consultation={bad}")

    assert (queue.status_code, history.status_code) == (200, 200)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_moderator_filter_with_a_huge_or_malformed_id_still_shows_the_history(
    moderator, consultation, moderator_user, bad
):
    from consultations.moderation import service as moderation

    moderation.approve(
        ConsultationCommentFactory(page=consultation, state=State.PENDING, user_name="Kenza"), moderator_user
    )

    pages = [moderator.get(f"/admin/moderation/history/{results}?user={bad}") for results in ("", "results/")]

    assert [page.status_code for page in pages] == [200, 200]
    assert all("Kenza" in page.content.decode() for page in pages)  # the filter is ignored, not a 500


FILTERS = ["consultation", "user", "state", "reason", "action", "flagged", "timestamp_from", "p", "id"]


@pytest.mark.parametrize(
    "listing",
    [
        "/admin/moderation/",
        "/admin/moderation/results/",
        "/admin/moderation/history/",
        "/admin/moderation/history/results/",
    ],
)
def test_no_filter_of_the_queue_or_the_history_fails_on_a_huge_or_malformed_id(
    moderator, consultation, moderator_user, listing
):
    from consultations.moderation import service as moderation

    moderation.approve(ConsultationCommentFactory(page=consultation, state=State.PENDING), moderator_user)
    ConsultationCommentFactory(page=consultation, state=State.PENDING)

    statuses = {
        (name, bad): moderator.get(f"{listing}?{name}={bad}").status_code
        for name in FILTERS
        for bad in BAD_IDS
    }

    assert {key: status for key, status in statuses.items() if status != 200} == {}
