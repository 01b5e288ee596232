"""The consultation list shows which consultations have published their results, and filters on them
(``?status=results``) in the database, before pagination."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationPage
from consultations.models.pages import RESULTS_PUBLISHED

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def titles(html):
    return re.findall(r'class="consultation-card__link" href="[^"]*">([^<]+)</a>', html)


def closed(site_tree, title, **fields):
    return ConsultationPageFactory(
        parent=site_tree.consultations,
        title=title,
        opens_at=timezone.now() - 60 * DAY,
        closes_at=timezone.now() - 10 * DAY,
        **fields,
    )


@pytest.fixture
def consultations(site_tree):
    yesterday = timezone.localdate() - DAY
    return {
        "answered": closed(
            site_tree, "Answered", results_published_on=yesterday, results_heard="<p>Heard.</p>"
        ),
        "document only": closed(
            site_tree, "Report", results_published_on=yesterday, results_next="<p>Next.</p>"
        ),
        "later": closed(
            site_tree, "Tomorrow", results_published_on=yesterday + 2 * DAY, results_heard="<p>Heard.</p>"
        ),
        "date only": closed(site_tree, "Date only", results_published_on=yesterday),
        "no results": closed(site_tree, "Silent"),
        "open": ConsultationPageFactory(parent=site_tree.consultations, title="Open one"),
    }


def test_cards_say_results_published_when_they_are(client, site_tree, consultations):
    html = client.get(site_tree.consultations.url).content.decode()

    cards = re.findall(
        r'status--(\w+) consultation-card__status">\s*(.*?)\s*</p>.*?consultation-card__link" href="[^"]*">([^<]+)<',
        html,
        re.S,
    )
    by_title = {title: (chip, words) for chip, words, title in cards}
    assert by_title["Answered"] == ("results", "Results published")
    assert by_title["Report"] == ("results", "Results published")
    assert by_title["Tomorrow"] == ("closed", "Closed")
    assert by_title["Date only"] == ("closed", "Closed")
    assert by_title["Silent"] == ("closed", "Closed")
    assert by_title["Open one"] == ("open", "Open")


def test_the_results_filter_lists_only_consultations_whose_results_are_published(
    client, site_tree, consultations
):
    html = client.get(site_tree.consultations.url, {"status": RESULTS_PUBLISHED}).content.decode()

    assert sorted(titles(html)) == ["Answered", "Report"]
    assert '<a href="/en/consultations/?status=results" aria-current="true">Results published</a>' in html


def test_the_filter_is_one_query_before_pagination(site_tree, consultations):
    for number in range(13):
        closed(
            site_tree,
            f"More {number:02d}",
            results_published_on=timezone.localdate(),
            results_decided="<p>D.</p>",
        )
    index = site_tree.consultations.specific

    with CaptureQueriesContext(connection) as queries:
        pages = list(index.consultations(status=RESULTS_PUBLISHED)[:12])

    assert len(pages) == 12 and all(page.results_are_published() for page in pages)
    assert len([query for query in queries.captured_queries if "results_published_on" in query["sql"]]) == 1
    assert index.consultations(status=RESULTS_PUBLISHED).count() == 15


def test_the_database_filter_and_the_pages_rule_agree(site_tree, consultations):
    now = timezone.now()
    in_database = set(ConsultationPage.objects.filter(ConsultationPage.results_published_q(now)))

    assert in_database == {page for page in ConsultationPage.objects.all() if page.results_are_published(now)}
    assert len(in_database) == 2


@pytest.mark.parametrize("value", ["nonsense", "results' OR 1=1", "RESULTS", "<script>", "closed\x00"])
def test_an_unknown_filter_is_ignored(client, site_tree, consultations, value):
    response = client.get(site_tree.consultations.url, {"status": value})

    assert response.status_code == 200
    assert len(titles(response.content.decode())) == 6


def test_the_french_list_shows_results_published_in_english_only(client, site_tree, consultations):
    from wagtail.models import Locale

    from home.page_tree import add_translation

    answered = consultations["answered"]
    add_translation(
        answered,
        Locale.objects.get(language_code="fr"),
        slug="reponses",
        title="Avec réponses",
        summary="Résumé.",
        question="Question ?",
        opens_at=answered.opens_at,
        closes_at=answered.closes_at,
    )
    french_index = site_tree.consultations_fr

    everything = client.get(french_index.url).content.decode()
    filtered = client.get(french_index.url, {"status": RESULTS_PUBLISHED}).content.decode()

    assert titles(filtered) == ["Avec réponses"]
    card = re.search(r'status--(\w+) consultation-card__status">\s*(.*?)\s*</p>', everything, re.S)
    assert card.groups() == ("results", "Résultats publiés")
