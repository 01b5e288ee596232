import pytest
from wagtail.models import Locale, PageViewRestriction

from guidelines.models import GuidelinePage, RulesSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def chosen(site_tree):
    RulesSettings.objects.create(site=site_tree.site, code_of_conduct=site_tree.guideline)
    return site_tree


def test_code_of_conduct_is_the_chosen_page_in_english(chosen):
    english = Locale.objects.get(language_code="en")

    assert GuidelinePage.code_of_conduct_for(chosen.site, english) == chosen.guideline


def test_code_of_conduct_is_its_translation_in_french(chosen):
    french = Locale.objects.get(language_code="fr")

    assert GuidelinePage.code_of_conduct_for(chosen.site, french) == chosen.guideline_fr
    assert GuidelinePage.code_of_conduct_for(chosen.site, "fr") == chosen.guideline_fr


def test_unpublished_translation_falls_back_to_the_chosen_page(chosen):
    chosen.guideline_fr.unpublish()

    assert GuidelinePage.code_of_conduct_for(chosen.site, "fr") == chosen.guideline


def test_no_code_of_conduct_when_none_is_chosen(site_tree):
    assert GuidelinePage.code_of_conduct_for(site_tree.site, "en") is None
    assert GuidelinePage.code_of_conduct_for(None, "en") is None


def test_no_code_of_conduct_when_the_chosen_page_is_unpublished(chosen):
    chosen.guideline.unpublish()

    assert GuidelinePage.code_of_conduct_for(chosen.site, "en") is None


def test_no_code_of_conduct_when_the_chosen_page_is_private(chosen):
    PageViewRestriction.objects.create(page=chosen.guideline, restriction_type="password", password="x")

    assert GuidelinePage.code_of_conduct_for(chosen.site, "en") is None


def test_home_page_links_to_the_code_of_conduct_in_the_visitors_language(client, chosen):
    assert f'href="{chosen.guideline.url}"' in client.get("/en/").content.decode()
    assert 'href="/fr/regles/charte/"' in client.get("/fr/").content.decode()


def test_home_pages_own_rules_page_wins_over_the_code_of_conduct(client, chosen):
    chosen.home.rules_page = chosen.consultations
    chosen.home.save_revision().publish()

    assert 'class="button button--secondary" href="/en/consultations/"' in client.get("/en/").content.decode()
