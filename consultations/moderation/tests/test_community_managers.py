"""Comment moderation and page approval are separate: community managers moderate comments, Wagtail's
"Moderators" group reviews the pages submitted to its approval workflow (migration 0018)."""

import importlib
import logging

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission, TaskState

from consultations.moderation import links
from consultations.moderation.permissions import COMMUNITY_MANAGERS, PERMISSION, moderate_permission
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
migration = importlib.import_module("consultations.migrations.0018_community_managers_group")


def make_user(username, *groups, **extra):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="pw", **extra
    )
    user.groups.add(*(Group.objects.get(name=name) for name in groups))
    return user


def fetched(user):
    """The user again, without Django's cached permissions."""
    return get_user_model().objects.get(pk=user.pk)


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


def submit_for_approval(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_a_page_submitted_for_approval_goes_to_page_reviewers_not_to_community_managers(consultation):
    reviewer = make_user("rose", "Moderators")
    make_user("camille", COMMUNITY_MANAGERS)
    editor = make_user("eddie", "Editors")
    mail.outbox.clear()

    submit_for_approval(consultation, editor)
    deliver()

    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {reviewer.email}
    assert any(consultation.title in message.subject for message in mail.outbox)


def test_a_community_manager_can_neither_approve_nor_edit_a_submitted_page(client, consultation):
    camille = make_user("camille", COMMUNITY_MANAGERS)
    reviewer = make_user("rose", "Moderators")
    state = submit_for_approval(consultation, make_user("eddie", "Editors"))
    task_state = state.current_task_state
    task = task_state.task.specific
    client.force_login(camille)

    assert task.get_actions(consultation, camille) == []
    approve = reverse("wagtailadmin_pages:workflow_action", args=[consultation.pk, "approve", task_state.pk])
    client.post(approve, {"comment": ""})
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk]))

    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert edit.status_code in {302, 403}
    assert client.get(links.queue_url()).status_code == 200
    # The page's reviewer, in "Moderators", can.
    client.force_login(reviewer)
    client.post(approve, {"comment": ""})
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


def test_the_403_page_names_the_community_managers_group_in_the_readers_language(client, consultation):
    editor = make_user("eddie", "Editors")
    client.force_login(editor)

    english = client.get(links.queue_url()).content.decode()
    french = client.get(links.queue_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Ask an organiser to add you to the “Community managers” group." in english
    assert "au groupe « Animateur·rices de communauté »." in french


# The migration, on a database in the state before it: "Moderators" moderates comments, no "Community managers".


@pytest.fixture
def old_state(db):
    Group.objects.filter(name=COMMUNITY_MANAGERS).delete()
    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.add(moderate_permission().get())
    GroupPagePermission.objects.filter(group=moderators).delete()  # as migration 0007 left it
    return moderators


def page_permissions(group):
    return set(
        GroupPagePermission.objects.filter(group=group).values_list("page__depth", "permission__codename")
    )


def run_migration():
    migration.create_community_managers(apps, schema_editor=None)


def test_migration_moves_people_who_only_moderate_comments_and_says_so(old_state, caplog):
    camille = make_user("camille", "Moderators")

    with caplog.at_level(logging.WARNING, logger="consultations.migrations"):
        run_migration()

    assert group_names(camille) == {COMMUNITY_MANAGERS}
    assert fetched(camille).has_perm(PERMISSION)
    assert not old_state.permissions.filter(codename="moderate_comments").exists()
    assert not GroupPagePermission.objects.filter(group__name=COMMUNITY_MANAGERS).exists()
    # Nobody left in "Moderators": it gets back what Wagtail gives it, to approve (publish) pages.
    assert page_permissions(old_state) == {
        (1, codename) for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
    }
    [record] = caplog.records
    assert 'Moved from "Moderators" to "Community managers"' in record.getMessage()
    assert record.getMessage().endswith(": camille")


def test_migration_keeps_page_reviewers_in_moderators_and_lets_them_moderate_comments(
    old_state, caplog, consultation
):
    editor = make_user("pat", "Moderators", "Editors")  # page permissions through Editors
    superuser = make_user("sue", "Moderators", is_superuser=True)
    reviewer = make_user("rose", "Moderators")  # has approved a page before
    submit_for_approval(consultation, make_user("eddie", "Editors")).current_task_state.reject(user=reviewer)

    with caplog.at_level(logging.WARNING, logger="consultations.migrations"):
        run_migration()

    for user in (editor, superuser, reviewer):
        assert group_names(user) >= {"Moderators", COMMUNITY_MANAGERS}, user.username
        assert fetched(user).has_perm(PERMISSION)
    assert 'kept in "Moderators" (they also review or edit pages): pat, rose, sue' in caplog.text
    assert '"Moderators" has no page permission' in caplog.text
    assert page_permissions(old_state) == set()  # nobody's access grows


def test_migration_keeps_everyone_when_an_organiser_gave_moderators_page_permissions(old_state, site_tree):
    GroupPagePermission.objects.create(
        group=old_state, page=site_tree.home, permission=Permission.objects.get(codename="change_page")
    )
    camille = make_user("camille", "Moderators")

    run_migration()

    assert group_names(camille) == {"Moderators", COMMUNITY_MANAGERS}
    assert page_permissions(old_state) == {(site_tree.home.depth, "change_page")}


def test_migration_run_twice_or_on_a_new_site_changes_nothing_more(old_state):
    camille = make_user("camille", "Moderators")
    run_migration()
    community_managers = Group.objects.get(name=COMMUNITY_MANAGERS)
    before = (set(community_managers.permissions.all()), set(community_managers.user_set.all()))

    run_migration()

    assert (set(community_managers.permissions.all()), set(community_managers.user_set.all())) == before
    assert group_names(camille) == {COMMUNITY_MANAGERS}


def test_migration_backwards_gives_comment_moderation_back_to_moderators(old_state):
    camille = make_user("camille", "Moderators")
    run_migration()

    migration.give_moderation_back_to_moderators(apps, schema_editor=None)

    assert "Moderators" in group_names(camille)
    assert old_state.permissions.filter(codename="moderate_comments").exists()
    assert page_permissions(old_state) == set()


def test_running_the_migration_leaves_the_projects_apps_as_they_were(old_state):
    """It used to unset every app's models module: each later `migrate` of the process then skipped its
    post_migrate receivers (the page cache's renewal on a release among them)."""
    run_migration()

    unset = [config.label for config in apps.get_app_configs() if config.models_module is None]
    assert "consultations" not in unset and "wagtailcore" not in unset
