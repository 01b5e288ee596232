import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupPagePermission

from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment, ModerationDecision, ReasonCategory
from consultations.moderation import links
from consultations.moderation.actions import QUEUE_ACTIONS
from consultations.moderation.permissions import COMMUNITY_MANAGERS
from consultations.moderation.tests.admin_pages import bulk_url

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


def queue_urls(comment):
    return {
        "get": [
            links.queue_url(),
            reverse("tribune_moderation:index_results"),
            links.history_url(),
            reverse("tribune_moderation:history_results"),
            links.comment_url(comment.pk),
            *(bulk_url(action, [comment.pk]) for action in QUEUE_ACTIONS),
        ],
        "post": [
            *(bulk_url(action, [comment.pk]) for action in QUEUE_ACTIONS),
            links.reply_url(comment.pk),
            links.approve_and_reply_url(comment.pk),
            links.edit_out_url(comment.pk),
            *(links.decide_url(comment.pk, action) for action in QUEUE_ACTIONS),
        ],
    }


def test_community_managers_group_can_use_the_admin_and_moderate_but_not_edit_pages(db):
    group = Group.objects.get(name=COMMUNITY_MANAGERS)

    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    # …and keep the list of urgent phrases (consultations 0022).
    urgent_phrases = {
        ("consultations", f"{verb}_urgentphrase") for verb in ("add", "change", "delete", "view")
    }
    assert (
        codenames
        == {("consultations", "moderate_comments"), ("wagtailadmin", "access_admin")} | urgent_phrases
    )
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not group.collection_permissions.exists()


def test_wagtails_moderators_group_reviews_pages_and_no_longer_moderates_comments(db):
    group = Group.objects.get(name="Moderators")

    assert not group.permissions.filter(codename="moderate_comments").exists()
    assert GroupApprovalTask.objects.filter(groups=group).exists()
    assert GroupPagePermission.objects.filter(group=group, permission__codename="publish_page").exists()


def test_moderator_sees_the_menu_item_with_the_waiting_count(moderator_client, consultation):
    ConsultationCommentFactory.create_batch(2, page=consultation, state=State.PENDING)

    html = moderator_client.get("/admin/").content.decode()

    assert "Moderation (2)" in html
    assert "/admin/moderation/" in html


def test_moderator_cannot_edit_pages(moderator_client, consultation):
    response = moderator_client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk]))

    assert response.status_code in {302, 403}
    assert "Moderation" not in response.get("Location", "/admin/pages/")


def test_editor_without_the_permission_sees_no_menu_item_and_no_panel(client, editor_user, consultation):
    ConsultationCommentFactory(page=consultation, state=State.PENDING)
    client.force_login(editor_user)

    html = client.get("/admin/").content.decode()

    assert "/admin/moderation/" not in html
    assert "Comments waiting for moderation" not in html


def test_editor_without_the_permission_gets_403_on_every_queue_url(client, editor_user, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    client.force_login(editor_user)
    urls = queue_urls(comment)

    for url in urls["get"]:
        assert client.get(url).status_code == 403, url
    for url in urls["post"]:
        assert (
            client.post(url, {"seen": "never;0", f"seen-{comment.pk}": "never;0", "text": "x"}).status_code
            == 403
        ), url
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PENDING
    assert not ModerationDecision.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    urls = queue_urls(comment)

    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url, url
    for url in urls["post"]:
        response = client.post(url, {"seen": "never;0", f"seen-{comment.pk}": "never;0"})
        assert response.status_code == 302 and "/admin/login/" in response.url, url
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PENDING


def test_editors_look_after_the_reasons_and_the_blocklist(client, editor_user):
    client.force_login(editor_user)

    assert client.get(reverse("wagtailsnippets_consultations_reasoncategory:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_consultations_blockedword:list")).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_consultations_blockedword:add"), {"word": "bouffon", "note": "mocking"}
    )
    assert response.status_code == 302


def test_moderators_cannot_change_the_reasons(moderator_client):
    reason = ReasonCategory.objects.first()

    response = moderator_client.get(
        reverse("wagtailsnippets_consultations_reasoncategory:edit", args=[reason.pk])
    )

    assert response.status_code in {302, 403}


def test_organisers_can_grant_the_moderation_permission_from_the_group_editor(client, django_user_model):
    admin = django_user_model.objects.create_superuser("org", "org@example.org", "pw")
    client.force_login(admin)
    group = Group.objects.get(name=COMMUNITY_MANAGERS)

    html = client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()

    assert "Can moderate comments" in html


def test_the_permission_given_to_one_person_opens_the_queue_the_menu_and_the_moderator_emails(
    client, editor_user, consultation
):
    from django.core import mail

    from consultations.moderation.permissions import moderate_permission
    from consultations.notifications.to_moderators import notify_moderators_of_new_comment
    from outbox.delivery import deliver

    editor_user.user_permissions.add(moderate_permission().get())
    client.force_login(editor_user)
    notify_moderators_of_new_comment(ConsultationCommentFactory(page=consultation, state=State.PENDING))
    deliver()

    assert "Moderation (1)" in client.get("/admin/").content.decode()
    assert client.get(links.queue_url()).status_code == 200
    assert [message.to for message in mail.outbox] == [["eddie@example.org"]]
