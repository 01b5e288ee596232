"""Links in emails act for their own author only: bound to a keyed hash of the address, never to a field
that can become empty."""

import datetime
import importlib
import json

import pytest
from django.apps import apps
from django.core import signing
from django.utils import timezone

from consultations.authors.links import make_token
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, address_key
from consultations.moderation import service as moderation
from consultations.privacy.retention import erase_expired_author_data

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
PURPOSES = ["revise", "withdraw", "download", "unsubscribe", "confirm"]


def download(client, comment):
    response = client.get(f"/en/my-comment/download/{make_token(comment, 'download')}/")
    return response, (json.loads(response.content) if response.status_code == 200 else None)


def close_long_ago(consultation):
    consultation.opens_at = timezone.now() - datetime.timedelta(days=90)
    consultation.closes_at = timezone.now() - datetime.timedelta(days=60)
    consultation.save_revision().publish()


@pytest.fixture
def two_authors(consultation):
    ConfirmedAddressFactory(address="ana@example.org")
    ConfirmedAddressFactory(address="ben@example.org")
    ana = [
        ConsultationCommentFactory(
            page=consultation, user_email="ana@example.org", comment="Ana's first idea"
        ),
        ConsultationCommentFactory(page=consultation, user_email="ANA@example.org ", comment="Ana's second"),
    ]
    ben = [
        ConsultationCommentFactory(
            page=consultation, user_email="ben@example.org", comment="Ben's pending idea", state=State.PENDING
        ),
        ConsultationCommentFactory(
            page=consultation, user_email="ben@example.org", comment="Ben's removed text", state=State.REMOVED
        ),
    ]
    return ana, ben


def test_a_comment_posted_with_an_address_carries_its_keyed_hash_not_the_address(consultation):
    comment = ConsultationCommentFactory(page=consultation, user_email="Owl@Example.org")

    assert comment.author_key == address_key("owl@example.org")
    assert len(comment.author_key) == 64
    assert "owl" not in comment.author_key


def test_a_community_manager_reply_carries_the_managers_address_key(consultation, django_user_model):
    manager = django_user_model.objects.create_user("camille", email="camille@example.org")
    parent = ConsultationCommentFactory(page=consultation)

    reply = moderation.reply_as_manager(parent, manager, "We passed your idea on.")

    assert ConsultationComment.objects.get(pk=reply.pk).author_key == address_key("camille@example.org")


def test_after_a_withdrawal_each_authors_download_shows_only_their_own_comments(client, two_authors):
    ana, ben = two_authors
    withdrawn = ana[0]
    moderation.withdraw(withdrawn)
    moderation.withdraw(ben[0])

    _response, anas = download(client, withdrawn)
    _response, bens = download(client, ben[1])

    assert [(item["id"], item["text"]) for item in anas["comments"]] == [
        (withdrawn.pk, ""),
        (ana[1].pk, "Ana's second"),
    ]
    assert [(item["id"], item["text"]) for item in bens["comments"]] == [
        (ben[0].pk, ""),
        (ben[1].pk, "Ben's removed text"),
    ]


def test_after_erasure_an_old_download_link_shows_nothing_at_all(client, consultation, two_authors):
    ana, ben = two_authors
    moderation.withdraw(ana[0])
    close_long_ago(consultation)

    erase_expired_author_data(30)
    response, _data = download(client, ana[1])
    withdrawn_link = client.get(f"/en/my-comment/download/{make_token(ana[0], 'download')}/")

    assert not ConsultationComment.objects.exclude(author_key="").exists()
    for refused in (response, withdrawn_link):
        assert refused.status_code == 400
        page = refused.content.decode()
        assert "This link is not valid" in page
        assert "Ben" not in page
        assert "Ana's" not in page


def test_links_made_before_erasure_stop_working_for_every_purpose(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, user_email="ana@example.org", followup=True)
    tokens = {purpose: make_token(comment, purpose) for purpose in PURPOSES}
    close_long_ago(consultation)

    erase_expired_author_data(30)

    for purpose, token in tokens.items():
        response = client.post(f"/en/my-comment/{purpose}/{token}/", {"confirm_address": "1"})
        assert response.status_code == 400, purpose
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PUBLISHED


@pytest.mark.parametrize("purpose", PURPOSES)
def test_a_link_signed_for_a_comment_with_another_authors_key_is_refused(client, consultation, purpose):
    mine = ConsultationCommentFactory(page=consultation, user_email="ana@example.org", state=State.RETURNED)
    theirs = ConsultationCommentFactory(page=consultation, user_email="ben@example.org")
    forged = signing.dumps(
        {"c": mine.pk, "k": theirs.author_key}, salt=f"tribune.author.{purpose}", compress=True
    )

    response = client.post(
        f"/en/my-comment/{purpose}/{forged}/", {"comment": "hacked", "confirm_address": "1"}
    )

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert ConsultationComment.objects.get(pk=mine.pk).state == State.RETURNED


@pytest.mark.parametrize("purpose", PURPOSES)
def test_old_links_without_an_author_key_are_refused(client, consultation, purpose):
    comment = ConsultationCommentFactory(
        page=consultation, user_email="ana@example.org", state=State.RETURNED
    )
    ConfirmedAddressFactory(address="ana@example.org")
    old_style = signing.dumps({"c": comment.pk}, salt=f"tribune.author.{purpose}", compress=True)

    response = client.post(f"/en/my-comment/{purpose}/{old_style}/", {"comment": "hacked"})

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.RETURNED


def test_the_migration_gives_existing_comments_the_key_of_their_address(consultation):
    with_address = ConsultationCommentFactory(page=consultation, user_email="Ana@Example.org")
    without = ConsultationCommentFactory(page=consultation, user_email="")
    ConsultationComment.objects.update(author_key="")
    migration = importlib.import_module("consultations.migrations.0009_author_key_and_address_confirmation")

    migration.fill_author_keys(apps, None)

    assert ConsultationComment.objects.get(pk=with_address.pk).author_key == address_key("ana@example.org")
    assert ConsultationComment.objects.get(pk=without.pk).author_key == ""
