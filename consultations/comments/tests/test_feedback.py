"""The confirmation after posting, replying or reporting: shown next to where the reader acted, carried by a
short-lived signed token in the address, never by a cookie."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

from consultations.comments import feedback
from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment, ModerationMode
from guidelines.models import CommunityManagerSettings

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
PENDING_TITLE = "Thank you! Your comment will be visible once a moderator has read it."


def token_of(location):
    return parse_qs(urlsplit(location).query)[feedback.PARAMETER][0]


def confirmation(html):
    """The confirmation's text, or None when the page shows none."""
    found = re.search(
        r'<div class="feedback[^"]*" id="feedback" role="status" tabindex="-1" data-feedback>(.*?)</div>',
        html,
        re.S,
    )
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else None


def comment_block(html, comment_id):
    """The HTML of a comment from its <li> to the start of its replies or its end."""
    start = html.index(f'<li id="c{comment_id}"')
    ends = [
        i for i in (html.find('<ol class="comment-replies">', start), html.find("</li>", start)) if i != -1
    ]
    return html[start : min(ends)]


def form_section(html):
    return html[html.index('id="comment-form"') :]


def follow_without_cookies(client, response):
    """Follows the redirect by hand, checking that no response on the way sets (or deletes) a cookie."""
    assert response.status_code == 302
    assert response.cookies == {}, response.cookies
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.cookies == {}, page.cookies
    assert "Set-Cookie" not in page.headers
    return page.content.decode()


def test_a_new_comment_lands_on_a_confirmation_at_the_form_saying_when_with_no_cookie(
    client, consultation, comment_data
):
    response = client.post(comment_post_url(consultation), comment_data(consultation))

    assert response["Location"].startswith(f"{consultation.url}?sent=")
    assert response["Location"].endswith("#feedback")
    html = follow_without_cookies(client, response)
    text = confirmation(form_section(html))
    assert text.startswith(PENDING_TITLE)
    assert re.search(r"A moderator (is online and )?will read it (today|tomorrow|on \w+day \d+ \w+)", text), (
        text
    )
    assert "messages" not in html
    assert client.cookies == {}


def test_a_reply_lands_on_a_confirmation_right_under_the_comment_it_answers(
    client, consultation, comment_data
):
    parent = ConsultationCommentFactory(page=consultation, comment="Trees, please.")

    response = client.post(
        comment_post_url(consultation), comment_data(consultation, reply_to=str(parent.pk), comment="Yes!")
    )

    html = follow_without_cookies(client, response)
    assert confirmation(comment_block(html, parent.pk)).startswith(PENDING_TITLE)
    assert html.count("data-feedback") == 1  # not at the form as well
    assert "Yes!" not in html


def test_a_published_comment_is_confirmed_under_itself_and_highlighted(client, consultation, comment_data):
    consultation.moderation_mode = ModerationMode.POST
    consultation.save_revision().publish()

    response = client.post(comment_post_url(consultation), comment_data(consultation))

    comment = ConsultationComment.objects.get()
    html = follow_without_cookies(client, response)
    block = comment_block(html, comment.pk)
    assert 'class="comment comment--highlighted"' in block
    assert confirmation(block) == "Thank you! Your comment is published. Everyone can read it now."


def test_a_double_click_says_already_sent_at_the_form_with_no_cookie(client, consultation, comment_data):
    data = comment_data(consultation)
    client.post(comment_post_url(consultation), data)

    html = follow_without_cookies(client, client.post(comment_post_url(consultation), data))

    assert ConsultationComment.objects.count() == 1
    assert confirmation(form_section(html)) == "You already sent this comment. It is not posted twice."


def test_a_report_is_thanked_under_the_reported_comment_with_no_cookie(client, consultation):
    comment = ConsultationCommentFactory(page=consultation)

    response = client.post(f"{consultation.url}comments/{comment.pk}/report/", {"reason": "Rude"})

    html = follow_without_cookies(client, response)
    text = confirmation(comment_block(html, comment.pk))
    assert text.startswith("Thank you for telling us. A moderator will look at this comment.")


def test_a_report_that_hides_the_comment_is_thanked_at_the_form(client, consultation, settings):
    settings.TRIBUNE_REPORT_HOLD_THRESHOLD = 1
    comment = ConsultationCommentFactory(page=consultation, comment="Hidden now")

    response = client.post(f"{consultation.url}comments/{comment.pk}/report/", {"reason": "Rude"})

    html = follow_without_cookies(client, response)
    assert "Hidden now" not in html
    assert confirmation(form_section(html)).startswith("Thank you for telling us.")


