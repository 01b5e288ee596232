"""On the demo's closed consultation (the canteen), a few participants asked to hear what happens with the ideas:
when the organisers publish the results, each gets the email in their language."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultations.models import ConsultationPage, ResultsSubscription
from consultations.notifications.results import send_due_results_notices
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_content):
    """The demo content, loaded once for all the tests that read it (root conftest)."""


def canteen(language):
    return ConsultationPage.objects.get(
        slug={"en": "school-canteen-lunch", "fr": "dejeuner-cantine"}[language]
    )


def test_participants_of_the_closed_consultation_asked_in_both_languages(demo):
    subscriptions = ResultsSubscription.objects.filter(page=canteen("en").source_page)

    assert sorted(subscriptions.values_list("language", flat=True)) == ["en", "en", "fr", "fr"]
    assert all(
        address.endswith("@example.org") for address in subscriptions.values_list("address", flat=True)
    )
    assert all(subscription.comment.language == subscription.language for subscription in subscriptions)
    assert ResultsSubscription.objects.count() == 4  # nobody asked about the open or upcoming consultations


def test_loading_the_demo_again_adds_no_subscription(demo):
    call_command("load_demo_content", stdout=io.StringIO())

    assert ResultsSubscription.objects.count() == 4


def test_publishing_the_canteens_results_emails_each_participant_who_asked_in_their_language(demo):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for language, text in (
        ("en", "<p>A vegetarian dish every day.</p>"),
        ("fr", "<p>Un plat végétarien.</p>"),
    ):
        page = canteen(language)
        page.results_published_on = tomorrow
        page.results_decided = text
        page.save_revision().publish()
    mail.outbox.clear()

    queued, _skipped = send_due_results_notices(now=timezone.now() + datetime.timedelta(days=1))
    deliver()

    assert queued == 4
    by_address = {message.to[0]: message for message in mail.outbox}
    assert (
        by_address["nour.canteen@example.org"].subject
        == "The results of “Lunch at the school canteen” are out"
    )
    assert (
        by_address["yanis.cantine@example.org"].subject
        == "Les résultats de « Le déjeuner à la cantine » sont publiés"
    )
    assert canteen("fr").url in by_address["clara.cantine@example.org"].body
    assert canteen("en").url in by_address["mila.canteen@example.org"].body
    assert not ResultsSubscription.objects.exists()
