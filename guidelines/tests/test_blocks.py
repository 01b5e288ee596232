import datetime
import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from guidelines.blocks import (
    CalloutBlock,
    DoDontBlock,
    DoDontItemBlock,
    FaqBlock,
    FaqItemBlock,
    GuidelineStreamBlock,
    ManagerHoursBlock,
    PrivacyNoteBlock,
    PrivacyRowBlock,
)
from guidelines.factories import (
    CommunityManagerSettingsFactory,
    ManagerAbsenceFactory,
    ManagerWeeklyRangeFactory,
)

STRUCT_BLOCKS = [
    DoDontItemBlock,
    DoDontBlock,
    PrivacyRowBlock,
    PrivacyNoteBlock,
    ManagerHoursBlock,
    CalloutBlock,
    FaqItemBlock,
    FaqBlock,
]


def render(block, raw_value, context=None, language="en"):
    with translation.override(language):
        return block.render(block.to_python(raw_value), context=context)


@pytest.mark.parametrize("block_class", STRUCT_BLOCKS, ids=lambda block_class: block_class.__name__)
def test_every_block_has_an_icon_a_label_help_a_template_and_a_preview_that_renders(block_class):
    block = block_class()

    assert block.meta.icon and block.meta.label and block.meta.help_text
    assert block.meta.template.startswith("guidelines/blocks/")
    assert block.is_previewable
    with translation.override("en"):
        assert block.render(block.get_preview_value()).strip()


def test_every_block_offered_to_organisers_shows_a_preview_in_the_block_picker():
    for name, block in GuidelineStreamBlock().child_blocks.items():
        assert block.is_previewable, name
        assert block.get_description(), name


@pytest.mark.parametrize("name", list(GuidelineStreamBlock().child_blocks))
def test_every_block_picker_preview_speaks_the_admin_language(name):
    block = GuidelineStreamBlock().child_blocks[name]

    with translation.override("en"):
        english = block.render(block.get_preview_value())
    with translation.override("fr"):
        french = block.render(block.get_preview_value())

    # No sentence of the English preview is left in the French one (the words of HTML tags aside).
    english_sentences = {text.strip() for text in re.findall(r">([^<>]+)<", english) if len(text.strip()) > 3}
    assert english_sentences, name
    assert not {text for text in english_sentences if text in french} - {"Questions"}, name


def test_the_privacy_preview_tells_organisers_what_the_site_really_keeps():
    with translation.override("fr"):
        html = PrivacyNoteBlock().render(PrivacyNoteBlock().get_preview_value())

    assert "Ta vie privée" in html
    assert "Personne : elle n&#x27;est jamais affichée" in html
    assert "Effacée 30 jours après la fin de la consultation" in html


def test_manager_absences_are_dated_in_the_page_language(site_tree):
    manager = CommunityManagerSettingsFactory(site=site_tree.site)
    ManagerAbsenceFactory(
        settings=manager, starts_on=datetime.date(2099, 6, 3), ends_on=datetime.date(2099, 6, 10)
    )
    request = RequestFactory().get("/fr/regles/", HTTP_HOST="localhost")

    french = render(ManagerHoursBlock(), {"heading": ""}, context={"request": request}, language="fr")
    english = render(ManagerHoursBlock(), {"heading": ""}, context={"request": request}, language="en")

    assert "Du 3 juin au 10 juin 2099" in french
    assert "From 3 June to 10 June 2099" in english


def test_do_dont_list_marks_each_item_with_a_symbol_and_a_word():
    html = render(
        DoDontBlock(),
        {
            "heading": "Our rules",
            "dos": [{"text": "Use a pseudonym", "explanation": "Nobody needs your name."}],
            "donts": [{"text": "Share your address", "explanation": ""}],
        },
    )

    assert "<h2" in html and "Our rules" in html
    assert "✓" in html and "Do:" in html and "Use a pseudonym" in html
    assert "✗" in html and "Don't:" in html and "Share your address" in html
    assert "Nobody needs your name." in html
    assert html.index("Use a pseudonym") < html.index("Share your address")


def test_do_dont_list_escapes_what_the_organiser_typed():
    html = render(DoDontBlock(), {"dos": [{"text": "<script>x</script>"}], "donts": [{"text": "b"}]})

    assert "<script>" not in html


def test_privacy_note_shows_its_rows_as_a_table_with_headers():
    html = render(
        PrivacyNoteBlock(),
        {
            "heading": "Your privacy",
            "text": "<p>We keep little.</p>",
            "rows": [{"what_we_store": "Your email", "who_sees_it": "Moderators", "how_long": "Six months"}],
            "policy_page": None,
        },
    )

    assert "We keep little." in html
    assert '<th scope="col">Who sees it</th>' in html
    assert '<th scope="row">Your email</th>' in html and "Six months" in html
    assert "full privacy policy" not in html


def test_privacy_note_without_rows_has_no_empty_table():
    html = render(PrivacyNoteBlock(), {"heading": "Privacy", "text": "<p>Short.</p>", "rows": []})

    assert "<table" not in html


def test_privacy_note_links_to_the_full_policy_page(site_tree):
    html = render(
        PrivacyNoteBlock(),
        {"heading": "Privacy", "text": "<p>Short.</p>", "rows": [], "policy_page": site_tree.guideline.pk},
    )

    assert f'href="{site_tree.guideline.url}"' in html
    assert "Read the full privacy policy" in html


def test_callout_says_important_in_words_not_only_in_colour():
    html = render(CalloutBlock(), {"tone": "warning", "title": "Careful", "text": "<p>Think first.</p>"})

    assert "Important:" in html and "Careful" in html and "Think first." in html
    assert "callout--warning" in html


def test_faq_uses_details_and_summary_for_each_question():
    html = render(
        FaqBlock(),
        {"heading": "Questions", "items": [{"question": "Why?", "answer": "<p>Because.</p>"}]},
    )

    assert "<details" in html and "<summary" in html
    assert "Why?" in html and "Because." in html


def test_manager_hours_block_shows_the_hours_from_the_site_settings(site_tree):
    manager = CommunityManagerSettingsFactory(site=site_tree.site, display_name="Sam")
    ManagerWeeklyRangeFactory(settings=manager, weekday=2)
    request = RequestFactory().get("/en/rules/", HTTP_HOST="localhost")

    html = render(ManagerHoursBlock(), {"heading": "When we are online"}, context={"request": request})

    assert "Sam" in html
    assert "Wednesday" in html and "09:00–17:00" in html
    assert "Not online" in html
    assert "within 24 hours" in html


def test_manager_hours_block_in_french_names_the_days_in_french(site_tree):
    manager = CommunityManagerSettingsFactory(site=site_tree.site)
    ManagerWeeklyRangeFactory(settings=manager, weekday=2)
    request = RequestFactory().get("/fr/regles/", HTTP_HOST="localhost")

    html = render(ManagerHoursBlock(), {"heading": ""}, context={"request": request}, language="fr")

    assert "mercredi" in html and "Pas en ligne" in html


def test_manager_hours_block_without_a_site_still_renders_a_sentence():
    html = render(ManagerHoursBlock(), {"heading": "Hours"})

    assert "A moderator reads every message" in html
