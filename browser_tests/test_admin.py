"""The demo organiser logs in to the Wagtail admin. (The moderation queue is tested by its own branch.)"""

import pytest
from playwright.sync_api import expect

from home.demo_site import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_demo_organiser_logs_in_and_sees_the_admin_dashboard(desktop):
    desktop.goto("/admin/")
    expect(desktop).to_have_url("/admin/login/?next=/admin/")

    desktop.get_by_label("Username").fill(DEMO_ADMIN_USERNAME)
    desktop.get_by_label("Password").fill(DEMO_ADMIN_PASSWORD)
    desktop.get_by_role("button", name="Sign in").click()

    expect(desktop).to_have_url("/admin/")
    expect(desktop.get_by_role("heading", level=1)).to_contain_text("Tribune")
    expect(desktop.get_by_role("link", name="Pages")).to_be_visible()
