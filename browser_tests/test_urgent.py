"""Urgent disclosures, on a 390 px phone, in French and English: a young person who writes that they want to die
sees the help lines at once, in view, in their language; the moderators are emailed "URGENT" in theirs; a
moderator on a phone finds the comment at the top of the queue."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from browser_tests.conftest import PHONE
from browser_tests.test_accessibility import AXE_OPTIONS
from consultations.demo.content import DEMO_MODERATOR
from consultations.models import ConsultationComment
from outbox.delivery import deliver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONSULTATION = {
    "en": "/en/consultations/youth-space-parc-des-berges/",
    "fr": "/fr/consultations/espace-jeunes-parc-des-berges/",
}
DISCLOSURE = {
    "en": "The park is fine. But honestly i want to die, my stepdad hits me.",
    "fr": "Le parc c'est bien. Mais j ai envie de mourir, mon beau-père me frappe.",
}
# The demo's help lines (guidelines/demo_content.py): the first one of each language, and the other.
FIRST_LINE = {"en": ("Call Childline: 0800 1111", "tel:08001111"), "fr": ("Appeler le 3114", "tel:3114")}
OTHER_LINE = {"en": "Call Samaritans: 116 123", "fr": "Appeler Allô Enfance en Danger : 119"}
LANGUAGES = pytest.mark.parametrize("language", ["en", "fr"])


def words(language, text):
    with translation.override(language):
        return gettext(text)


def post_comment(page, language, name, text):
    form = page.locator("form[data-comment-form]")
    form.get_by_label(words(language, "Your name or pseudonym")).fill(name)
    form.get_by_label(words(language, "Your email address")).fill(f"{name.lower()}@example.org")
    form.get_by_label(words(language, "Your comment")).fill(text)
    form.get_by_label(words(language, "I have read and accept the code of conduct")).check()
    form.get_by_role("button", name=words(language, "Send my comment")).click()


def moderator_speaking(language):
    user = get_user_model().objects.get(username=DEMO_MODERATOR["username"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@LANGUAGES
def test_an_urgent_comment_shows_the_help_lines_in_view_and_goes_first_in_the_queue(
    phone, browser, demo_site, language, screenshot
):
    moderator = moderator_speaking(language)
    mail.outbox.clear()
    phone.goto(CONSULTATION[language])

    post_comment(phone, language, "Lou_14", DISCLOSURE[language])

    confirmation = phone.get_by_role("status").filter(
        has_text=words(
            language, "Thank you for telling us. A person from our team will read your message soon."
        )
    )
    expect(confirmation).to_be_in_viewport()
    expect(confirmation).to_be_focused()
    label, tel = FIRST_LINE[language]
    call = confirmation.get_by_role("link", name=label)
    expect(call).to_be_in_viewport()
    expect(call).to_have_attribute("href", tel)
    expect(confirmation).to_contain_text(OTHER_LINE[language])
    expect(confirmation).to_contain_text(
        words(language, "Your message is not public: only the team can read it.")
    )
    box = call.bounding_box()
    assert box["height"] >= 44
    expect(phone.get_by_text(DISCLOSURE[language])).to_have_count(0)
    # The address that carried the confirmation is gone from the address bar and this history entry.
    expect(phone).to_have_url(re.compile(r"^[^?]*#feedback$"))
    phone.reload()
    expect(phone.get_by_text(FIRST_LINE[language][0])).to_have_count(0)
    screenshot(phone, f"urgent/{language}-help-lines-390")
    results = Axe().run(phone, options=AXE_OPTIONS)
    assert not results.violations_count, results.generate_report()
    assert phone.context.cookies() == []
    comment = ConsultationComment.objects.get(user_name="Lou_14")
    assert (comment.state, comment.is_urgent) == (ConsultationComment.State.PENDING, True)

    deliver()
    [email] = [message for message in mail.outbox if message.to == [moderator.email]]
    assert email.subject == words(language, "URGENT: a comment says a young person may be in danger")
    assert email.subject.startswith("URGENT")
    for quoted in ("want to die", "envie de mourir", "hits me", "me frappe"):
        assert quoted not in email.subject + email.body

    context = browser.new_context(base_url=demo_site.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    admin = context.new_page()
    admin.goto("/admin/login/")
    admin.get_by_label("Username").fill(DEMO_MODERATOR["username"])
    admin.get_by_label("Password").fill(DEMO_MODERATOR["password"])
    admin.get_by_role("button", name="Sign in").click()
    expect(admin).to_have_url("/admin/")
    with translation.override(language):
        alarm = ngettext(
            "Urgent: %(counter)s comment says a young person may be in danger.",
            "Urgent: %(counter)s comments say a young person may be in danger.",
            1,
        ) % {"counter": 1}
    expect(admin.locator("#tribune-moderation-content .tm-panel")).to_contain_text(alarm)

    admin.goto("/admin/moderation/")
    with translation.override(language):
        banner = ngettext(
            "Urgent: %(counter)s comment says a young person may be in danger. It is first below.",
            "Urgent: %(counter)s comments say a young person may be in danger. They are first below.",
            1,
        ) % {"counter": 1}
    expect(admin.get_by_role("status").filter(has_text=banner)).to_be_in_viewport()
    first_row = admin.locator("table.tm-queue tbody tr").first
    expect(first_row.get_by_role("link", name="Lou_14", exact=True)).to_be_in_viewport()
    expect(first_row).to_contain_text(DISCLOSURE[language])
    expect(first_row.locator(".tm-urgent-label")).to_have_text(words(language, "Urgent"))
    expect(first_row).to_contain_text(words(language, "Suicide"))
    screenshot(admin, f"urgent/{language}-queue-390")
    context.close()
