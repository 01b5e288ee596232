"""Signing in to the Wagtail admin as the demo moderator, for the browser tests of the moderators' work."""

from playwright.sync_api import expect

from consultations.demo.content import DEMO_MODERATOR


def log_in_as_moderator(page):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(DEMO_MODERATOR["username"])
    page.get_by_label("Password").fill(DEMO_MODERATOR["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url("/admin/")
