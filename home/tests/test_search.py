import pytest
from wagtail.models import PageViewRestriction

from guidelines.factories import GuidelinePageFactory

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "x" * 10_000,
    "%",
    "100%_",
    "\"unclosed 'quotes",
    "' OR 1=1 --",
    "AND OR NOT",
    "*",
    "^$()[]{}|\\",
    "<script>alert(1)</script>",
    "Zażółć gęślą jaźń 🦄",
    "\u202e\u200b\ufeff",
    "e\u0301te\u0301",
    "NEAR(a b)",
    "a:b",
    "-",
]


def search(client, query, language="en", **params):
    return client.get(f"/{language}/search/", {"query": query, **params})


def test_search_finds_pages_by_title_and_keeps_the_query_in_the_box(client, site_tree):
    response = search(client, "rules")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/en/rules/">Rules of participation</a>' in html
    assert 'value="rules"' in html
    assert '<label for="search-query">' in html


def test_search_with_no_match_says_so(client, site_tree):
    html = search(client, "nothingmatchesthis").content.decode()

    assert "No page matches your search." in html
    assert "0 results" in html


def test_empty_search_shows_the_form_only(client, site_tree):
    html = client.get("/en/search/").content.decode()

    assert '<input id="search-query"' in html
    assert "No page matches" not in html


def test_search_shows_only_pages_in_the_visitors_language(client, site_tree):
    english = search(client, "participation").content.decode()
    french = search(client, "participation", language="fr").content.decode()

    assert 'href="/en/rules/"' in english and 'href="/fr/regles/"' not in english
    assert 'href="/fr/regles/"' in french and 'href="/en/rules/"' not in french
    assert "Rechercher sur le site" in french


def test_search_does_not_show_unpublished_or_private_pages(client, site_tree):
    private = GuidelinePageFactory(parent=site_tree.guidelines, title="Conduct for members", slug="members")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    site_tree.guideline.unpublish()

    html = search(client, "conduct").content.decode()

    assert site_tree.guideline.url not in html
    assert private.url not in html
    assert "No page matches your search." in html


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_search_never_fails_on_odd_queries(client, site_tree, query):
    response = search(client, query)

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_search_results_are_paginated_and_keep_the_query(client, site_tree):
    for number in range(12):
        GuidelinePageFactory(parent=site_tree.guidelines, title=f"Pagination rule {number}")

    first = search(client, "pagination").content.decode()
    second = search(client, "pagination", page=2).content.decode()

    assert "12 results" in first and "Page 1 of 2" in first
    assert 'href="?query=pagination&amp;page=2"' in first
    assert "Page 2 of 2" in second
    assert search(client, "pagination", page="999").status_code == 200
    assert search(client, "pagination", page="abc").status_code == 200


def test_search_only_answers_get(client, site_tree):
    assert client.post("/en/search/", {"query": "rules"}).status_code == 405


def test_every_page_has_a_search_form_in_the_header(client, site_tree):
    html = client.get("/fr/").content.decode()

    assert '<form class="site-search" action="/fr/search/" method="get" role="search">' in html
    assert '<label class="visually-hidden" for="site-search-query">' in html
