"""The chrome every page shares (site, home page in the visitor's language, navigation, code of conduct, community
manager's settings) costs few queries, and what the shared cache keeps of it changes the moment an organiser
changes it: a restricted page is refused at once and leaves the footer at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from guidelines.factories import CommunityManagerSettingsFactory
from guidelines.models import CommunityManagerSettings, GuidelinePage, RulesSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def chosen(site_tree):
    RulesSettings.objects.create(site=site_tree.site, code_of_conduct=site_tree.guideline)
    return site_tree


def queries_of(client, url):
    client.get(url)  # warm the per-process and the shared caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), captured.captured_queries


def reading(queries, table):
    return [query for query in queries if f'FROM "{table}"' in query["sql"]]


@pytest.mark.parametrize("url", ["/en/", "/en/rules/", "/en/consultations/"])
def test_the_chrome_reads_the_site_and_the_locale_at_most_twice_and_the_rules_settings_not_at_all(
    client, chosen, url
):
    html, queries = queries_of(client, url)

    assert f'href="{chosen.guideline.url}"' in html  # the footer's code of conduct
    assert len(reading(queries, "wagtailcore_site")) <= 2  # the request's site, once a page's own site
    assert reading(queries, "guidelines_rulessettings") == []
    assert len(reading(queries, "wagtailcore_locale")) <= 2  # Wagtail's routing, the chrome's home page


def test_the_home_page_costs_far_fewer_queries_than_before(client, chosen):
    _html, queries = queries_of(client, "/en/")

    assert len(queries) <= 16, "\n".join(
        query["sql"][:100] for query in queries
    )  # 23 before the chrome was cached (NOTES.md, issue 17, chrome)


def test_a_code_of_conduct_restricted_is_refused_and_leaves_the_footer_at_once(client, chosen):
    assert client.get(chosen.guideline.url).status_code == 200
    assert f'href="{chosen.guideline.url}"' in client.get("/en/").content.decode()

    PageViewRestriction.objects.create(page=chosen.guideline, restriction_type="password", password="x")

    assert client.get(chosen.guideline.url).status_code == 200  # the password form, not the rules
    assert "password" in client.get(chosen.guideline.url).content.decode().lower()
    assert f'href="{chosen.guideline.url}"' not in client.get("/en/").content.decode()


def test_a_restricted_section_is_refused_at_once_to_the_next_anonymous_reader(client, chosen):
    client.get(chosen.guidelines.url)

    PageViewRestriction.objects.create(page=chosen.guidelines, restriction_type="login")

    assert client.get(chosen.guidelines.url).status_code == 302  # to the sign-in page
    assert client.get(chosen.guideline.url).status_code == 302
    assert f'href="{chosen.guideline.url}"' not in client.get("/en/").content.decode()


def test_unpublishing_or_changing_the_code_of_conduct_shows_at_once(client, chosen):
    client.get("/en/")
    other = GuidelinePage.objects.get(
        pk=chosen.guidelines.add_child(instance=GuidelinePage(title="House rules", slug="house")).pk
    )
    other.save_revision().publish()

    rules = RulesSettings.objects.get(site=chosen.site)
    rules.code_of_conduct = other
    rules.save()  # as the settings form does
    assert f'href="{other.url}"' in client.get("/en/").content.decode()

    other.unpublish()
    assert f'href="{other.url}"' not in client.get("/en/").content.decode()


def test_the_community_managers_settings_come_from_the_cache_until_they_are_saved(chosen):
    CommunityManagerSettingsFactory(site=chosen.site, promised_response_hours=24)
    assert CommunityManagerSettings.for_site_without_saving(chosen.site).promised_response_hours == 24

    with CaptureQueriesContext(connection) as captured:
        assert CommunityManagerSettings.for_site_without_saving(chosen.site).promised_response_hours == 24
    assert captured.captured_queries == []

    manager = CommunityManagerSettings.objects.get(site=chosen.site)
    manager.promised_response_hours = 48
    manager.save()

    assert CommunityManagerSettings.for_site_without_saving(chosen.site).promised_response_hours == 48
