import re

import pytest

from guidelines.factories import GuidelinePageFactory, stream
from guidelines.models import GuidelinePage

pytestmark = pytest.mark.django_db

FRENCH_BODY = stream(
    (
        "do_dont",
        {
            "heading": "Ce qu'on fait",
            "dos": [{"text": "Utilise un pseudo", "explanation": ""}],
            "donts": [{"text": "Donner ton adresse", "explanation": ""}],
        },
    ),
    (
        "privacy_note",
        {
            "heading": "Ta vie privée",
            "text": "<p>Peu de données.</p>",
            "rows": [{"what_we_store": "Ton pseudo", "who_sees_it": "Tout le monde", "how_long": "Un an"}],
        },
    ),
    ("manager_hours", {"heading": "Horaires"}),
    ("rich_text", "<p>Bienvenue.</p>"),
    ("callout", {"tone": "warning", "title": "Attention", "text": "<p>Relis-toi.</p>"}),
    ("faq", {"heading": "Questions", "items": [{"question": "Pourquoi ?", "answer": "<p>Parce que.</p>"}]}),
)


def test_guideline_page_renders_every_block_in_french(client, site_tree):
    page = site_tree.guideline_fr
    page.body = FRENCH_BODY
    page.save_revision().publish()

    response = client.get("/fr/regles/charte/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "À faire :" in html and "À ne pas faire :" in html
    assert "Ce que nous conservons" in html and "Ton pseudo" in html
    assert "Pas en ligne" not in html  # no weekly hours configured: no empty table
    assert "Réponse attendue en 24 heures maximum." in html
    assert "Important :" in html and "Relis-toi." in html
    assert "<details" in html and "Pourquoi ?" in html
    assert "Bienvenue." in html


def test_guideline_index_lists_its_pages_with_their_introduction(client, site_tree):
    html = client.get("/en/rules/").content.decode()

    assert f'href="{site_tree.guideline.url}"' in html
    assert site_tree.guideline.introduction in html


def test_guideline_pages_can_only_be_added_under_the_guidelines_index(site_tree):
    assert GuidelinePage.can_create_at(site_tree.guidelines)
    assert not GuidelinePage.can_create_at(site_tree.home)


def test_guideline_body_is_found_by_the_search(client, site_tree):
    GuidelinePageFactory(
        parent=site_tree.guidelines,
        title="Privacy",
        body=stream(("rich_text", "<p>We never sell your zebraword.</p>")),
    )

    html = client.get("/en/search/", {"query": "zebraword"}).content.decode()

    assert ">Privacy</a>" in html
