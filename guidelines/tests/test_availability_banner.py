import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from guidelines.factories import (
    CommunityManagerSettingsFactory,
    ManagerAbsenceFactory,
    ManagerWeeklyRangeFactory,
)
from guidelines.models import CommunityManagerSettings

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
BANNER = Template("{% load availability_tags %}{% availability_banner %}")


def banner(language="en", request=True):
    request = RequestFactory().get(f"/{language}/", HTTP_HOST="localhost") if request else None
    with translation.override(language):
        return " ".join(BANNER.render(Context({"request": request})).split())


@pytest.fixture
def clock(monkeypatch):
    def set_now(*args):
        monkeypatch.setattr("django.utils.timezone.now", lambda: dt.datetime(*args, tzinfo=PARIS))

    return set_now


@pytest.fixture
def office_hours(site_tree):
    manager = CommunityManagerSettingsFactory(site=site_tree.site, contact_line="Write to mod@example.org")
    for weekday in range(5):
        ManagerWeeklyRangeFactory(settings=manager, weekday=weekday)
    return manager


def test_banner_says_a_moderator_is_online_until_closing_time(office_hours, clock):
    clock(2026, 11, 23, 10, 0)  # Monday

    assert "A moderator is online now, until 17:00." in banner("en")
    assert "Quelqu&#x27;un de l&#x27;équipe de modération est en ligne, jusqu&#x27;à 17:00." in banner("fr")


def test_banner_says_tomorrow_in_the_visitors_language(office_hours, clock):
    clock(2026, 11, 23, 18, 0)  # Monday evening

    assert "Next moderator reply expected tomorrow at 09:00." in banner("en")
    assert "attendue demain à 09:00." in banner("fr")


def test_banner_on_a_monday_at_4_am_says_today_not_a_bare_weekday(office_hours, clock):
    clock(2026, 11, 23, 4, 0)  # Monday, before the office opens

    assert "Next moderator reply expected today at 09:00." in banner("en")
    assert "attendue aujourd&#x27;hui à 09:00." in banner("fr")


def test_banner_names_the_date_of_a_reply_after_tomorrow(office_hours, clock):
    office_hours.promised_response_hours = 72
    office_hours.save()
    clock(2026, 12, 4, 18, 0)  # Friday evening

    assert "Next moderator reply expected Monday 7 December at 09:00." in banner("en")
    assert "attendue lundi 7 décembre à 09:00." in banner("fr")


def test_banner_says_a_promise_that_ends_before_the_next_opening_as_a_deadline(office_hours, clock):
    clock(2026, 12, 4, 17, 30)  # Friday after closing: the 24-hour promise ends on Saturday at 17:30

    assert "Next moderator reply expected tomorrow before 17:30." in banner("en")
    assert "attendue demain avant 17:30." in banner("fr")


def test_banner_says_what_a_moderator_does_in_both_languages(office_hours, clock):
    clock(2026, 11, 23, 18, 0)

    assert "A moderator reads every comment and answers your questions." in banner("en")
    assert "L'équipe de modération lit chaque commentaire et répond à tes questions." in banner("fr")


def test_banner_says_the_team_is_away_with_the_organisers_message(office_hours, clock):
    ManagerAbsenceFactory(
        settings=office_hours,
        starts_on=dt.date(2026, 12, 24),
        ends_on=dt.date(2027, 1, 2),
        message="Bonnes fêtes !",
    )
    clock(2026, 12, 28, 10, 0)

    english = banner("en")
    assert "The team is away until 2 January." in english
    assert "Bonnes fêtes !" in english
    assert "L&#x27;équipe est absente jusqu&#x27;au 2 janvier." in banner("fr")


def test_banner_shows_the_contact_line(office_hours, clock):
    clock(2026, 11, 23, 10, 0)

    assert "Write to mod@example.org" in banner("en")


def test_banner_with_an_empty_schedule_promises_a_reply_within_the_promised_time(site_tree, clock):
    CommunityManagerSettingsFactory(site=site_tree.site, promised_response_hours=48)
    clock(2026, 11, 23, 10, 0)

    assert "Replies are expected within 48 hours." in banner("en")
    assert "Réponse attendue en 48 heures maximum." in banner("fr")


def test_banner_works_before_the_settings_were_ever_saved(site_tree, clock):
    clock(2026, 11, 23, 10, 0)

    assert "Replies are expected within 24 hours." in banner("en")
    assert not CommunityManagerSettings.objects.exists()


def test_banner_with_a_broken_time_zone_in_the_database_still_renders(office_hours, clock):
    CommunityManagerSettings.objects.filter(pk=office_hours.pk).update(time_zone="Nowhere/Atlantis")
    clock(2026, 11, 23, 10, 0)

    assert "A moderator is online now, until 17:00." in banner("en")


def test_banner_falls_back_to_a_general_sentence_when_the_settings_cannot_be_read(site_tree, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(CommunityManagerSettings, "as_schedule", broken)

    assert "A moderator reads every message before it is published." in banner("en")


def test_banner_without_a_request_falls_back_to_a_general_sentence(site_tree):
    assert "A moderator reads every message before it is published." in banner("en", request=False)


def test_guideline_pages_show_the_banner(client, office_hours, clock):
    clock(2026, 11, 23, 10, 0)

    for url in [office_hours.site.root_page.url + "rules/", "/fr/regles/charte/"]:
        html = client.get(url).content.decode()
        assert 'class="availability availability--online"' in html, url
