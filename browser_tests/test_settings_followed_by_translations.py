"""An organiser closes a consultation on its English page in the Wagtail admin; the French page closes with it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from home.demo_site import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in_as_organiser(page):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(DEMO_ADMIN_USERNAME)
    page.get_by_label("Password").fill(DEMO_ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url("/admin/")


def test_closing_the_english_page_in_the_admin_closes_both_languages(desktop, screenshot):
    from consultations.models import ConsultationPage

    english = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")
    french = ConsultationPage.objects.get(translation_key=english.translation_key, locale__language_code="fr")
    for public_page in (english, french):
        desktop.goto(public_page.url)
        expect(desktop.locator("form.comment-form")).to_be_visible()
    log_in_as_organiser(desktop)

    desktop.goto(f"/admin/pages/{english.pk}/edit/")
    expect(desktop.get_by_role("link", name=french.title)).to_be_visible()  # the translations panel
    screenshot(desktop, "admin-consultation-translations-1280")
    desktop.get_by_role("tab", name="Participation").click()
    an_hour_ago = timezone.localtime(timezone.now() - datetime.timedelta(hours=1))
    closes_at = desktop.get_by_label("Closes at")
    closes_at.fill(an_hour_ago.strftime("%Y-%m-%d %H:%M"))
    closes_at.press("Escape")  # the date picker
    desktop.get_by_role("button", name="More actions").click()
    desktop.get_by_role("button", name="Publish").click()

    expect(desktop.get_by_text(f"Page '{english.title}' has been published.")).to_be_visible()
    desktop.goto(f"/admin/pages/{french.pk}/edit/")
    desktop.get_by_role("tab", name="Participation").click()
    expect(desktop.get_by_text("This page follows the English page for its dates")).to_be_visible()
    screenshot(desktop, "admin-translation-participation-1280")
    for public_page, closed in (
        (english, "This consultation is closed."),
        (french, "Cette consultation est terminée."),
    ):
        desktop.goto(public_page.url)
        expect(desktop.get_by_text(closed, exact=True)).to_be_visible()
        expect(desktop.locator("form.comment-form")).to_have_count(0)
