"""A moderator works through the queue on a 390 px phone, in English and in French (the admin language of their
Wagtail profile): each comment is a card with its decisions in reach, nothing is cut off at the side, the
filters and the bulk selection stay folded until wanted. On a desktop the queue is still a table.

Wagtail's main area hides what overflows sideways (``overflow-x: hidden``), so the document never scrolls
sideways: what a too-wide queue loses is measured on ``main`` and on each card's controls.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from browser_tests.conftest import DESKTOP, PHONE
from browser_tests.test_accessibility import AXE_OPTIONS
from consultations.demo.content import DEMO_MODERATOR
from consultations.models import ConsultationComment, ReasonCategory
from consultations.moderation import queue
from consultations.moderation.actions import QUEUE_ACTIONS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

State = ConsultationComment.State
TAP = 44  # px, the smallest tap target the house style allows
QUEUE = "/admin/moderation/"
# The name of Wagtail's filter button: Wagtail's string, in Wagtail's catalogue (not a literal here, or
# makemessages would put it in ours).
WAGTAIL_FILTER_BUTTON = "Show filters"
SIDEWAYS = """() => {
    const main = document.querySelector("main");
    return {document: document.documentElement.scrollWidth, main: main.scrollWidth - main.clientWidth};
}"""


def log_in(page, language):
    user = get_user_model().objects.get(username=DEMO_MODERATOR["username"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    page.goto("/admin/login/")
    page.locator("#id_username").fill(DEMO_MODERATOR["username"])
    page.locator("#id_password").fill(DEMO_MODERATOR["password"])
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url("/admin/")


def card(page, comment):
    return page.locator("table.tm-queue tbody tr").filter(
        has=page.locator(f"input[data-bulk-action-checkbox][data-object-id='{comment.pk}']")
    )


def assert_nothing_off_screen(page, width):
    sideways = page.evaluate(SIDEWAYS)
    assert sideways["document"] <= width, sideways
    assert sideways["main"] <= 0, f"the main area hides {sideways['main']}px on the right"


def assert_tappable_on_screen(locator, width):
    """Every control of ``locator`` is whole on the screen's width and at least 44 px each way."""
    controls = locator.locator("button:visible, a:visible, select:visible, textarea:visible, input:visible")
    assert controls.count()
    for index in range(controls.count()):
        control = controls.nth(index)
        box = control.bounding_box()
        name = control.get_attribute("aria-label") or control.inner_text() or control.get_attribute("name")
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{name!r} is cut off: {box}"
        assert box["height"] >= TAP and box["width"] >= TAP, f"{name!r} is too small to tap: {box}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_moderator_approves_and_removes_comments_on_a_phone(phone, screenshot, language):
    waiting = list(
        ConsultationComment.objects.filter(state=State.PENDING, screening_reasons=[]).order_by("submit_date")[
            :2
        ]
    )
    to_approve, to_remove = waiting
    first = queue.ordered(queue.queue_queryset()).first()
    reason = (
        ReasonCategory.objects.filter(locale__language_code=language).order_by("sort_order", "pk").first()
    )
    with translation.override(language):
        words = {
            "moderation": gettext("Moderation"),
            "show_filters": gettext(WAGTAIL_FILTER_BUTTON),
            "state": gettext("State"),
            "approve": gettext("Approve"),
            "remove_or_return": gettext("Remove or return…"),
            "reason": gettext("Reason (sent to the author)"),
            "message": gettext("Message to the author (optional)"),
            "remove": gettext("Remove"),
            "approved": QUEUE_ACTIONS["approve"].done_message(1),
            "removed": QUEUE_ACTIONS["remove"].done_message(1),
        }
    log_in(phone, language)

    phone.goto(QUEUE)
    expect(phone.locator("html")).to_have_attribute("lang", language)
    expect(phone.get_by_role("heading", level=1)).to_contain_text(words["moderation"])
    # The first comment of the queue, on the first screen, without scrolling.
    first_text = card(phone, first).locator(".tm-col-text .tm-text")
    expect(first_text).to_contain_text(first.comment[:30])
    expect(first_text).to_be_in_viewport(ratio=1)
    assert_nothing_off_screen(phone, PHONE["width"])
    screenshot(phone, f"admin/moderation-queue-{language}-390")

    # The filters are folded behind Wagtail's own filter button; the bulk footer waits for a selection.
    state_filter = phone.locator(".w-drilldown__toggle", has_text=words["state"])
    expect(state_filter).to_be_hidden()
    phone.get_by_role("button", name=words["show_filters"]).tap()
    expect(state_filter).to_be_visible()
    screenshot(phone, f"admin/moderation-filters-{language}-390")
    phone.keyboard.press("Escape")
    expect(state_filter).to_be_hidden()
    footer = phone.locator("[data-bulk-action-footer]")
    expect(footer).to_be_hidden()
    selection = card(phone, to_approve).locator("input[data-bulk-action-checkbox]")
    selection.tap()
    expect(footer).to_be_in_viewport(ratio=1)
    assert_tappable_on_screen(footer.locator(".bulk-actions-buttons"), PHONE["width"])
    screenshot(phone, f"admin/moderation-selection-{language}-390")
    selection.tap()
    expect(footer).to_be_hidden()

    # Approve, from the comment's card.
    approving = card(phone, to_approve)
    expect(approving.locator(".tm-text")).to_contain_text(to_approve.comment[:30])
    assert_tappable_on_screen(approving, PHONE["width"])
    approving.get_by_role("button", name=f"{words['approve']} ({to_approve.user_name})", exact=True).tap()
    expect(phone.locator(".messages")).to_contain_text(words["approved"])
    expect(phone.locator(".messages")).to_be_in_viewport(ratio=1)
    expect(card(phone, to_approve)).to_have_count(0)
    assert_nothing_off_screen(phone, PHONE["width"])

    # Remove with a reason: the card leads to the comment's decisions, which fit the phone too.
    card(phone, to_remove).get_by_role(
        "link", name=f"{words['remove_or_return']} ({to_remove.user_name})", exact=True
    ).tap()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(to_remove.user_name)
    removal = phone.locator("form[action$='/remove/']")
    removal.get_by_label(words["reason"]).select_option(label=reason.title)
    removal.get_by_label(words["message"]).fill(
        "Merci de rester poli." if language == "fr" else "Please stay polite."
    )
    assert_tappable_on_screen(removal, PHONE["width"])
    assert_nothing_off_screen(phone, PHONE["width"])
    screenshot(phone, f"admin/moderation-comment-{language}-390")
    removal.get_by_role("button", name=words["remove"], exact=True).tap()
    expect(phone.locator(".messages")).to_contain_text(words["removed"])
    expect(phone.locator(".messages")).to_be_in_viewport(ratio=1)
    expect(phone).to_have_url(QUEUE)
    expect(card(phone, to_remove)).to_have_count(0)
    screenshot(phone, f"admin/moderation-after-removal-{language}-390")

    to_approve.refresh_from_db()
    to_remove.refresh_from_db()
    assert (to_approve.state, to_remove.state) == (State.PUBLISHED, State.REMOVED)
    assert to_remove.decisions.get().reason == reason


