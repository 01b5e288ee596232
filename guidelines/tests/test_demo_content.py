import os

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from guidelines.models import CommunityManagerSettings, GuidelinePage, RulesSettings

pytestmark = pytest.mark.django_db


def test_demo_code_of_conduct_exists_in_both_languages_and_is_the_chosen_one(demo_content):
    site = Site.objects.get(is_default_site=True)

    english = GuidelinePage.code_of_conduct_for(site, "en")
    french = GuidelinePage.code_of_conduct_for(site, "fr")

    assert english.url == "/en/rules/code-of-conduct/"
    assert french.url == "/fr/regles/charte/"
    assert [block.block_type for block in french.body] == ["do_dont", "privacy_note", "manager_hours", "faq"]


def test_demo_code_of_conduct_carries_the_practice_rules_in_french(demo_content):
    html = Client().get("/fr/regles/charte/").content.decode()

    assert "Choisis un pseudo." in html and "moins de 18 ans" in html
    assert "Donner des infos personnelles, sur toi ou sur quelqu&#x27;un d&#x27;autre." in html
    assert "compte de réseau social" in html
    assert "Dis ce que tu penses d&#x27;une idée, jamais de la personne qui l&#x27;a écrite." in html
    assert "Poster quelque chose d&#x27;illégal" in html
    assert "Que fait l&#x27;équipe de modération ?" in html and "On te dit toujours quelle règle" in html
    assert "mercredi" in html and "19:00–21:00" in html


def test_demo_code_of_conduct_carries_the_practice_rules_in_english(demo_content):
    html = Client().get("/en/rules/code-of-conduct/").content.decode()

    assert "Pick a pseudonym." in html and "under 18" in html
    assert "Share personal information, about you or anyone else." in html
    assert "Post anything illegal, hurtful or inappropriate." in html
    assert "We always tell you which rule" in html


@pytest.mark.parametrize(
    ("url", "words"), [("/fr/regles/charte/", "mot de passe"), ("/en/rules/code-of-conduct/", "password")]
)
def test_demo_code_of_conduct_says_nothing_about_passwords_participants_have_none(demo_content, url, words):
    html = Client().get(url).content.decode().lower()

    assert words not in html


@pytest.mark.parametrize(
    ("url", "no_cookie", "thank_you"),
    [
        ("/fr/regles/charte/", "Aucun pendant que tu lis ou que tu postes un commentaire", "remerciement"),
        ("/en/rules/code-of-conduct/", "None while you read or post a comment", "thank-you"),
    ],
)
def test_demo_privacy_note_says_posting_sets_no_cookie_as_is_true_since_the_confirmation_is_in_the_address(
    demo_content, url, no_cookie, thank_you
):
    html = Client().get(url).content.decode()

    assert no_cookie in html
    assert thank_you not in html


def test_demo_manager_hours_are_weekdays_a_wednesday_evening_and_a_future_absence(demo_content):
    manager = CommunityManagerSettings.objects.get()
    assert manager.weekly_ranges.count() == 6
    assert manager.promised_response_hours == 24
    assert len(manager.upcoming_absences()) == 1


def test_running_again_keeps_the_organisers_changes(demo_content):
    manager = CommunityManagerSettings.objects.get()
    manager.display_name = "Alex"
    manager.weekly_ranges.all().delete()
    manager.save()
    RulesSettings.objects.update(code_of_conduct=None)

    call_command("load_demo_content")

    manager = CommunityManagerSettings.objects.get()
    assert manager.display_name == "Alex"
    assert manager.weekly_ranges.count() == 0
    assert RulesSettings.objects.get().code_of_conduct is None
    assert GuidelinePage.objects.count() == 2


def test_demo_help_lines_are_france_s_and_the_uk_s_and_loaded_once(demo_content):
    manager = CommunityManagerSettings.objects.get(site=Site.objects.get(is_default_site=True))

    assert [(line.phone, line.tel) for line in manager.help_lines_for("fr")] == [
        ("3114", "3114"),
        ("119", "119"),
    ]
    assert [(line.name, line.tel) for line in manager.help_lines_for("en")] == [
        ("Childline", "08001111"),
        ("Samaritans", "116123"),
    ]
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert manager.help_lines.count() == 4


def test_demo_help_lines_never_replace_an_organiser_s_own(demo_content):
    manager = CommunityManagerSettings.objects.get(site=Site.objects.get(is_default_site=True))
    manager.help_lines.exclude(phone="119").delete()

    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert list(manager.help_lines.values_list("phone", flat=True)) == ["119"]


def test_demo_manager_speaks_french_on_french_pages_and_english_on_english_ones(demo_content):
    french = Client().get("/fr/regles/charte/").content.decode()
    english = Client().get("/en/rules/code-of-conduct/").content.decode()

    assert "Animatrice de la communauté" in french and "Écris à moderation@tribune.localhost" in french
    assert "Community manager" not in french and "Write to" not in french
    assert "Community manager" in english and "Write to moderation@tribune.localhost" in english
    assert "Animatrice" not in english
    manager = CommunityManagerSettings.objects.get()
    assert (
        manager.texts_for("fr").absence_message
        == "Bonnes vacances ! On lit tous les messages dès notre retour."
    )
    assert manager.upcoming_absences("en")[0].message == "Happy holidays!"


def test_running_again_keeps_the_organisers_french_texts_and_their_choice_of_none(demo_content):
    manager = CommunityManagerSettings.objects.get()
    manager.texts.update(role="Animateur jeunesse")

    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert [row.role for row in manager.texts.all()] == ["Animateur jeunesse"]


def test_an_organisers_own_manager_never_gets_the_demos_french_texts(demo_content):
    manager = CommunityManagerSettings.objects.get()
    manager.texts.all().delete()
    manager.display_name, manager.role = "Alex", "Youth worker"
    manager.save()

    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115

    manager = CommunityManagerSettings.objects.get()
    assert not manager.texts.exists()
    assert manager.texts_for("fr").role == "Youth worker"


def test_a_demo_site_loaded_before_the_french_texts_gets_them_on_the_next_load(demo_content):
    manager = CommunityManagerSettings.objects.get()
    manager.texts.all().delete()
    manager.contact_line = "moderation@tribune.localhost"  # what the demo wrote then
    manager.save()

    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115

    manager = CommunityManagerSettings.objects.get()
    assert manager.texts_for("fr").role == "Animatrice de la communauté"
    assert manager.contact_line == "moderation@tribune.localhost"  # the main texts are left as they are
