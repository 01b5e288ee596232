"""The one table of moderation actions: every stored action has its row, and what reads it says the same."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment, ModerationDecision
from consultations.moderation import service as moderation
from consultations.moderation.actions import ACTIONS, QUEUE_ACTIONS

State = ConsultationComment.State
Action = ModerationDecision.Action


def test_every_stored_action_has_one_row_and_the_queue_offers_four():
    assert set(ACTIONS) == set(Action.values)
    assert list(QUEUE_ACTIONS) == [Action.APPROVE, Action.REMOVE, Action.RETURN, Action.RESTORE]
    assert {code for code, action in ACTIONS.items() if action.needs_reason} == {
        Action.REMOVE,
        Action.RETURN,
        Action.EDIT_OUT,
    }


def test_done_messages_count_in_both_languages():
    remove = ACTIONS[Action.REMOVE]

    assert remove.done_message(1) == "1 comment removed."
    assert remove.done_message(3) == "3 comments removed."
    with translation.override("fr"):
        assert remove.done_message(1) == "1 commentaire retiré."
        assert remove.done_message(3) == "3 commentaires retirés."


def test_approve_keeps_a_published_comment_only_if_unread_or_reported():
    approve = ACTIONS[Action.APPROVE]

    assert approve.allows(State.PENDING)
    assert approve.allows(State.PUBLISHED, unread=True)
    assert approve.allows(State.PUBLISHED, reported=True)
    assert not approve.allows(State.PUBLISHED)
    assert not approve.allows(State.REMOVED, unread=True)


def test_every_action_is_a_wagtail_log_action_with_its_label():
    choices = dict(log_registry.get_choices())

    assert {action.log_action: str(choices[action.log_action]) for action in ACTIONS.values()} == {
        action.log_action: str(action.log_label) for action in ACTIONS.values()
    }


@pytest.mark.django_db
def test_a_removal_reads_in_wagtails_history_with_its_reason_and_message(
    consultation, moderator_user, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    moderation.remove(comment, moderator_user, personal_info, message="No addresses here, please.")

    entry = ModelLogEntry.objects.get(object_id=str(comment.pk))
    assert entry.action == "tribune.comment.remove"
    assert entry.message == "Comment removed: Personal information"
    assert entry.comment == "No addresses here, please."
    assert entry.user == moderator_user


@pytest.mark.django_db
def test_migration_copies_each_decisions_message_into_its_older_log_entry(
    consultation, moderator_user, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    moderation.return_for_revision(comment, moderator_user, personal_info, message="Without your address.")
    entry = ModelLogEntry.objects.get(object_id=str(comment.pk))
    entry.data = {key: value for key, value in entry.data.items() if key != "message"}  # as written before
    entry.label = str(comment)  # as written before: "<pseudonym>: <start of the text>..."
    entry.save()
    migration = importlib.import_module("consultations.migrations.0013_decision_messages_in_log_entries")

    migration.copy_messages_and_forget_texts(apps, None)

    migrated = ModelLogEntry.objects.get(pk=entry.pk)
    assert migrated.comment == "Without your address."
    assert migrated.label == f"#{comment.pk}"


@pytest.mark.django_db
def test_a_withdrawn_comment_leaves_none_of_its_text_in_the_log(consultation, moderator_user):
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, comment="My secret plan for the park"
    )
    moderation.approve(comment, moderator_user)

    moderation.withdraw(comment)

    labels = list(ModelLogEntry.objects.filter(object_id=str(comment.pk)).values_list("label", flat=True))
    assert labels == [f"#{comment.pk}"] * 2
    assert not ModelLogEntry.objects.filter(label__contains="secret plan").exists()
