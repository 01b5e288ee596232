"""What search engines and link previews read: the sitemap, robots.txt, and each page's canonical address
with its translations."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from consultations.factories import ConsultationPageFactory

pytestmark = pytest.mark.django_db


def locations(response):
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_the_sitemap_lists_every_published_page_in_both_languages_with_its_translation(demo_content):
    response = Client().get("/sitemap.xml")

    assert response.status_code == 200 and response.cookies == {}
    listed = locations(response)
    assert "http://localhost/en/" in listed and "http://localhost/fr/" in listed
    assert "http://localhost/en/consultations/youth-space-parc-des-berges/" in listed
    assert "http://localhost/fr/consultations/espace-jeunes-parc-des-berges/" in listed
    assert len(listed) == len(set(listed))
    assert (
        '<xhtml:link rel="alternate" hreflang="fr" href="http://localhost/fr/consultations/espace-jeunes-parc-des-berges/"/>'
        in response.content.decode()
    )
    assert not [url for url in listed if "/comments/" in url or "/admin/" in url or "my-comment" in url]


def test_the_sitemap_leaves_out_drafts_and_private_pages(site_tree):
    ConsultationPageFactory(parent=site_tree.consultations, slug="draft-one", live=False)
    private = ConsultationPageFactory(parent=site_tree.consultations, slug="private-one")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    public = ConsultationPageFactory(parent=site_tree.consultations, slug="public-one")

    listed = locations(Client().get("/sitemap.xml"))

    assert f"http://localhost{public.url}" in listed
    assert not [url for url in listed if "draft-one" in url or "private-one" in url]


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin_and_authors_links():
    response = Client().get("/robots.txt")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Disallow: /*/my-comment/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_a_page_names_its_canonical_address_and_its_translation(demo_content):
    html = Client().get("/fr/consultations/espace-jeunes-parc-des-berges/").content.decode()

    assert (
        '<link rel="canonical" href="http://localhost/fr/consultations/espace-jeunes-parc-des-berges/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://localhost/en/consultations/youth-space-parc-des-berges/">'
        in html
    )
    assert '<link rel="alternate" hreflang="x-default" href="http://localhost/en/consultations/' in html
