"""A moderator replies from the admin; a reader on a phone sees the reply under the community manager's display
name with the badge, in English and in French, and never the staff member's own name."""

import pytest
from playwright.sync_api import expect

from browser_tests.admin_session import log_in_as_moderator
from consultations.demo.content import DEMO_MODERATOR
from consultations.models import ConsultationComment, ConsultationPage
from guidelines.models import CommunityManagerSettings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

State = ConsultationComment.State
PARK = {"en": "youth-space-parc-des-berges", "fr": "espace-jeunes-parc-des-berges"}
BADGE = {"en": "Community manager", "fr": "Animateur·rice"}
REPLY = {
    "en": "Thanks for this idea: we are taking it to the town council on Monday.",
    "fr": "Merci pour cette idée : nous la présentons au conseil municipal lundi.",
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_reply_from_the_admin_reads_as_the_community_manager_on_a_phone(
    desktop, phone, screenshot, language
):
    display_name = CommunityManagerSettings.objects.get().display_name
    staff_name = f"{DEMO_MODERATOR['first_name']} {DEMO_MODERATOR['last_name']}"
    assert display_name and display_name not in staff_name
    park = ConsultationPage.objects.get(slug=PARK[language])  # open: its readers are waiting for answers
    question = (
        ConsultationComment.objects.for_page(park)
        .filter(state=State.PUBLISHED, is_community_manager=False, level=0, language=language)
        .order_by("submit_date")
        .first()
    )

    log_in_as_moderator(desktop)
    desktop.goto(f"/admin/moderation/comments/{question.pk}/")
    reply_form = desktop.locator("form[action$='/reply/']")
    reply_form.get_by_role("textbox").fill(REPLY[language])
    reply_form.get_by_role("button", name="Publish my reply").click()
    expect(desktop.locator(".messages")).to_contain_text("Your reply is published.")
    reply = ConsultationComment.objects.get(parent_id=question.pk, comment=REPLY[language])

    phone.goto(f"{park.url}#c{reply.pk}")
    answer = phone.locator(f"#c{reply.pk}")
    expect(answer.locator(".comment__text")).to_have_text(REPLY[language])
    expect(answer.locator(".comment__text")).to_be_in_viewport()
    expect(answer.locator(".comment__author")).to_have_text(display_name)
    expect(answer.locator(".comment__author")).to_be_in_viewport()
    expect(answer.locator(".badge--manager")).to_have_text(BADGE[language])
    expect(answer.locator(".badge--manager")).to_be_in_viewport()
    screenshot(phone, f"{language}/manager-reply-390")
    page_text = phone.locator("body").inner_text()
    assert DEMO_MODERATOR["last_name"] not in page_text
    assert staff_name not in phone.content()
