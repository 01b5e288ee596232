"""The site's chrome on a phone and a desktop: a compact header whose menu holds the navigation and the
search, working with and without JavaScript."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_on_a_phone_the_header_is_one_short_row_and_its_menu_button_opens_the_search(phone, screenshot):
    phone.goto("/fr/consultations/espace-jeunes-parc-des-berges/")
    header = phone.locator("header.site-header")
    search = phone.get_by_role("searchbox", name="Rechercher sur le site")

    assert header.bounding_box()["height"] <= 64
    expect(phone.get_by_role("link", name="Tribune")).to_be_in_viewport()
    expect(
        phone.get_by_role("navigation", name="Langue").get_by_role("link", name="EN English")
    ).to_be_visible()
    expect(search).to_be_hidden()

    menu = phone.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(search).to_be_in_viewport()
    expect(
        phone.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name="Consultations"
        )
    ).to_be_visible()
    screenshot(phone, "fr/menu-open-390")

    phone.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(search).to_be_hidden()


def test_without_javascript_the_menu_link_still_opens_the_search(browser, demo_site):
    context = browser.new_context(
        base_url=demo_site.url, viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/en/")
    search = page.get_by_role("searchbox", name="Search the site")
    expect(search).to_be_hidden()

    page.get_by_role("link", name="Menu").click()

    expect(search).to_be_in_viewport()
    search.fill("benches")
    search.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Search")).to_be_visible()
    context.close()


def test_on_a_desktop_the_navigation_and_the_search_sit_in_the_header_without_a_menu_button(desktop):
    desktop.goto("/en/")

    expect(desktop.get_by_role("button", name="Menu")).to_be_hidden()
    expect(desktop.get_by_role("searchbox", name="Search the site")).to_be_in_viewport()
    expect(
        desktop.get_by_role("navigation", name="Main").get_by_role("link", name="Consultations")
    ).to_be_in_viewport()
    assert desktop.locator("header.site-header").bounding_box()["height"] <= 72


def test_a_phone_menu_reached_by_its_address_is_open_and_its_button_closes_it(phone):
    phone.goto("/en/#site-menu")
    menu = phone.get_by_role("button", name="Menu")
    search = phone.get_by_role("searchbox", name="Search the site")

    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(search).to_be_visible()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(search).to_be_hidden()