def test_the_queue_stays_a_table_on_a_desktop_and_axe_finds_nothing_at_either_width(
    phone, desktop, screenshot
):
    axe = Axe()
    reports = []
    for width, page in ((PHONE["width"], phone), (DESKTOP["width"], desktop)):
        log_in(page, "en")
        page.goto(QUEUE)
        expect(page.locator("table.tm-queue")).to_be_visible()
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            reports.append(f"--- the queue, {width} px wide\n{results.generate_report()}")
        assert_nothing_off_screen(page, width)

    # The desktop keeps its table: column headers, one row per comment, the decisions in the last column.
    header = desktop.locator("table.tm-queue thead")
    for column in ("Author", "Comment", "Consultation", "Waiting", "Decide"):
        expect(header.get_by_text(column, exact=True)).to_be_visible()
    assert desktop.locator("table.tm-queue tbody tr").first.evaluate(
        "row => getComputedStyle(row).display"
    ) == ("table-row")
    decisions = desktop.locator("table.tm-queue tbody tr").first.locator(".tm-col-decide .button")
    assert decisions.count()
    for index in range(decisions.count()):
        box = decisions.nth(index).bounding_box()
        assert box["x"] + box["width"] <= DESKTOP["width"], box
    screenshot(desktop, "admin/moderation-queue-en-1280")

    # On the phone: the column headers give way to cards; axe again with a row selected (the bulk footer).
    expect(phone.locator("table.tm-queue thead")).to_be_hidden()
    phone.locator("input[data-bulk-action-checkbox]").first.tap()
    expect(phone.locator("[data-bulk-action-footer]")).to_be_visible()
    results = axe.run(phone, options=AXE_OPTIONS)
    if results.violations_count:
        reports.append(f"--- the queue with a row selected, 390 px wide\n{results.generate_report()}")
    pending = ConsultationComment.objects.filter(state=State.PENDING).order_by("submit_date").first()
    phone.goto(f"{QUEUE}comments/{pending.pk}/")
    results = axe.run(phone, options=AXE_OPTIONS)
    if results.violations_count:
        reports.append(f"--- a comment's page, 390 px wide\n{results.generate_report()}")
    assert_nothing_off_screen(phone, PHONE["width"])
    assert not reports, "\n".join(reports)
