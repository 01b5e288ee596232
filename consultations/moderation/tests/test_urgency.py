"""Urgent phrases: the seeded list against the corpus (every disclosure caught, no everyday sentence), the
spellings one phrase catches, everyday expressions, and the list as organisers edit it."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from consultations.models import UrgentPhrase
from consultations.moderation import urgency
from consultations.moderation.tests.urgency_corpus import (
    EVERYDAY,
    FIRST_HELD_OUT_EVERYDAY,
    FIRST_HELD_OUT_URGENT,
    URGENT,
)

pytestmark = pytest.mark.django_db
LANGUAGES = pytest.mark.parametrize("language", ["fr", "en"])


@LANGUAGES
def test_the_seeded_list_catches_every_disclosure_of_the_corpus(language):
    assert len(URGENT[language]) >= 40
    corpus = URGENT[language] + FIRST_HELD_OUT_URGENT[language]
    missed = [text for text in corpus if not urgency.find_urgent(text)]

    assert missed == []


@LANGUAGES
def test_the_seeded_list_catches_no_everyday_sentence_of_the_corpus(language):
    assert len(EVERYDAY[language]) >= 40
    corpus = EVERYDAY[language] + FIRST_HELD_OUT_EVERYDAY[language]
    caught = {text: urgency.find_urgent(text) for text in corpus}

    assert {text: found for text, found in caught.items() if found} == {}


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("J'ai envie de mourir", "envie de mourir"),
        ("j ai envie de mourir", "j'ai envie de mourir"),
        ("jai envie de mourir", "j'ai envie de mourir"),
        ("J’AI ENVIE DE MOURIR", "j'ai envie de mourir"),
        ("g envie de mourir", "j'ai envie de mourir"),
        ("j'ai trop envie de mourir", "envie de mourir"),
        ("jveux mourir", "je veux mourir"),
        ("j'veux mourir", "je veux mourir"),
        ("je veuuux mourir", "je veux mourir"),
        ("I'm in danger", "I am in danger"),
        ("im in danger", "I am in danger"),
        ("i dont wanna die", "don't want to die"),
        ("Je me scarifie", "scarifi*"),
        ("les scarifications", "scarifi*"),
        ("selfharming", "selfharm*"),
        ("self harming", "self-harm*"),
    ],
)
def test_one_phrase_catches_its_usual_spellings(text, phrase):
    assert urgency.find_urgent(text, [urgency.Entry(phrase, "urgent", "suicide")])


def test_the_brief_s_examples():
    for text in ["j ai envie de mourir", "jveux mourir", "i want to die", "kill myself", "he hits me"]:
        assert urgency.find_urgent(text), text
    for text in ["il me frappe", "je me scarifie"]:
        assert urgency.find_urgent(text), text
    for text in [
        "ce film m'a tué de rire",
        "I'd kill for a skate park",
        "je meurs de faim",
        "this homework is killing me",
        "mort de rire",
        "killer app",
    ]:
        assert urgency.find_urgent(text) == [], text


def test_what_was_found_says_what_it_is_about():
    found = urgency.find_urgent("Mon père me frappe et j'ai envie de mourir.")

    assert [(finding.category, finding.phrase) for finding in found] == [
        ("suicide", "envie de mourir"),
        ("abuse", "père me frappe"),
    ]
    stored = [finding.to_json() for finding in found]
    assert urgency.labels(stored) == [
        "Suicide: “envie de mourir”",
        "Abuse or violence at home: “père me frappe”",
    ]
    assert urgency.categories(stored) == ["Suicide", "Abuse or violence at home"]


def test_an_everyday_expression_cancels_the_phrase_it_finishes_otherwise_and_no_other():
    entries = [
        urgency.Entry("envie de mourir", "urgent", "suicide"),
        urgency.Entry("don't want to live in this world", "urgent", "suicide"),
        urgency.Entry("don't want to live", "urgent", "suicide"),
        urgency.Entry("mourir de rire", "everyday", ""),
        urgency.Entry("live in", "everyday", ""),
    ]

    assert urgency.find_urgent("j'ai envie de mourir de rire", entries) == []
    assert urgency.find_urgent("I don't want to live in a town without a cinema", entries) == []
    assert [f.phrase for f in urgency.find_urgent("I dont want to live in this world", entries)] == [
        "don't want to live in this world"
    ]
    # "de rire" in the next sentence finishes nothing.
    assert urgency.find_urgent("J'ai envie de mourir. De rire, personne ne rit ici.", entries)


def test_a_phrase_does_not_run_across_the_end_of_a_sentence():
    entries = [urgency.Entry("want to die", "urgent", "suicide")]

    assert urgency.find_urgent("I want to. Die Hard is my favourite film", entries) == []


def test_a_phrase_an_organiser_adds_is_caught_at_once_in_any_language():
    assert urgency.find_urgent("mi padre me pega") == []
    UrgentPhrase.objects.create(
        phrase="me pega", category="abuse", locale=Locale.objects.get(language_code="fr")
    )

    assert [f.phrase for f in urgency.find_urgent("Mi padre ME PEGA")] == ["me pega"]


def test_a_phrase_an_organiser_removes_is_no_longer_caught():
    UrgentPhrase.objects.filter(phrase="scarifi*").delete()

    assert urgency.find_urgent("je me scarifie") == []


@pytest.mark.parametrize(
    ("phrase", "field"),
    [
        ("*", "phrase"),
        ("ab*", "phrase"),
        ("me <b>", "phrase"),
        ("a", "phrase"),
        ("envie de mourir", "category"),
    ],
)
def test_a_phrase_that_would_catch_everything_or_nothing_is_refused(phrase, field):
    candidate = UrgentPhrase(phrase=phrase, kind="urgent", locale=Locale.objects.get(language_code="en"))

    with pytest.raises(ValidationError) as refused:
        candidate.full_clean()

    assert field in refused.value.message_dict


def test_the_list_is_seeded_in_both_languages_and_moderators_may_edit_it():
    from django.contrib.auth.models import Group

    assert UrgentPhrase.objects.filter(locale__language_code="fr", kind="urgent").count() >= 100
    assert UrgentPhrase.objects.filter(locale__language_code="en", kind="urgent").count() >= 100
    assert UrgentPhrase.objects.filter(kind="everyday").exists()
    for name in ("Community managers", "Editors"):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"add_urgentphrase", "change_urgentphrase", "delete_urgentphrase"} <= codenames, name
