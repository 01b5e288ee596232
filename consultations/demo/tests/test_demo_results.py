"""The demo's closed consultation has results waiting as a draft, in both languages: nothing shows until someone
publishes them in the admin, which then shows them with the answers under the demo's comments."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import querydict_from_html

from consultations.models import ConsultationPage, IdeaResponse, ResultsSubscription
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def canteen(demo_content):
    english = ConsultationPage.objects.get(slug="school-canteen-lunch")
    return english, ConsultationPage.objects.get(
        translation_key=english.translation_key, locale__language_code="fr"
    )


def test_the_results_wait_as_a_draft_and_the_live_pages_show_none(client, canteen):
    for page in canteen:
        assert page.has_unpublished_changes
        assert page.results_published_on is None and not IdeaResponse.objects.filter(page=page).exists()
        html = client.get(page.url).content.decode()
        assert 'id="results"' not in html and "organiser-answer" not in html
        draft = page.get_latest_revision_as_object()
        assert draft.results_are_published()
        answers = list(draft.idea_responses.all())
        assert len(answers) == 3
        linked = {comment.user_name for answer in answers for comment in answer.comments.all()}
        assert {"Nour", "Hugo_5e", "Mila", "Yanis"} <= linked
        assert {comment.language for answer in answers for comment in answer.comments.all()} == {"en", "fr"}


def test_an_organiser_publishes_the_results_from_the_admin(admin_client, client, canteen):
    english, french = canteen
    url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    html = admin_client.get(url).content.decode()
    assert (
        len(
            re.findall(
                r'type="checkbox" name="idea_responses-\d+-comments" value="\d+" id="[^"]+" checked', html
            )
        )
        == 8
    )
    data = querydict_from_html(html, form_id="page-edit-form")
    data["body-count"] = "0"
    data["comments_enabled"] = "on"
    data["action-publish"] = "action-publish"

    response = admin_client.post(url, dict(data.lists()))

    assert response.status_code == 302
    client.logout()
    html = client.get(english.url).content.decode()
    assert 'id="results"' in html and "You told us three things again and again" in html
    # Under Nour, Hugo_5e, Mila and Yanis, in both languages.
    assert html.count('class="organiser-answer"') == 8
    # The French page has its own draft still: it links to the English results meanwhile.
    french_html = client.get(french.url).content.decode()
    assert 'id="results"' not in french_html
    assert f'href="{english.url}#results" hreflang="en"' in french_html

    french.get_latest_revision().publish()
    french_html = client.get(french.url).content.decode()
    assert "Vous avez été nombreux à nous dire trois choses" in french_html


def test_loading_again_leaves_the_draft_and_published_results_alone(canteen):
    english, french = canteen
    english.get_latest_revision().publish()
    english = ConsultationPage.objects.get(pk=english.pk)
    english.results_heard = "<p>An organiser's own words.</p>"
    english.save_revision().publish()
    revisions = Revision.objects.count()

    call_command("load_demo_content")

    assert Revision.objects.count() == revisions
    english = ConsultationPage.objects.get(pk=english.pk)
    assert english.results_heard == "<p>An organiser's own words.</p>"
    assert not english.has_unpublished_changes
    assert IdeaResponse.objects.filter(page=english).count() == 3


def test_the_preview_of_the_draft_shows_the_answers_under_the_comments(admin_client, canteen):
    english, _french = canteen
    draft = english.get_latest_revision_as_object()
    request = admin_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).wsgi_request

    html = draft.make_preview_request(request).render().content.decode()

    assert "You told us three things again and again" in html
    assert html.count('class="organiser-answer"') == 8
    assert html.count('class="results__answer"') == 3


def publish_in_the_admin(admin_client, page):
    """What an organiser does: open the page in the admin and press Publish, the draft results as they are."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"
    data["comments_enabled"] = "on"
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, dict(data.lists()))
    assert response.status_code == 302


def test_participants_who_asked_get_the_results_in_their_language_when_an_organiser_publishes_them(
    admin_client, canteen
):
    """The issue's "done when": an organiser publishes the demo's draft results, English then French; the four
    demo participants who asked get one email each, in their language, with the link to their page."""
    english, french = canteen
    deliver()  # what the demo itself queued
    mail.outbox.clear()

    publish_in_the_admin(admin_client, english)
    deliver()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "mila.canteen@example.org",
        "nour.canteen@example.org",
    ]
    publish_in_the_admin(admin_client, french)
    deliver()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 4
    for address in ("nour.canteen@example.org", "mila.canteen@example.org"):
        message = by_address[address]
        assert message.subject == "The results of “Lunch at the school canteen” are out"
        assert f"Read the results: http://testserver{english.url}" in message.body
        assert "published in" not in message.body
    for address in ("yanis.cantine@example.org", "clara.cantine@example.org"):
        message = by_address[address]
        assert message.subject == "Les résultats de « Le déjeuner à la cantine » sont publiés"
        assert f"Lire les résultats : http://testserver{french.url}" in message.body
        assert "uniquement" not in message.body
    assert not ResultsSubscription.objects.exists()
    publish_in_the_admin(admin_client, english)
    deliver()
    assert len(mail.outbox) == 4  # never twice
