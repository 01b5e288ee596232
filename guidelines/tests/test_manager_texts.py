"""The community manager in each language: the texts of the reader's language, else the main ones."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from guidelines.factories import (
    CommunityManagerSettingsFactory,
    ManagerAbsenceFactory,
    ManagerTextsFactory,
    ManagerWeeklyRangeFactory,
    stream,
)
from guidelines.models import CommunityManagerSettings, ManagerTexts
from guidelines.tests.test_manager_settings_admin import child_errors, edit_url, form_data, post
from page_cache import versions as page_cache

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
ENGLISH_CONTACT = "Write to moderation@example.org"
FRENCH_CONTACT = "Écris à moderation@example.org"


@pytest.fixture
def during_the_holidays(monkeypatch):
    """Monday 28 December 2026, 10:00 in Paris: in the middle of the absence below."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: dt.datetime(2026, 12, 28, 10, 0, tzinfo=PARIS))


@pytest.fixture
def sam(site_tree):
    """Sam, with English main texts, French ones, office hours and a winter absence."""
    manager = CommunityManagerSettingsFactory(
        site=site_tree.site, display_name="Sam", role="Community manager", contact_line=ENGLISH_CONTACT
    )
    for weekday in range(5):
        ManagerWeeklyRangeFactory(settings=manager, weekday=weekday)
    ManagerAbsenceFactory(
        settings=manager,
        starts_on=dt.date(2026, 12, 24),
        ends_on=dt.date(2027, 1, 2),
        message="Happy holidays!",
    )
    ManagerTextsFactory(
        settings=manager,
        language="fr",
        role="Animatrice de la communauté",
        contact_line=FRENCH_CONTACT,
        absence_message="Bonnes vacances !",
    )
    return manager


@pytest.fixture
def hours_on_the_rules(site_tree):
    """The code of conduct, in both languages, shows the manager's hours block."""
    for page, heading in (
        (site_tree.guideline, "When we are online"),
        (site_tree.guideline_fr, "Nos horaires"),
    ):
        page.body = stream(("manager_hours", {"heading": heading}))
        page.save_revision().publish()
    return {"en": site_tree.guideline.url, "fr": site_tree.guideline_fr.url}


