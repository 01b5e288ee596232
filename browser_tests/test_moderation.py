"""A moderator clears comments in the Wagtail admin, and the authors hear about it."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from browser_tests.admin_session import log_in_as_moderator
from consultations.demo.content import DEMO_MODERATOR
from consultations.models import ConsultationComment, ModerationDecision, ReasonCategory
from outbox.delivery import deliver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

State = ConsultationComment.State


def test_moderator_approves_one_comment_and_removes_another_with_a_reason(desktop, screenshot):
    pending = list(
        ConsultationComment.objects.filter(state=State.PENDING, screening_reasons=[]).order_by("submit_date")[
            :2
        ]
    )
    to_approve, to_remove = pending
    mail.outbox.clear()
    log_in_as_moderator(desktop)

    expect(desktop.get_by_role("link", name="Open the moderation queue")).to_be_visible()
    desktop.goto("/admin/moderation/")  # the sidebar is drawn by JavaScript; go straight to the queue
    expect(desktop.get_by_role("heading", level=1)).to_contain_text("Moderation")
    screenshot(desktop, "admin/moderation-queue-1280")

    desktop.goto(f"/admin/moderation/comments/{to_approve.pk}/")
    desktop.locator("form[action$='/approve/']").get_by_role("button", name="Approve").click()
    expect(desktop.locator(".messages")).to_contain_text("approved")

    desktop.goto(f"/admin/moderation/comments/{to_remove.pk}/")
    removal = desktop.locator("form[action$='/remove/']")
    removal.get_by_label("Reason").select_option(label="Disrespect or harassment")
    removal.get_by_label("Message").fill("You can disagree, but without insulting anyone.")
    removal.get_by_role("button", name="Remove").click()
    expect(desktop.locator(".messages")).to_contain_text("removed")
    screenshot(desktop, "admin/moderation-after-removal-1280")

    to_approve.refresh_from_db()
    to_remove.refresh_from_db()
    assert (to_approve.state, to_remove.state) == (State.PUBLISHED, State.REMOVED)
    removal_decision = to_remove.decisions.get(action=ModerationDecision.Action.REMOVE)
    assert removal_decision.moderator.username == DEMO_MODERATOR["username"]

    deliver()
    published = [m for m in mail.outbox if m.to == [to_approve.user_email]]
    removed = [m for m in mail.outbox if m.to == [to_remove.user_email]]
    with translation.override(to_approve.language):
        assert [m.subject for m in published] == [gettext("Your comment is published")]
    assert len(removed) == 1
    reason = ReasonCategory.objects.get(title="Disrespect or harassment").in_language(to_remove.language)
    assert reason.title in removed[0].body  # in the author's language
    assert "You can disagree, but without insulting anyone." in removed[0].body


def test_moderator_returns_two_comments_at_once_through_wagtails_bulk_confirmation(phone, screenshot):
    waiting = list(
        ConsultationComment.objects.filter(state=State.PENDING, screening_reasons=[]).order_by("submit_date")[
            :2
        ]
    )
    mail.outbox.clear()
    log_in_as_moderator(phone)

    phone.goto("/admin/moderation/?state=pending")
    for comment in waiting:
        phone.locator(f"input[data-bulk-action-checkbox][data-object-id='{comment.pk}']").check()
    phone.locator("[data-bulk-action-footer]").get_by_role(
        "link", name="Return the selected comments"
    ).click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Return for revision")
    for comment in waiting:
        expect(phone.locator("main")).to_contain_text(comment.comment[:40])
    phone.get_by_label("Reason").select_option(label="Off-topic")
    phone.get_by_label("Message").fill("Tell us more about the park itself.")
    screenshot(phone, "admin/moderation-bulk-return-390")
    phone.locator("form").get_by_role("button", name="Return for revision").click()
    expect(phone.locator(".messages")).to_contain_text("2 comments returned for revision.")

    assert [ConsultationComment.objects.get(pk=c.pk).state for c in waiting] == [State.RETURNED] * 2
    deliver()
    for comment in waiting:
        [email] = [m for m in mail.outbox if m.to == [comment.user_email]]
        assert "Tell us more about the park itself." in email.body
