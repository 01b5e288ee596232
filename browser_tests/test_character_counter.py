"""The live character counter speaks the page's language, singular and plural, under the CSP."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONSULTATION_EN = "/en/consultations/youth-space-parc-des-berges/"
CONSULTATION_FR = "/fr/consultations/espace-jeunes-parc-des-berges/"
LIMIT = 2000

CASES = {
    "en": (
        CONSULTATION_EN,
        "Your comment",
        {
            LIMIT - 1: "1 character left",
            LIMIT - 12: "12 characters left",
            LIMIT: "0 characters left",
            LIMIT + 1: "1 character too many",
            LIMIT + 3: "3 characters too many",
        },
    ),
    "fr": (
        CONSULTATION_FR,
        "Ton commentaire",
        {
            LIMIT - 1: "1 caractère restant",
            LIMIT - 12: "12 caractères restants",
            LIMIT: "0 caractère restant",
            LIMIT + 1: "1 caractère en trop",
            LIMIT + 3: "3 caractères en trop",
        },
    ),
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_counter_says_singular_and_plural_in_the_pages_language(phone, screenshot, language):
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.on("response", lambda response: errors.append(response.url) if response.status >= 400 else None)
    url, label, expected = CASES[language]
    phone.goto(url)
    form = phone.locator("form[data-comment-form]")
    counter = form.locator("[data-counter-for]")
    field = form.get_by_label(label)

    for length, words in expected.items():
        field.fill("é" * length)
        expect(counter).to_have_text(words)
    field.fill("Le skatepark " * 153)  # 1,989 characters
    expect(counter).to_have_text(expected[LIMIT - 12].replace("12", "11"))
    counter.scroll_into_view_if_needed()
    screenshot(phone, f"{language}/counter-390")
    assert errors == []
