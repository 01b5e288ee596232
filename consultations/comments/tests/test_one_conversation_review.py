"""One conversation per consultation, seen by a reviewer: what an author's links and a reader's choices do when
one of the consultation's pages is gone, and what the migration does with rows it must leave alone."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client

from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, ConsultationPage
from consultations.moderation import service as moderation
from guidelines.models import GuidelinePage
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


def test_the_migration_leaves_comments_it_cannot_place_where_they_are(site_tree, consultation, french):
    migration = importlib.import_module("consultations.migrations.0023_one_conversation_per_consultation")
    on_french = ConsultationCommentFactory(page=french)
    on_french.object_pk = str(french.pk)  # as the site stored it before the migration
    on_french.save()
    not_a_number = ConsultationCommentFactory(page=consultation)
    not_a_number.object_pk = "not-a-number"
    not_a_number.save()
    gone = ConsultationCommentFactory(page=consultation)
    gone.object_pk = "999999"
    gone.save()
    # Another model's row whose id is the French page's: not a comment of the consultation.
    other_type = ConsultationCommentFactory(page=consultation)
    other_type.content_type = ContentType.objects.get_for_model(GuidelinePage)
    other_type.object_pk = str(french.pk)
    other_type.save()

    migration.move_comments_to_source_pages(apps, None)

    placed = dict(ConsultationComment.objects.values_list("pk", "object_pk"))
    assert placed == {
        on_french.pk: str(consultation.pk),
        not_a_number.pk: "not-a-number",
        gone.pk: "999999",
        other_type.pk: str(french.pk),
    }
    assert comment_ids(Client().get(french.url).content.decode()) == [on_french.pk]
