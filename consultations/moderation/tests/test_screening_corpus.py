"""Screening against the corpus (issue 14): recall per language, and no everyday text held.

Run with ``-s`` to read the figures (they are in NOTES.md, "Screening corpus (issue 14)").
"""

import pytest

from consultations.moderation.screening import screen
from consultations.moderation.tests.screening_corpus import EVERYDAY, POSITIVES

LANGUAGES = ["fr", "en"]


def held_for(text):
    return [reason.code for reason in screen(text, blocklist=[])]


def figures(language):
    positives, everyday = POSITIVES[language], EVERYDAY[language]
    found = [text for text, code in positives if code in held_for(text)]
    false_alarms = [text for text in everyday if held_for(text)]
    recall = len(found) / len(positives)
    precision = len(found) / (len(found) + len(false_alarms))
    return recall, precision, false_alarms, [text for text, _code in positives if text not in found]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_corpus_is_large_enough_in_each_language(language):
    assert len(POSITIVES[language]) >= 60
    assert len(EVERYDAY[language]) >= 60
    assert {code for _text, code in POSITIVES[language]} >= {"phone", "handle", "school", "birthdate"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_screening_finds_at_least_98_percent_of_the_corpus_and_holds_no_everyday_text(language):
    recall, precision, false_alarms, missed = figures(language)

    print(
        f"\n{language}: recall {recall:.1%} ({len(POSITIVES[language]) - len(missed)}/{len(POSITIVES[language])}),"
        f" precision {precision:.1%}, everyday texts held {len(false_alarms)}/{len(EVERYDAY[language])}"
    )
    assert false_alarms == []
    assert recall >= 0.98, missed


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_positive_is_held_for_its_own_reason_only(language):
    # The author is told what to remove: a date of birth is not also called a phone number.
    wrong = {text: held_for(text) for text, code in POSITIVES[language] if held_for(text) != [code]}

    assert wrong == {}
