"""One consultation, one conversation: every translation shows the same thread, whatever language a comment
was written in; replies cross languages; each author hears back in their own language."""

import re

import pytest
from django.core import mail
from django.test import Client

from consultations.comments.urls import comment_post_url
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, ConsultationPage
from consultations.moderation import service as moderation
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


@pytest.fixture
def french(site_tree, consultation):
    translation = consultation.copy_for_translation(site_tree.home_fr.locale)
    translation.title = "Un espace jeunes"
    translation.slug = "espace-jeunes"
    translation.save_revision().publish()
    return ConsultationPage.objects.get(pk=translation.pk)


def comment_ids(html):
    return [int(found) for found in re.findall(r'<li id="c(\d+)" class="comment', html)]


def test_a_comment_posted_on_the_french_page_is_kept_on_the_source_page_and_shown_on_both(
    client, consultation, french, comment_data, moderator_user
):
    response = client.post(comment_post_url(french), comment_data(french, comment="Un skatepark couvert."))

    comment = ConsultationComment.objects.get()
    assert comment.object_pk == str(consultation.pk)
    assert comment.language == "fr"
    # The reader goes back to the page they posted on.
    assert response["Location"].startswith(french.url)

    moderation.approve(comment, moderator_user)
    for page in (consultation, french):
        html = client.get(page.url).content.decode()
        assert comment_ids(html) == [comment.pk]
        assert '<div class="comment__text" dir="auto" lang="fr">Un skatepark couvert.</div>' in html
    english_html = client.get(consultation.url).content.decode()
    assert "Written in French" in english_html
    assert 'aria-hidden="true">FR</span>' in english_html
    assert "Écrit en français" in client.get(french.url).content.decode()


def test_a_reader_of_the_english_page_answers_a_french_comment(client, consultation, french, comment_data):
    french_comment = ConsultationCommentFactory(page=french, comment="Plus d'arbres !")

    response = client.post(
        comment_post_url(consultation),
        comment_data(consultation, comment="Yes, trees and shade.", reply_to=str(french_comment.pk)),
    )

    assert response.status_code == 302
    reply = ConsultationComment.objects.get(comment="Yes, trees and shade.")
    assert reply.parent_id == french_comment.pk
    assert reply.language == "en"
    reply.state = State.PUBLISHED
    reply.save()
    # Nested under the French comment on both pages.
    for page in (consultation, french):
        html = client.get(page.url).content.decode()
        nested = re.search(
            rf'<li id="c{french_comment.pk}".*?<ol class="comment-replies"><li id="c(\d+)"', html
        )
        assert nested is not None and int(nested.group(1)) == reply.pk


def test_the_reply_form_of_one_consultation_refuses_a_comment_of_another(
    client, site_tree, consultation, comment_data
):
    from consultations.factories import ConsultationPageFactory

    other = ConsultationPageFactory(parent=site_tree.consultations, slug="other")
    elsewhere = ConsultationCommentFactory(page=other)

    response = client.post(
        comment_post_url(consultation), comment_data(consultation, reply_to=str(elsewhere.pk))
    )

    assert response.status_code == 200
    assert "The comment you are replying to is not available any more" in response.content.decode()
    assert ConsultationComment.objects.count() == 1


def test_report_support_and_permalink_work_under_each_translation_and_no_other_page(
    client, site_tree, consultation, french
):
    from consultations.factories import ConsultationPageFactory

    comment = ConsultationCommentFactory(page=french)
    other = ConsultationPageFactory(parent=site_tree.consultations, slug="other")

    for page in (consultation, french):
        permalink = client.get(f"{page.url}comments/{comment.pk}/")
        assert permalink.status_code == 302
        assert permalink["Location"] == f"{page.url}#c{comment.pk}"
        assert client.get(f"{page.url}comments/{comment.pk}/report/").status_code == 200
        supported = Client(REMOTE_ADDR="192.0.2.7").post(f"{page.url}comments/{comment.pk}/support/")
        assert supported.status_code == 302
        assert supported["Location"].startswith(page.url)
    assert client.get(f"{other.url}comments/{comment.pk}/").status_code == 404
    assert client.get(f"{other.url}comments/{comment.pk}/report/").status_code == 404


