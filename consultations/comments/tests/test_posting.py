import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory
from consultations.models import CommentReport, ConsultationComment, ModerationMode

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


def post(client, page, data, **kwargs):
    return client.post(comment_post_url(page), data, **kwargs)


def test_pre_moderated_comment_is_stored_pending_and_the_author_is_told_why(
    client, consultation, comment_data
):
    response = post(client, consultation, comment_data(consultation), follow=True)

    comment = ConsultationComment.objects.get()
    assert comment.state == State.PENDING
    assert comment.is_public is False
    html = response.content.decode()
    assert "will be visible once a moderator has read it" in html
    assert "More shade and benches" not in html


def test_post_moderated_comment_is_shown_at_once_and_highlighted(client, consultation, comment_data):
    consultation.moderation_mode = ModerationMode.POST
    consultation.save_revision().publish()

    response = post(client, consultation, comment_data(consultation), follow=True)

    comment = ConsultationComment.objects.get()
    assert comment.state == State.PUBLISHED
    html = response.content.decode()
    assert f'id="c{comment.pk}" class="comment comment--highlighted"' in html
    assert "More shade and benches, please." in html


def test_comment_records_the_authors_language_and_no_ip_address(
    client, site_tree, consultation, comment_data
):
    french = consultation.copy_for_translation(site_tree.home_fr.locale)
    french.save_revision().publish()

    client.post(comment_post_url(french), comment_data(french))

    comment = ConsultationComment.objects.get()
    assert comment.language == "fr"
    assert comment.ip_address is None


def test_reply_is_threaded_under_its_parent(client, consultation, comment_data):
    parent = ConsultationCommentFactory(page=consultation)

    post(
        client, consultation, comment_data(consultation, reply_to=str(parent.pk), comment="I agree with you.")
    )

    reply = ConsultationComment.objects.exclude(pk=parent.pk).get()
    assert reply.parent_id == parent.pk
    assert reply.thread_id == parent.thread_id
    assert reply.level == 1


def test_reply_link_preselects_the_parent_without_javascript(client, consultation):
    parent = ConsultationCommentFactory(page=consultation)

    html = client.get(f"{consultation.url}?reply_to={parent.pk}").content.decode()

    assert f'name="reply_to" value="{parent.pk}"' in html
    assert "You are replying to a comment." in html


def test_double_submission_is_stored_once(client, consultation, comment_data):
    data = comment_data(consultation)

    post(client, consultation, data)
    response = post(client, consultation, data, follow=True)

    assert ConsultationComment.objects.count() == 1
    assert "You already sent this comment" in response.content.decode()


def test_sixth_comment_in_ten_minutes_is_refused_with_a_clear_message(client, consultation, comment_data):
    for number in range(5):
        response = post(client, consultation, comment_data(consultation, comment=f"Idea number {number}"))
        assert response.status_code == 302

    response = post(client, consultation, comment_data(consultation, comment="Idea number six"))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait ten minutes before posting again" in html
    assert "Idea number six" in html  # the text is kept
    assert ConsultationComment.objects.count() == 5


# Posting budgets: per author (the address they typed) and, larger, per network.


def test_a_class_of_thirty_behind_one_school_address_all_post_twice(client, consultation, comment_data):
    statuses = [
        post(
            client,
            consultation,
            comment_data(
                consultation, email=f"pupil{pupil}@school.example", comment=f"Idea {turn} of {pupil}"
            ),
            REMOTE_ADDR="192.0.2.10",
        ).status_code
        for pupil in range(30)
        for turn in range(2)
    ]

    assert statuses == [302] * 60
    assert ConsultationComment.objects.count() == 60


def test_one_author_posting_twenty_times_is_slowed_after_five_whatever_their_address(
    client, consultation, comment_data
):
    responses = [
        post(
            client,
            consultation,
            comment_data(
                consultation,
                email="Owl@Example.org" if number % 2 else "owl@example.org",
                comment=f"Idea {number}",
            ),
            REMOTE_ADDR=f"2001:db8:{number}::1",  # a new network each time
        )
        for number in range(20)
    ]

    assert [response.status_code for response in responses] == [302] * 5 + [429] * 15
    sixth = responses[5].content.decode()
    assert "Please wait ten minutes before posting again" in sixth
    assert "Idea 5" in sixth  # the text is kept
    assert ConsultationComment.objects.count() == 5


def test_posts_from_one_address_with_ever_new_emails_are_refused_well_before_two_hundred(
    client, consultation, comment_data
):
    statuses = []
    for number in range(200):
        statuses.append(
            post(
                client,
                consultation,
                comment_data(consultation, email=f"bot{number}@example.org", comment=f"Spam {number}"),
                REMOTE_ADDR="198.51.100.7",
            ).status_code
        )
        if statuses[-3:] == [429] * 3:
            break

    assert statuses == [302] * 80 + [429] * 3
    assert ConsultationComment.objects.count() == 80


