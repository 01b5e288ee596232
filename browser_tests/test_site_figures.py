"""The figures of all consultations on the demo home page, and the moderators' figures on the admin's dashboard:
axe finds nothing, nothing is wider than a phone, and each is saved as a screenshot (/tmp/sitefigures-*.png)."""

import tempfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from browser_tests.admin_session import log_in_as_moderator
from browser_tests.conftest import DESKTOP, PHONE
from browser_tests.test_accessibility import AXE_OPTIONS
from consultations.demo.content import DEMO_MODERATOR

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADINGS = {"en": "Figures of all consultations", "fr": "Chiffres de toutes les consultations"}


def shoot(page, name, locator=None):
    path = Path(tempfile.gettempdir()) / f"sitefigures-{name}.png"
    (locator or page).screenshot(path=path, **({} if locator else {"full_page": True}))


def test_the_site_figures_block_is_axe_clean_and_fits_a_phone_in_both_languages(phone, desktop):
    axe = Axe()
    reports = []
    for width, page in ((PHONE["width"], phone), (DESKTOP["width"], desktop)):
        for language in HEADINGS:
            page.goto(f"/{language}/")
            section = page.locator("section.figures")
            expect(section.get_by_role("heading", level=2)).to_have_text(HEADINGS[language])
            expect(section.locator("table.figures__table--consultations tbody tr")).to_have_count(2)
            expect(section.locator("svg[role=img]").first).to_be_visible()
            results = axe.run(page, options=AXE_OPTIONS)
            if results.violations_count:
                reports.append(f"--- /{language}/, {width} px wide\n{results.generate_report()}")
            shoot(page, f"home-{language}-{width}", section)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not reports, "\n".join(reports)


def test_the_moderators_see_their_last_30_days_on_the_dashboard_and_axe_finds_nothing_in_it(desktop):
    log_in_as_moderator(desktop)

    panel = desktop.locator("#tribune-moderation-figures-section")
    expect(panel).to_contain_text("Moderation over the last 30 days")
    expect(panel).to_contain_text("Median time to a first decision")
    expect(panel.locator("table tbody tr").first).to_be_visible()
    results = Axe().run(desktop, context="#tribune-moderation-figures-section", options=AXE_OPTIONS)
    shoot(desktop, "dashboard-en-1280")
    shoot(desktop, "dashboard-panel-en-1280", panel)
    assert not results.violations_count, results.generate_report()

    # In the moderator's admin language.
    profile = UserProfile.get_for_user(get_user_model().objects.get(username=DEMO_MODERATOR["username"]))
    profile.preferred_language = "fr"
    profile.save()
    desktop.reload()
    expect(panel).to_contain_text("Modération des 30 derniers jours")
    expect(panel).to_contain_text("Temps médian jusqu'à une première décision")
    shoot(desktop, "dashboard-panel-fr-1280", panel)