def test_the_token_holds_no_name_email_text_or_id_of_a_pending_comment(client, consultation, comment_data):
    response = client.post(
        comment_post_url(consultation), comment_data(consultation, name="Secret_Name", comment="Secret text")
    )

    data = signing.loads(token_of(response["Location"]), salt=feedback.SALT)
    assert ConsultationComment.objects.count() == 1
    assert data == {"p": consultation.pk, "k": "pending", "c": 0}


def test_a_token_for_another_page_shows_nothing(client, consultation, site_tree):
    from consultations.factories import ConsultationPageFactory

    other = ConsultationPageFactory(parent=site_tree.consultations, slug="other", title="Other")
    token = feedback.make_token(other, feedback.PENDING)

    html = client.get(f"{consultation.url}?sent={token}").content.decode()

    assert confirmation(html) is None


def test_a_forged_token_shows_nothing(client, consultation):
    token = feedback.make_token(consultation, feedback.PENDING)
    payload, signature = token.rsplit(":", 1)
    forged = signing.dumps({"p": consultation.pk, "k": "published", "c": 1}, salt="another salt")

    for value in (f"{payload}:{signature[::-1]}", forged, token.replace(token[:4], "eyJw", 1) + "x"):
        response = client.get(consultation.url, {"sent": value})
        assert response.status_code == 200
        assert confirmation(response.content.decode()) is None, value


def test_an_expired_token_shows_nothing(client, consultation, monkeypatch):
    token = feedback.make_token(consultation, feedback.PENDING)
    assert confirmation(client.get(consultation.url, {"sent": token}).content.decode()) is not None

    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + feedback.MAX_AGE + 1)

    assert confirmation(client.get(consultation.url, {"sent": token}).content.decode()) is None


@pytest.mark.parametrize(
    "value",
    ["", "x", ":", "::::", "é" * 50, "a" * 5000, "eyJ9:abc:def", "\x00", "1" * 30, "%ff", "None", "[]"],
)
def test_garbage_in_the_token_shows_nothing_and_never_fails(client, consultation, value):
    response = client.get(consultation.url, {"sent": value})

    assert response.status_code == 200
    assert confirmation(response.content.decode()) is None
    assert feedback.read_feedback(value, consultation) is None


def test_a_token_naming_someone_elses_pending_comment_reveals_nothing_about_it(client, consultation):
    # The site never makes such a token; if one existed, the page would still not show the comment.
    pending = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, user_name="Private_Author", comment="Private words"
    )
    token = feedback.make_token(consultation, feedback.PENDING, pending.pk)

    html = client.get(consultation.url, {"sent": token}).content.decode()

    assert "Private_Author" not in html and "Private words" not in html
    assert f'id="c{pending.pk}"' not in html
    assert confirmation(form_section(html)).startswith(PENDING_TITLE)  # at the form, like any new comment


def test_a_token_saying_published_for_a_comment_not_shown_any_more_shows_nothing(client, consultation):
    removed = ConsultationCommentFactory(page=consultation, state=State.REMOVED, comment="Gone")
    token = feedback.make_token(consultation, feedback.PUBLISHED, removed.pk)

    html = client.get(consultation.url, {"sent": token}).content.decode()

    assert confirmation(html) is None
    assert "comment--highlighted" not in html


def test_a_tampered_kind_or_place_in_a_well_signed_token_shows_nothing(consultation):
    for data in (
        {"p": consultation.pk, "k": "hacked", "c": 0},
        {"p": consultation.pk, "k": "pending", "c": -1},
        {"p": consultation.pk, "k": "pending", "c": "1"},
        ["p"],
        "text",
    ):
        assert feedback.read_feedback(signing.dumps(data, salt=feedback.SALT), consultation) is None


def test_no_comment_flow_uses_the_messages_framework(client, consultation, comment_data):
    comment = ConsultationCommentFactory(page=consultation)
    responses = [
        client.post(comment_post_url(consultation), comment_data(consultation)),
        client.post(comment_post_url(consultation), comment_data(consultation)),  # a double click
        client.post(f"{consultation.url}comments/{comment.pk}/report/", {"reason": "x"}),
    ]

    for response in responses:
        assert response.cookies == {}
        assert "_messages" not in client.cookies


def test_the_confirmation_still_shows_when_the_managers_settings_cannot_be_read(
    client, consultation, monkeypatch
):
    # The banner never fails on broken settings (guidelines); the page after posting must not either.
    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(CommunityManagerSettings, "as_schedule", broken)
    token = feedback.make_token(consultation, feedback.PENDING)

    response = client.get(consultation.url, {"sent": token})

    assert response.status_code == 200
    assert confirmation(response.content.decode()) == PENDING_TITLE
