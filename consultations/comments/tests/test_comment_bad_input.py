"""Everything a visitor can type or forge gets a clear answer, never a 500."""

import time

import pytest
from django.test import Client

from consultations.comments.forms import COMMENT_MAX_LENGTH
from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.models import ConsultationComment
from consultations.moderation import service as moderation

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def post(client, page, data):
    return client.post(comment_post_url(page), data)


def assert_refused_with(response, message, status=200):
    assert response.status_code == status
    html = response.content.decode()
    assert message in html, html[:3000]
    assert not ConsultationComment.objects.exists()
    return html


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\u200b\u200b\u200d", "\x00\x01"])
def test_empty_or_invisible_comment_is_refused(client, consultation, comment_data, text):
    response = post(client, consultation, comment_data(consultation, comment=text))

    assert_refused_with(response, "Your comment is empty")


def test_comment_of_2001_characters_is_refused_and_kept(client, consultation, comment_data):
    text = "a" * (COMMENT_MAX_LENGTH + 1)

    html = assert_refused_with(
        post(client, consultation, comment_data(consultation, comment=text)),
        "Your comment is too long: 2001 characters, 2000 at most.",
    )

    assert text in html


def test_comment_of_2000_characters_with_windows_line_breaks_is_accepted(client, consultation, comment_data):
    text = ("b" * 98 + "\r\n") * 20  # 2,000 characters once line breaks are counted as one

    response = post(client, consultation, comment_data(consultation, comment=text.strip()))

    assert response.status_code == 302
    assert len(ConsultationComment.objects.get().comment) <= COMMENT_MAX_LENGTH


@pytest.mark.parametrize("consent", [None, ""])
def test_missing_or_unchecked_consent_is_refused(client, consultation, comment_data, consent):
    html = assert_refused_with(
        post(client, consultation, comment_data(consultation, accept_rules=consent)),
        "Please confirm that you have read and accept the code of conduct.",
    )

    assert "More shade and benches, please." in html


def test_error_is_tied_to_its_field(client, consultation, comment_data):
    html = post(client, consultation, comment_data(consultation, email="not-an-address")).content.decode()

    assert 'id="id_email_error"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Please enter a valid email address" in html


def test_reply_to_a_comment_of_another_page_is_refused(client, site_tree, consultation, comment_data):
    other = ConsultationPageFactory(parent=site_tree.consultations)
    foreign = ConsultationCommentFactory(page=other)

    response = post(client, consultation, comment_data(consultation, reply_to=str(foreign.pk)))

    assert response.status_code == 200
    assert "The comment you are replying to is not available any more" in response.content.decode()
    assert ConsultationComment.objects.count() == 1


def test_reply_to_a_missing_comment_is_refused(client, consultation, comment_data):
    response = post(client, consultation, comment_data(consultation, reply_to="987654"))

    assert_refused_with(response, "The comment you are replying to is not available any more")


def test_reply_to_an_unpublished_comment_is_refused(client, consultation, comment_data):
    pending = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    response = post(client, consultation, comment_data(consultation, reply_to=str(pending.pk)))

    assert "The comment you are replying to is not available any more" in response.content.decode()
    assert ConsultationComment.objects.count() == 1


def test_reply_beyond_the_depth_limit_is_refused(client, consultation, comment_data, settings):
    parent = ConsultationCommentFactory(page=consultation)
    for _level in range(settings.COMMENTS_XTD_MAX_THREAD_LEVEL):
        parent = ConsultationCommentFactory(page=consultation, parent=parent)
    assert parent.level == settings.COMMENTS_XTD_MAX_THREAD_LEVEL

    response = post(client, consultation, comment_data(consultation, reply_to=str(parent.pk)))

    assert "This conversation cannot go deeper" in response.content.decode()
    assert ConsultationComment.objects.count() == settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 1


@pytest.mark.parametrize(
    "forged",
    [
        {"security_hash": "0" * 40},
        {"timestamp": "not-a-number"},
        {"timestamp": str(int(time.time()) + 10)},  # changed timestamp: the hash no longer matches
        {"object_pk": "999999"},
        {"content_type": "auth.user"},
        {"reply_to": "abc"},
        {"honeypot": "I am a bot"},
    ],
)
def test_tampered_form_gets_the_400_page_in_our_style(client, consultation, comment_data, forged):
    response = post(client, consultation, comment_data(consultation, **forged))

    html = assert_refused_with(response, "We could not accept this comment", status=400)
    assert "Back to the consultation" in html


