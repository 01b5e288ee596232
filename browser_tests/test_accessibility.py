"""axe reports no violation on the public pages, in both languages, on a phone and a desktop, and none of
them leaves a cookie in the browser.

Every page is also saved as a full-page screenshot at both widths in artifacts/screenshots/.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (landmarks, heading
# order, one <h1>), which the house style asks for too. No rule is turned off.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

PAGES = {
    "en": {
        "home": "/en/",
        "guidelines": "/en/rules/",
        "code-of-conduct": "/en/rules/code-of-conduct/",
        "consultations": "/en/consultations/",
        "open-consultation": "/en/consultations/youth-space-parc-des-berges/",
        "open-consultation-form-errors": "/en/consultations/youth-space-parc-des-berges/",
        "open-consultation-after-posting": "/en/consultations/youth-space-parc-des-berges/",
        "open-consultation-most-supported": "/en/consultations/youth-space-parc-des-berges/?sort=supported",
        "upcoming-consultation": "/en/consultations/bike-path-along-the-river/",
        "closed-consultation": "/en/consultations/school-canteen-lunch/",
        "search": "/en/search/?query=skate",
        "not-found": "/en/no-such-page/",
    },
    "fr": {
        "home": "/fr/",
        "guidelines": "/fr/regles/",
        "code-of-conduct": "/fr/regles/charte/",
        "consultations": "/fr/consultations/",
        "open-consultation": "/fr/consultations/espace-jeunes-parc-des-berges/",
        "open-consultation-form-errors": "/fr/consultations/espace-jeunes-parc-des-berges/",
        "open-consultation-after-posting": "/fr/consultations/espace-jeunes-parc-des-berges/",
        "open-consultation-most-supported": "/fr/consultations/espace-jeunes-parc-des-berges/?sort=supported",
        "upcoming-consultation": "/fr/consultations/piste-cyclable-bord-de-riviere/",
        "closed-consultation": "/fr/consultations/dejeuner-cantine/",
        "search": "/fr/search/?query=skate",
        "not-found": "/fr/page-introuvable/",
    },
}
SEND = {"en": "Send my comment", "fr": "Envoyer mon commentaire"}
POST = {
    "en": (
        "Your name or pseudonym",
        "Your email address",
        "Your comment",
        "I have read and accept the code of conduct",
    ),
    "fr": (
        "Ton nom ou pseudo",
        "Ton adresse e-mail",
        "Ton commentaire",
        "J'ai lu et j'accepte le code de conduite",
    ),
}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def open_page(page, language, name):
    page.goto(PAGES[language][name])
    expect(page.locator("html")).to_have_attribute("lang", language)
    if name == "open-consultation":
        expect(page.locator(".comment-thread .comment").first).to_be_visible()
    elif name == "open-consultation-form-errors":
        page.get_by_role("button", name=SEND[language]).click()
        expect(page.get_by_role("alert")).to_be_focused()
    elif name == "open-consultation-after-posting":
        name_label, email_label, comment_label, rules_label = POST[language]
        page.get_by_label(name_label).fill("Axe_Tester")
        page.get_by_label(email_label).fill("axe@example.org")
        page.get_by_label(comment_label).fill("Benches in the shade, please.")
        page.get_by_label(rules_label).check()
        page.get_by_role("button", name=SEND[language]).click()
        expect(page.locator(".feedback")).to_be_in_viewport()
    elif name == "search":
        expect(page.locator("#search-pages .search-results__item").first).to_be_visible()
        expect(page.locator("#search-comments .search-results__item").first).to_be_visible()


@pytest.mark.parametrize("language", PAGES)
def test_every_public_page_has_no_accessibility_violation_on_a_phone_and_a_desktop(
    axe, phone, desktop, screenshot, language
):
    """One test per language (the demo content is loaded once): every page, both widths."""
    reports = []
    for width, page in (("390", phone), ("1280", desktop)):
        for name in PAGES[language]:
            open_page(page, language, name)
            screenshot(page, f"{language}/{name}-{width}")
            results = axe.run(page, options=AXE_OPTIONS)
            if results.violations_count:
                reports.append(
                    f"--- {PAGES[language][name]} ({name}), {width} px wide\n{results.generate_report()}"
                )

    assert not reports, "\n".join(reports)
    # Reading every page, and even posting a comment, left the browser without a single cookie.
    assert phone.context.cookies() == [] and desktop.context.cookies() == []


def test_a_keyboard_user_first_reaches_a_visible_skip_link_that_moves_focus_to_the_content(desktop):
    desktop.goto("/fr/")
    skip_link = desktop.get_by_role("link", name="Aller au contenu principal")
    expect(skip_link).not_to_be_in_viewport()

    desktop.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    desktop.keyboard.press("Enter")

    expect(desktop.locator("main#main-content")).to_be_focused()
