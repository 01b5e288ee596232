"""What a reader sees of a consultation before reading it: cards side by side on a desktop and one under
another on a phone, each a single target; on the page, where the consultation stands."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def card_boxes(page):
    page.goto("/en/consultations/")
    cards = page.locator(".consultation-card")
    expect(cards).to_have_count(3)  # the demo's open, upcoming and closed consultations
    return [cards.nth(index).bounding_box() for index in range(2)]


def test_cards_stand_side_by_side_on_a_desktop_and_stack_on_a_phone(desktop, phone):
    first, second = card_boxes(desktop)
    assert first["y"] == second["y"] and second["x"] >= first["x"] + first["width"]

    first, second = card_boxes(phone)
    assert second["y"] >= first["y"] + first["height"]
    assert first["width"] > 330  # the phone's width, less the page's margins


def test_a_tap_anywhere_on_a_card_opens_its_consultation(phone):
    phone.goto("/en/consultations/")
    card = phone.locator(".consultation-card").first
    title = card.locator(".consultation-card__link").inner_text()

    dates = card.locator(".consultation-card__dates").bounding_box()
    phone.mouse.click(dates["x"] + 5, dates["y"] + dates["height"] / 2)  # far from the title link itself

    expect(phone.get_by_role("heading", level=1)).to_have_text(title)


def test_the_timeline_says_where_a_closed_consultation_stands(phone):
    phone.goto("/fr/consultations/dejeuner-cantine/")

    current = phone.locator('.timeline [aria-current="step"]')
    expect(current).to_have_count(1)
    expect(current).to_contain_text("Terminée")
    expect(current.get_by_text("En ce moment")).to_be_visible()
    expect(phone.get_by_text("Cette consultation est terminée.", exact=True)).to_be_visible()


def test_a_meeting_with_a_long_link_in_its_note_fits_a_phone(phone):
    """Organisers paste links (a registration form) and long venue names: they wrap, the page does not scroll sideways."""
    from consultations.models import ConsultationPage

    page = ConsultationPage.objects.get(slug="bike-path-along-the-river")
    body = list(page.body.raw_data)
    (meeting,) = [block for block in body if block["type"] == "kick_off_meeting"]
    meeting["value"]["place"] = "Salle_polyvalente_intercommunale_de_la_Maison_des_associations_Croix_Luizet"
    meeting["value"]["note"] = (
        "Register: https://www.villeurbanne.fr/inscriptions/reunion-de-lancement-piste-cyclable-2027"
    )
    page.body = body
    page.save_revision().publish()

    phone.goto(page.url)

    note = phone.get_by_text("Register: https://www.villeurbanne.fr/inscriptions/")
    expect(note).to_be_visible()
    assert note.bounding_box()["x"] + note.bounding_box()["width"] <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
