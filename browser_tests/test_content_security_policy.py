"""Under the Content-Security-Policy, chromium blocks nothing the public pages need."""

import pytest
from playwright.sync_api import expect

from consultations.models import ConsultationComment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONSULTATION_EN = "/en/consultations/youth-space-parc-des-berges/"

# Runs before any script of the page (and outside its policy): records every violation the browser reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
});
"""


def watch_for_violations(page):
    console = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)
    return lambda: console + page.evaluate("window.__cspViolations")


def test_home_and_open_consultation_run_under_the_policy_without_a_single_violation(desktop):
    violations = watch_for_violations(desktop)
    shade = ConsultationComment.objects.get(comment__startswith="Shade please!")

    home = desktop.goto("/en/")
    assert "unsafe-inline" not in home.headers["content-security-policy"]
    expect(desktop.get_by_role("heading", level=1)).to_be_visible()
    assert violations() == []

    consultation = desktop.goto(CONSULTATION_EN)
    assert "frame-ancestors 'none'" in consultation.headers["content-security-policy"]
    form = desktop.locator("form[data-comment-form]")
    # comments.js runs: the live counter appears and the reply link moves the form.
    form.get_by_label("Your comment").fill("More benches")
    expect(form.locator("[data-counter-for]")).to_have_text("1988 characters left")
    desktop.locator(f"#c{shade.pk} > .comment__body").get_by_role("link", name="Reply to NightOwl_14").click()
    expect(desktop.locator(f"#c{shade.pk} > form[data-comment-form]")).to_be_visible()
    form.get_by_role("button", name="Send my comment").click()
    expect(desktop.get_by_role("alert")).to_be_focused()
    assert violations() == []

    # The watch does catch what the policy blocks: an inline script added by hand is reported.
    desktop.evaluate(
        "const script = document.createElement('script'); script.textContent = '1'; document.body.append(script);"
    )
    desktop.wait_for_function("window.__cspViolations.length > 0")
    assert any("script-src" in violation for violation in violations())
