import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState

from consultations.demo.content import DEMO_MODERATOR
from consultations.models import CommentReport, ConsultationComment, ConsultationPage, ModerationDecision

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


@pytest.fixture
def demo(demo_content):
    """The demo content, loaded once for all the tests that read it (root conftest)."""


@pytest.fixture
def demo_moderator_client(demo):
    client = Client()
    # Through the sign-in form, as a person does (django-axes needs the request to count attempts).
    response = client.post(
        "/admin/login/", {"username": DEMO_MODERATOR["username"], "password": DEMO_MODERATOR["password"]}
    )
    assert response.status_code == 302, response.content
    return client


def test_demo_has_comments_in_every_state_with_real_decisions(demo):
    states = set(ConsultationComment.objects.values_list("state", flat=True))

    assert states == set(State.values)
    for removed in ConsultationComment.objects.filter(state__in=[State.REMOVED, State.RETURNED]):
        decision = removed.decisions.get()
        assert decision.moderator.username == DEMO_MODERATOR["username"]
        assert decision.reason is not None
    assert CommentReport.objects.exists()


def test_demo_moderator_sees_a_red_dashboard_and_a_queue(demo_moderator_client):
    dashboard = demo_moderator_client.get("/admin/").content.decode()
    queue = demo_moderator_client.get("/admin/moderation/").content.decode()

    assert 'class="tm-panel tm-panel--late"' in dashboard
    assert "Past the promised time" in queue
    assert "phone number" in queue


def test_demo_moderator_has_no_page_permission(demo):
    moderator = get_user_model().objects.get(username=DEMO_MODERATOR["username"])

    assert moderator.has_perm("consultations.moderate_comments")
    assert not moderator.is_superuser
    assert not moderator.groups.filter(page_permissions__isnull=False).exists()
    assert list(moderator.groups.values_list("name", flat=True)) == ["Community managers"]


def test_demo_moderator_moderates_comments_but_cannot_edit_or_approve_a_page(demo_moderator_client):
    moderator = get_user_model().objects.get(username=DEMO_MODERATOR["username"])
    admin = get_user_model().objects.get(username="admin")
    page = ConsultationPage.objects.filter(locale__language_code="en").first()
    page.save_revision(user=admin)
    task_state = page.get_workflow().start(page, admin).current_task_state

    edit = demo_moderator_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    demo_moderator_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )

    assert edit.status_code in {302, 403}
    assert task_state.task.specific.get_actions(page, moderator) == []
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert demo_moderator_client.get("/admin/moderation/").status_code == 200


def test_loading_the_demo_twice_adds_no_comment_decision_or_account(demo):
    counts = (
        ConsultationComment.objects.count(),
        ModerationDecision.objects.count(),
        get_user_model().objects.count(),
    )

    call_command("load_demo_content")

    assert (
        ConsultationComment.objects.count(),
        ModerationDecision.objects.count(),
        get_user_model().objects.count(),
    ) == counts


def test_no_demo_moderator_outside_dev(settings):
    settings.TRIBUNE_DEMO_ACCOUNTS = False

    call_command("load_demo_content")

    assert not get_user_model().objects.filter(username=DEMO_MODERATOR["username"]).exists()
    assert ModerationDecision.objects.filter(action="remove", moderator=None).exists()