def test_a_double_click_or_a_refused_post_spends_no_budget(client, consultation, comment_data, settings):
    settings.TRIBUNE_NETWORK_COMMENT_RATE = "10/10m"
    first = comment_data(consultation, comment="Said once")
    assert post(client, consultation, first).status_code == 302
    assert post(client, consultation, first).status_code == 302  # a double click: not posted twice
    for number in range(4):
        assert (
            post(client, consultation, comment_data(consultation, comment=f"Idea {number}")).status_code
            == 302
        )
    for number in range(10):  # refused by the author's budget: the network's is left alone
        assert (
            post(client, consultation, comment_data(consultation, comment=f"Too many {number}")).status_code
            == 429
        )

    others = [
        post(
            client, consultation, comment_data(consultation, email="friend@example.org", comment=f"Mine {n}")
        )
        for n in range(5)
    ]

    assert [response.status_code for response in others] == [302] * 5
    assert ConsultationComment.objects.count() == 10


def test_a_signed_in_staff_member_gets_an_empty_form_and_posts_as_a_participant(
    client, consultation, comment_data
):
    user = get_user_model().objects.create_user(
        "cdurand", email="camille.durand@example.org", password="x", first_name="Camille", last_name="Durand"
    )
    client.force_login(user)

    html = client.get(consultation.url).content.decode()
    form_html = html[html.index('id="comment-form"') :]

    assert "Durand" not in html and "cdurand" not in html and "camille.durand@example.org" not in html
    assert 'name="name"' in form_html and 'name="email"' in form_html
    response = client.post(
        comment_post_url(consultation),
        comment_data(consultation, name="Skater_13", email="camille.durand@example.org"),
    )
    assert response.status_code == 302
    comment = ConsultationComment.objects.get(user_name="Skater_13")
    assert comment.user == user
    # django-comments' own name (and str()) would read the signed-in account's full name
    assert comment.name == str(comment).split(":")[0] == "Skater_13"


def test_closed_consultation_shows_its_thread_read_only(client, consultation):
    ConsultationCommentFactory(page=consultation, comment="Published before closing.")
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save_revision().publish()

    html = client.get(consultation.url).content.decode()

    assert "Published before closing." in html
    assert "This consultation is closed" in html
    assert "Comments are closed" in html
    assert "Give your opinion" not in html
    assert 'name="comment"' not in html
    assert "?reply_to=" not in html


def test_posting_to_a_closed_consultation_is_refused_with_a_clear_message(client, consultation, comment_data):
    data = comment_data(consultation)
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save_revision().publish()

    response = post(client, consultation, data)

    assert response.status_code == 403
    assert "This consultation is closed" in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_posting_to_an_upcoming_consultation_is_refused(client, consultation, comment_data):
    data = comment_data(consultation)
    consultation.opens_at = timezone.now() + datetime.timedelta(days=2)
    consultation.save_revision().publish()

    response = post(client, consultation, data)

    assert response.status_code == 403
    assert "has not started yet" in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_get_on_the_post_address_goes_back_to_the_consultation(client, consultation):
    response = client.get(comment_post_url(consultation))

    assert response.status_code == 302
    assert response["Location"] == consultation.url


def test_reader_can_report_a_published_comment_once(client, consultation):
    comment = ConsultationCommentFactory(page=consultation)
    url = f"{consultation.url}comments/{comment.pk}/report/"

    assert client.get(url).status_code == 200
    first = client.post(url, {"reason": "It gives a phone number"}, follow=True)
    client.post(url, {"reason": "again"})

    assert "A moderator will look at this comment" in first.content.decode()
    report = CommentReport.objects.get()
    assert report.comment == comment
    assert report.reason == "It gives a phone number"
    assert "127.0.0.1" not in report.reporter_key


def test_pending_comment_cannot_be_reported_or_linked(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    assert client.post(f"{consultation.url}comments/{comment.pk}/report/").status_code == 404
    assert client.get(f"{consultation.url}comments/999999/").status_code == 404


def test_permalink_leads_to_the_comment_on_its_page(client, consultation):
    comment = ConsultationCommentFactory(page=consultation)

    response = client.get(f"{consultation.url}comments/{comment.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#c{comment.pk}"


@pytest.mark.parametrize("state", [State.PENDING, State.RETURNED, State.REMOVED, State.WITHDRAWN])
def test_a_hidden_comments_permalink_answers_exactly_like_an_unknown_one(client, consultation, state):
    hidden = ConsultationCommentFactory(page=consultation, state=state)
    unknown_id = hidden.pk + 1000

    for_hidden = client.get(f"{consultation.url}comments/{hidden.pk}/")
    for_unknown = client.get(f"{consultation.url}comments/{unknown_id}/")

    assert for_hidden.status_code == for_unknown.status_code == 404
    # The page may repeat its own address (language links): compare with the id blanked out.
    assert for_hidden.content.decode().replace(f"comments/{hidden.pk}/", "comments/ID/") == (
        for_unknown.content.decode().replace(f"comments/{unknown_id}/", "comments/ID/")
    )


def test_the_report_form_says_optional_once(client, consultation):
    comment = ConsultationCommentFactory(page=consultation)

    html = client.get(f"{consultation.url}comments/{comment.pk}/report/").content.decode()
    label = re.search(r'<label[^>]*for="id_reason"[^>]*>(.*?)</label>', html, re.S).group(1)

    assert " ".join(re.sub(r"<[^>]+>", " ", label).split()) == "What is wrong with this comment? (optional)"