def test_expired_form_keeps_the_text_and_asks_to_send_again(client, consultation, comment_data):
    form_rendered_long_ago = int(time.time()) - 3 * 60 * 60
    from consultations.comments.forms import CommentForm

    form = CommentForm(consultation)
    security = {
        "timestamp": str(form_rendered_long_ago),
        "security_hash": form.initial_security_hash(form_rendered_long_ago),
    }

    response = post(client, consultation, comment_data(consultation, comment="Written slowly.", **security))

    html = assert_refused_with(response, "This form was open for a long time")
    assert "Written slowly." in html


@pytest.mark.parametrize("page_id", ["999999", "home"])
def test_posting_to_a_page_that_does_not_exist_is_a_404(
    client, site_tree, consultation, comment_data, page_id
):
    page_id = site_tree.home.pk if page_id == "home" else page_id

    response = client.post(f"/en/comment-post/{page_id}/", comment_data(consultation))

    assert response.status_code == 404
    assert "We could not find this page" in response.content.decode()


def test_html_and_script_are_shown_as_text_everywhere(client, consultation, comment_data):
    consultation.moderation_mode = "post"
    consultation.save_revision().publish()
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'

    post(
        client,
        consultation,
        comment_data(
            consultation,
            name=hostile[:50],
            comment=hostile + " https://example.org/a?b=<c>",
            post_anyway="on",
        ),
    )
    # A link holds the comment for moderation (screening); once approved it is shown as text.
    moderation.approve(ConsultationComment.objects.get(), moderator=None)
    html = client.get(consultation.url).content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'rel="nofollow ugc noopener"' in html


def test_hostile_input_in_every_field_never_causes_a_500(client, consultation, comment_data):
    hostile = '"><script>alert(1)</script>{{ 7*7 }}{% debug %}\x00'
    data = comment_data(
        consultation, name=hostile, email=hostile, comment=hostile, accept_rules=hostile, followup=hostile
    )

    response = post(client, consultation, data)

    assert response.status_code in {200, 302, 400}
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_very_long_name_is_refused_with_a_clear_message(client, consultation, comment_data):
    response = post(client, consultation, comment_data(consultation, name="N" * 500))

    html = assert_refused_with(response, "Please use at most 50 characters for your name (you used 500).")
    assert "More shade and benches, please." in html


@pytest.mark.parametrize("name", ["Alice\u202egnp.exe", "Bob\u200b", "\u2066Eve\u2069"])
def test_names_with_invisible_direction_characters_are_refused(client, consultation, comment_data, name):
    response = post(client, consultation, comment_data(consultation, name=name))

    assert_refused_with(response, "Your name contains invisible characters")


def test_right_to_left_text_is_accepted_and_isolated(client, consultation, comment_data):
    consultation.moderation_mode = "post"
    consultation.save_revision().publish()

    response = post(
        client,
        consultation,
        comment_data(consultation, name="سارة", comment="أريد المزيد من الأشجار في الحديقة"),
    )
    html = client.get(consultation.url).content.decode()

    assert response.status_code == 302
    assert "أريد المزيد من الأشجار في الحديقة" in html
    assert 'class="comment__text" dir="auto"' in html


def test_emoji_with_joiners_count_as_characters_not_as_invisible(client, consultation, comment_data):
    response = post(client, consultation, comment_data(consultation, name="Maya 👩‍🎤", comment="Oui 👍🏽 !"))

    assert response.status_code == 302
    assert ConsultationComment.objects.get().user_name == "Maya 👩‍🎤"


@pytest.mark.parametrize(
    "address",
    ['"owl,victim@example.com"@example.org', '"a;b"@example.org', '"x"@example.org', "owl@example.org>"],
)
def test_an_address_the_outbox_would_split_is_refused(client, consultation, comment_data, address):
    """The outbox keeps recipients as a comma-separated list: a quoted address with a comma would become two."""
    assert_refused_with(
        post(client, consultation, comment_data(consultation, email=address)),
        "Please enter a valid email address",
    )


@pytest.mark.parametrize(
    "sent",
    [None, {"reply_to": '"><script>alert(1)</script>', "timestamp": "1' onfocus='x", "object_pk": "&amp;"}],
    ids=["blank form", "forged hidden values"],
)
def test_hidden_fields_are_drawn_as_django_draws_them_with_what_was_sent_escaped(
    consultation, comment_data, sent
):
    from consultations.comments.forms import CommentForm

    form = (
        CommentForm(consultation, comment_data(consultation, **sent)) if sent else CommentForm(consultation)
    )

    drawn = form.hidden_fields_html()

    assert drawn == "".join(str(field) for field in form.hidden_fields())
    assert "<script>" not in drawn and "onfocus='" not in drawn
    if sent:
        assert "&quot;&gt;&lt;script&gt;" in drawn