def page(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def fresh(manager):
    return CommunityManagerSettings.objects.get(pk=manager.pk)


def test_a_french_page_shows_the_french_role_contact_line_and_absence_message(
    sam, hours_on_the_rules, during_the_holidays
):
    html = page(hours_on_the_rules["fr"])

    assert "<strong>Sam</strong>" in html
    assert "Animatrice de la communauté" in html
    assert escape(FRENCH_CONTACT) in html
    assert "Bonnes vacances !" in html
    assert '<p class="availability__message">Bonnes vacances !</p>' in html  # the banner
    assert "Du 24 décembre au 2 janvier 2027 : Bonnes vacances !" in " ".join(html.split())  # the hours block
    for english in ("Community manager", ENGLISH_CONTACT, "Happy holidays!"):
        assert english not in html


def test_an_english_page_shows_the_english_role_contact_line_and_absence_message(
    sam, hours_on_the_rules, during_the_holidays
):
    html = page(hours_on_the_rules["en"])

    assert "<strong>Sam</strong>" in html and "Community manager" in html
    assert escape(ENGLISH_CONTACT) in html
    assert '<p class="availability__message">Happy holidays!</p>' in html
    assert "From 24 December to 2 January 2027: Happy holidays!" in " ".join(html.split())
    for french in ("Animatrice", "Écris à", "Bonnes vacances"):
        assert french not in html


def test_a_language_without_its_own_texts_gets_the_main_ones(
    site_tree, hours_on_the_rules, during_the_holidays
):
    manager = CommunityManagerSettingsFactory(
        site=site_tree.site, display_name="Sam", role="Community manager", contact_line=ENGLISH_CONTACT
    )
    ManagerAbsenceFactory(
        settings=manager,
        starts_on=dt.date(2026, 12, 24),
        ends_on=dt.date(2027, 1, 2),
        message="Happy holidays!",
    )

    html = page(hours_on_the_rules["fr"])

    assert "Community manager" in html and escape(ENGLISH_CONTACT) in html and "Happy holidays!" in html


def test_a_blank_field_of_a_language_falls_back_to_the_main_text(
    sam, hours_on_the_rules, during_the_holidays
):
    ManagerTexts.objects.filter(settings=sam, language="fr").update(contact_line="", absence_message="")

    html = page(hours_on_the_rules["fr"])

    assert "Animatrice de la communauté" in html  # still its own
    assert escape(ENGLISH_CONTACT) in html and "Happy holidays!" in html  # the main ones


def test_a_display_name_written_differently_in_a_language_is_used_there(sam, hours_on_the_rules):
    ManagerTexts.objects.filter(settings=sam, language="fr").update(display_name="Samia")

    assert "<strong>Samia</strong>" in page(hours_on_the_rules["fr"])
    assert "<strong>Sam</strong>" in page(hours_on_the_rules["en"])


def test_texts_for_a_regional_variant_are_those_of_its_language_and_the_signature_follows(sam):
    manager = fresh(sam)

    french = manager.texts_for("fr-ca")
    english = manager.texts_for("en-gb")

    assert (french.role, french.contact_line, french.signature) == (
        "Animatrice de la communauté",
        FRENCH_CONTACT,
        "Sam, Animatrice de la communauté",
    )
    assert (english.role, english.contact_line, english.signature) == (
        "Community manager",
        ENGLISH_CONTACT,
        "Sam, Community manager",
    )
    assert manager.texts_for("de").signature == "Sam, Community manager"


def test_without_a_display_name_in_any_language_emails_are_signed_with_the_site_name(site_tree):
    manager = CommunityManagerSettingsFactory(site=site_tree.site, display_name="", role="")
    ManagerTextsFactory(settings=manager, language="fr", role="Animatrice de la communauté")

    assert fresh(manager).texts_for("fr").signature == "Tribune"


def test_all_the_texts_of_every_language_cost_one_query(sam, django_assert_num_queries):
    manager = fresh(sam)

    with django_assert_num_queries(1):
        french = manager.texts_for("fr")
        english = manager.texts_for("en")
        read = [french.display_name, french.role, french.contact_line, french.signature, english.role]

    assert read[1] == "Animatrice de la communauté"


def test_a_page_with_the_banner_and_the_hours_block_reads_the_settings_and_their_texts_from_the_cache(
    sam, hours_on_the_rules, during_the_holidays
):
    page(hours_on_the_rules["fr"])  # warm the caches that live for the process, and the shared cache
    page_cache.renew(page_cache.SITE)  # the rendering is measured, not a copy from the page cache

    with CaptureQueriesContext(connection) as queries:
        page(hours_on_the_rules["fr"])

    def reading(table):
        return [query for query in queries.captured_queries if f'FROM "{table}"' in query["sql"]]

    assert len(reading("guidelines_communitymanagersettings")) == 0
    assert len(reading("guidelines_managertexts")) == 0
    assert len(reading("guidelines_managerweeklyrange")) == 0


HOSTILE = {
    "display_name": "<script>alert(1)</script>",
    "role": "{{ 7|add:1 }} {% now 'Y' %}",
    "contact_line": '<a href="javascript:alert(1)">{% debug %}</a>',
    "absence_message": "<img src=x onerror=alert(1)> {% lorem 9999 w %}",
}


def test_html_and_template_syntax_in_a_languages_texts_are_shown_as_typed(
    sam, hours_on_the_rules, during_the_holidays
):
    ManagerTexts.objects.filter(settings=sam, language="fr").update(**HOSTILE)

    html = page(hours_on_the_rules["fr"])

    for text in HOSTILE.values():
        assert escape(text) in html
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript' not in html
    assert "lorem ipsum" not in html.lower()


def test_direction_characters_saved_before_the_check_never_reach_a_reader(sam, hours_on_the_rules):
    ManagerTexts.objects.filter(settings=sam, language="fr").update(role="Animatrice\u202e de la communauté")

    html = page(hours_on_the_rules["fr"])

    assert "Animatrice de la communauté" in html
    assert "\u202e" not in html
    assert fresh(sam).texts_for("fr").signature == "Sam, Animatrice de la communauté"


def texts(language, **fields):
    return {
        "language": language,
        "display_name": "",
        "role": "",
        "contact_line": "",
        "absence_message": "",
        **fields,
    }


def test_organiser_saves_the_managers_texts_in_french(admin_client, site_tree):
    data = form_data(
        texts=[texts("fr", role="Animatrice de la communauté", contact_line=FRENCH_CONTACT)],
        contact_line=ENGLISH_CONTACT,
    )

    response = post(admin_client, site_tree.site, data)

    assert response.status_code == 302
    manager = CommunityManagerSettings.objects.get(site=site_tree.site)
    assert manager.texts_for("fr").role == "Animatrice de la communauté"
    assert manager.texts_for("en").contact_line == ENGLISH_CONTACT


def test_a_second_row_for_the_same_language_is_refused_next_to_its_language(admin_client, site_tree):
    data = form_data(texts=[texts("fr", role="Animatrice"), texts("en"), texts("fr", role="Animateur")])

    response = post(admin_client, site_tree.site, data)

    assert response.status_code == 200
    assert child_errors(response, "texts", 2)["language"] == [
        "There are already texts in this language above: change those, or remove one of the two."
    ]
    assert not child_errors(response, "texts", 0) and not child_errors(response, "texts", 1)
    assert "There are already texts in this language above" in response.content.decode()
    assert not ManagerTexts.objects.exists()  # nothing was saved


def test_the_same_language_twice_is_refused_in_french_for_a_french_organiser(admin_client, site_tree):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(response_user(admin_client))
    profile.preferred_language = "fr"
    profile.save()

    response = post(admin_client, site_tree.site, form_data(texts=[texts("fr"), texts("fr")]))

    assert "language" in child_errors(response, "texts", 1)
    assert (
        escape(
            "Il y a déjà des textes dans cette langue plus haut : modifiez-les, ou retirez l'une des deux lignes."
        )
        in response.content.decode()
    )


def response_user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_a_row_removed_in_the_same_save_does_not_count_as_a_second_one(admin_client, site_tree):
    manager = CommunityManagerSettingsFactory(site=site_tree.site)
    old = ManagerTextsFactory(settings=manager, language="fr", role="Ancien rôle")
    data = form_data(texts=[texts("fr", role="Ancien rôle"), texts("fr", role="Nouveau rôle")])
    data.update({"texts-INITIAL_FORMS": "1", "texts-0-id": str(old.pk), "texts-0-DELETE": "1"})

    response = post(admin_client, site_tree.site, data)

    assert response.status_code == 302
    assert fresh(manager).texts_for("fr").role == "Nouveau rôle"


@pytest.mark.parametrize("field", ["display_name", "role", "contact_line", "absence_message"])
def test_direction_characters_in_a_languages_texts_are_refused_on_their_field(admin_client, site_tree, field):
    response = post(
        admin_client, site_tree.site, form_data(texts=[texts("fr", **{field: "moc.elpmaxe\u202e"})])
    )

    assert response.status_code == 200
    assert child_errors(response, "texts", 0)[field] == [
        "This text contains invisible characters that change the direction of the text after them. "
        "Please remove them."
    ]


def test_direction_characters_in_the_main_texts_are_refused_too(admin_client, site_tree):
    response = post(admin_client, site_tree.site, form_data(role="Community\u2067 manager"))

    assert response.status_code == 200
    assert "role" in response.context["form"].errors


def test_the_settings_screen_says_the_main_texts_serve_every_language_without_its_own(
    admin_client, site_tree
):
    html = admin_client.get(edit_url(site_tree.site)).content.decode()

    assert "In each language" in html
    assert "shown in every language that has no texts of its own" in html
