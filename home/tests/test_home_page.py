import re

import pytest
from django.test import Client

from home.models import HomePage

pytestmark = pytest.mark.django_db


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


def test_home_page_renders_with_one_heading_and_a_language_switch(client, site_tree):
    response = client.get("/en/")

    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(html) == 1
    assert '<html lang="en">' in html
    assert 'aria-label="Language"' in html
    assert 'href="/fr/" lang="fr" hreflang="fr"' in html


def test_french_home_page_is_served_in_french(client, site_tree):
    response = client.get("/fr/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert "Donne ton avis" in html
    assert 'href="/en/" lang="en" hreflang="en"' in html


def test_root_url_sends_a_french_browser_to_the_french_site(client, site_tree):
    response = client.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})

    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_home_page_links_to_the_rules_in_its_language(client, site_tree):
    assert 'href="/en/rules/"' in client.get("/en/").content.decode()
    assert 'href="/fr/regles/"' in client.get("/fr/").content.decode()


def test_chosen_rules_page_is_linked_in_the_visitors_language(client, site_tree):
    site_tree.home.rules_page = site_tree.consultations
    site_tree.home.save_revision().publish()

    assert 'href="/fr/consultations/"' in client.get("/fr/").content.decode()


def test_language_switch_keeps_the_visitor_on_the_same_page(client, site_tree):
    html = client.get("/en/rules/").content.decode()

    assert 'href="/fr/regles/" lang="fr"' in html


def test_navigation_marks_the_current_section(client, site_tree):
    html = client.get("/fr/regles/").content.decode()

    assert '<a href="/fr/regles/" aria-current="page">Règles de participation</a>' in html


def test_skip_link_points_to_the_main_landmark(client, site_tree):
    html = client.get("/en/").content.decode()

    assert 'class="skip-link" href="#main-content"' in html
    assert '<main id="main-content"' in html


def test_only_one_home_page_can_be_added_per_site(site_tree):
    root = site_tree.home.get_parent()

    assert not HomePage.can_create_at(root)


def test_unknown_address_shows_the_friendly_not_found_page(client, site_tree):
    response = client.get("/en/this-page-does-not-exist/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find this page" in html
    assert h1_count(html) == 1


def test_server_error_shows_the_friendly_page_without_details(site_tree, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client = Client(raise_request_exception=False)

    response = client.get("/en/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "secret internal detail" not in html