def test_the_threads_of_both_languages_are_in_the_order_they_were_started(client, consultation, french):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    # Posted on the French page earlier, but created later (a comment moved from a translation keeps its id).
    late_english = ConsultationCommentFactory(
        page=consultation, submit_date=now - datetime.timedelta(hours=1)
    )
    early_french = ConsultationCommentFactory(page=french, submit_date=now - datetime.timedelta(hours=5))

    assert comment_ids(client.get(french.url).content.decode()) == [early_french.pk, late_english.pk]


def test_the_language_filter_shows_one_language_and_the_comments_its_replies_answer(
    client, consultation, french
):
    french_thread = ConsultationCommentFactory(page=french, comment="Des bancs.")
    english_answer = ConsultationCommentFactory(page=consultation, parent=french_thread, comment="Benches!")
    english_thread = ConsultationCommentFactory(page=consultation, comment="A skate bowl.")
    french_answer = ConsultationCommentFactory(page=french, parent=english_thread, comment="Oui !")

    everything = client.get(french.url).content.decode()
    in_english = client.get(f"{french.url}?language=en").content.decode()
    in_french = client.get(f"{french.url}?language=fr").content.decode()

    assert comment_ids(everything) == [
        french_thread.pk,
        english_answer.pk,
        english_thread.pk,
        french_answer.pk,
    ]
    # The English reply keeps the French comment it answers; the French reply is left out.
    assert comment_ids(in_english) == [french_thread.pk, english_answer.pk, english_thread.pk]
    assert comment_ids(in_french) == [french_thread.pk, english_thread.pk, french_answer.pk]
    # The heading still counts the whole conversation; the filter names each language with its count.
    assert "4 commentaires" in in_english
    assert re.search(r'aria-current="true">\s*Anglais \(2\)', in_english)
    assert "Tous les langues" not in everything
    assert re.search(r'aria-current="true">\s*Toutes les langues \(4\)', everything)
    # The order is kept when the language changes, and the language when the order changes.
    assert f'href="{french.url}?sort=supported&amp;language=en#comments-title"' in in_english
    assert f'href="{french.url}?language=fr#comments-title"' in everything


def test_an_unknown_or_hostile_language_filter_shows_everything(client, consultation, french):
    ConsultationCommentFactory(page=french)
    ConsultationCommentFactory(page=consultation)

    for value in ("xx", "<script>", "fr' OR 1=1", "e" * 5000):
        response = client.get(french.url, {"language": value})
        assert response.status_code == 200
        assert len(comment_ids(response.content.decode())) == 2
        assert "<script>" not in response.content.decode().split('class="comments"')[1]


def test_a_thread_in_one_language_offers_no_language_filter(client, consultation, french):
    ConsultationCommentFactory(page=french)
    ConsultationCommentFactory(page=french)

    assert "thread-languages" not in client.get(french.url).content.decode()


def test_both_cards_count_the_whole_conversation(client, site_tree, consultation, french):
    ConsultationCommentFactory(page=french)
    ConsultationCommentFactory(page=consultation)
    ConsultationCommentFactory(page=consultation, state=State.PENDING)

    for index in (site_tree.consultations, site_tree.consultations_fr):
        cards = index.specific.consultations()
        assert [page.published_comment_count() for page in cards] == [2]
    assert consultation.published_comment_count() == french.published_comment_count() == 2


def test_each_author_hears_back_in_their_own_language_with_a_link_to_their_page(
    client, consultation, french, moderator_user
):
    ConfirmedAddressFactory(address="lea@example.org")
    ConfirmedAddressFactory(address="sam@example.org")
    french_comment = ConsultationCommentFactory(
        page=french, state=State.PENDING, user_email="lea@example.org", followup=True
    )
    english_reply = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, parent=french_comment, user_email="sam@example.org"
    )
    moderation.approve(french_comment, moderator_user)
    moderation.approve(english_reply, moderator_user)
    deliver()

    to_lea = [message for message in mail.outbox if message.to == ["lea@example.org"]]
    to_sam = [message for message in mail.outbox if message.to == ["sam@example.org"]]
    assert [message.subject for message in to_lea] == [
        "Ton commentaire est publié",
        "Quelqu'un a répondu à ton commentaire",
    ]
    # Both lead to the French page, the English reply too.
    assert f"{french.url}comments/{french_comment.pk}/" in to_lea[0].body
    assert f"{french.url}comments/{english_reply.pk}/" in to_lea[1].body
    assert not any(consultation.url in message.body for message in to_lea)
    assert [message.subject for message in to_sam] == ["Your comment is published"]
    assert f"{consultation.url}comments/{english_reply.pk}/" in to_sam[0].body
    assert french.url not in to_sam[0].body


