"""The live character counter's words come from the page, translated, with the language's plural forms."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from consultations.authors.links import make_token
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment
from consultations.moderation import service as moderation
from consultations.templatetags.character_counter import counter_texts

pytestmark = pytest.mark.django_db
COUNTER = re.compile(r'<p class="char-counter"[^>]*data-counter-texts="([^"]*)"[^>]*>')


def page_counter_texts(response):
    assert response.status_code == 200
    [texts] = COUNTER.findall(response.content.decode())
    return json.loads(unescape(texts))


def form_for(texts, message, number):
    """What the script shows for ``number``: the form listed with that number (the script asks the
    browser's plural rules which listed number is in the same category)."""
    [form] = [form for form, numbers in texts[message] if number in numbers]
    return form.replace("%(count)s", str(number))


def test_the_french_page_gives_the_counter_its_words_with_0_and_1_singular(client, site_tree, consultation):
    french = consultation.copy_for_translation(site_tree.home_fr.locale)
    french.save_revision().publish()

    texts = page_counter_texts(client.get(french.url))

    assert texts["language"] == "fr"
    assert [form_for(texts, "left", number) for number in (0, 1, 2, 30)] == [
        "0 caractère restant",
        "1 caractère restant",
        "2 caractères restants",
        "30 caractères restants",
    ]
    assert [form_for(texts, "over", number) for number in (1, 2)] == [
        "1 caractère en trop",
        "2 caractères en trop",
    ]


def test_the_english_page_gives_the_counter_its_words_with_only_1_singular(client, consultation):
    texts = page_counter_texts(client.get(consultation.url))

    assert texts["language"] == "en"
    assert [form_for(texts, "left", number) for number in (0, 1, 2)] == [
        "0 characters left",
        "1 character left",
        "2 characters left",
    ]
    assert [form_for(texts, "over", number) for number in (1, 30)] == [
        "1 character too many",
        "30 characters too many",
    ]


def test_every_number_the_browser_may_ask_about_is_listed_once_per_message():
    with translation.override("fr"):
        texts = counter_texts()

    for message in ("left", "over"):
        listed = [number for _form, numbers in texts[message] for number in numbers]
        assert len(listed) == len(set(listed))
        assert {0, 1, 2, 5, 11, 21, 101, 111, 1_000_000} <= set(listed)  # a sample of every CLDR category


def test_the_author_revise_page_gives_the_counter_its_words(client, consultation, personal_info):
    comment = ConsultationCommentFactory(page=consultation, state=ConsultationComment.State.PENDING)
    ConfirmedAddressFactory(address=comment.user_email)
    moderator = get_user_model().objects.create_user("mod", email="mod@example.org")
    decision = moderation.return_for_revision(comment, moderator, personal_info)

    response = client.get(f"/fr/my-comment/revise/{make_token(comment, 'revise', decision)}/")

    assert form_for(page_counter_texts(response), "left", 1) == "1 caractère restant"


def test_the_script_carries_no_interface_words():
    script = (Path(settings.BASE_DIR) / "static" / "js" / "comments.js").read_text()

    for words in ("characters left", "too many", "caractères", "Write a new comment"):
        assert words not in script
