"""Once an organiser has published the demo canteen's results, a reader on a phone finds them at the top of the
page, follows a link from an answer to the comment it answers and sees the organisers' answer under it, and back;
axe finds nothing wrong with the page at either width. Screenshots: /tmp/results-*.png."""

import re
import tempfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path(tempfile.gettempdir())  # results-*.png, for a person to look at
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture
def published(demo_site):
    """The canteen's results, published as an organiser would from the demo's draft, in both languages."""
    from consultations.models import ConsultationPage

    english = ConsultationPage.objects.get(slug="school-canteen-lunch")
    for page in ConsultationPage.objects.filter(translation_key=english.translation_key):
        page.get_latest_revision().publish()
    return english


def test_a_reader_on_a_phone_goes_from_an_answer_to_the_comment_and_back(phone, published):
    phone.goto("/en/consultations/school-canteen-lunch/")
    results = phone.locator("#results")
    expect(results.get_by_role("heading", name="What came of your ideas")).to_be_in_viewport()
    expect(phone.locator('.timeline [aria-current="step"]')).to_contain_text("Results")
    phone.screenshot(path=SHOTS / "results-390-top.png")

    answer = results.locator(".results__answer", has_text="A shorter queue")
    answer.get_by_role("link", name=re.compile(r"^Mila's comment \(")).click()

    comment = phone.locator(".comment", has_text="The queue is the real problem").first
    badge = comment.locator(".badge--organisers")
    expect(badge).to_have_text("Organisers' answer")
    expect(badge).to_be_in_viewport()
    phone.screenshot(path=SHOTS / "results-390-comment.png")

    comment.locator(".organiser-answer").get_by_role("link", name="All the results").click()
    expect(answer).to_be_in_viewport()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_page_with_results_is_axe_clean(request, published, viewport):
    page = request.getfixturevalue(viewport)
    for url in ("/en/consultations/school-canteen-lunch/", "/fr/consultations/dejeuner-cantine/"):
        page.goto(url)
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.goto("/en/consultations/school-canteen-lunch/")
    width = 390 if viewport == "phone" else 1280
    page.screenshot(path=SHOTS / f"results-{width}-full.png", full_page=True)
    page.goto("/en/consultations/?status=results")
    expect(page.locator(".consultation-card")).to_have_count(1)
    page.screenshot(path=SHOTS / f"results-{width}-list.png")