def test_the_queue_filter_lists_each_consultation_once(moderator_client, consultation, french):
    from consultations.moderation.filters import QueueFilterSet

    ConsultationCommentFactory(page=french, state=State.PENDING)

    choices = list(QueueFilterSet().form.fields["consultation"].queryset)

    assert choices == [consultation]
    html = moderator_client.get("/admin/moderation/").content.decode()
    assert html.count(f'value="{consultation.pk}"') == 1
    assert f'value="{french.pk}"' not in html


def test_deleting_the_source_page_hands_the_conversation_to_the_translation(consultation, french):
    comment = ConsultationCommentFactory(page=consultation)

    ConsultationPage.objects.get(pk=consultation.pk).delete()

    comment.refresh_from_db()
    assert comment.object_pk == str(french.pk)
    assert list(ConsultationComment.objects.for_page(ConsultationPage.objects.get(pk=french.pk))) == [comment]


def test_search_on_the_french_site_finds_an_english_comment_under_the_french_page(
    client, consultation, french
):
    comment = ConsultationCommentFactory(page=consultation, comment="Skateboard ramps near the river")

    html = client.get("/fr/search/", {"query": "skateboard"}).content.decode()

    assert f'href="{french.url}comments/{comment.pk}/"' in html
    assert client.get(f"{french.url}comments/{comment.pk}/").status_code == 302


def test_an_author_whose_language_page_was_unpublished_is_sent_to_a_live_page_of_the_consultation(
    client, consultation, french, moderator_user
):
    ConfirmedAddressFactory(address="sam@example.org")
    english_comment = ConsultationCommentFactory(
        page=consultation, user_email="sam@example.org", followup=True, comment="Shade, please."
    )
    # The organisers take the English page offline; the conversation goes on on the French page.
    ConsultationPage.objects.get(pk=consultation.pk).unpublish()
    french_reply = ConsultationCommentFactory(page=french, parent=english_comment, state=State.PENDING)
    moderation.approve(french_reply, moderator_user)
    deliver()

    [to_sam] = [message for message in mail.outbox if message.to == ["sam@example.org"]]
    assert to_sam.subject == "Someone answered your comment"
    link = re.search(r"https?://[^/\s]+(/\S+/comments/\d+/)", to_sam.body).group(1)
    assert link == f"{french.url}comments/{french_reply.pk}/"
    assert client.get(link).status_code == 302
    assert consultation.url not in to_sam.body


def test_supporting_without_javascript_keeps_the_language_and_the_order_the_reader_chose(
    client, consultation, french
):
    french_comment = ConsultationCommentFactory(page=french, comment="Des bancs.")
    ConsultationCommentFactory(page=consultation, comment="Benches!")
    url = f"{french.url}?sort=supported&language=fr"
    html = client.get(url).content.decode()
    form = re.search(
        rf'<form class="comment__support"[^>]*data-support="{french_comment.pk}">(.*?)</form>', html
    ).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))

    response = Client(REMOTE_ADDR="192.0.2.9").post(
        f"{french.url}comments/{french_comment.pk}/support/", fields
    )

    assert response.status_code == 302
    assert response["Location"].startswith(f"{french.url}?sort=supported&language=fr&sent=")
    back = client.get(response["Location"]).content.decode()
    assert comment_ids(back) == [french_comment.pk]
    assert "Ton soutien est compté" in back
    # Taking it back from the confirmation comes back to the same view too.
    undo = re.search(r'<form class="feedback__undo"[^>]*>(.*?)</form>', back, re.S).group(1)
    assert '<input type="hidden" name="language" value="fr">' in undo
