"""Adversarial review of the results (review16b): answers never name a comment of another consultation."""

import pytest

from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationPage
from consultations.results.reading import page_results
from consultations.results.tests.test_results_on_the_page import (
    answer,
    closed_consultation,
    publish_results,
    section,
    text_of,
)

pytestmark = pytest.mark.django_db


def test_a_copied_consultation_does_not_name_the_comments_of_the_original(client, site_tree):
    original = closed_consultation(site_tree)
    secret = ConsultationCommentFactory(page=original, user_name="Léa", comment="My own words about lunch.")
    original = publish_results(original)
    answer(original, "A shorter queue", "<p>A second line.</p>", [secret])

    copy = original.copy(
        to=site_tree.consultations, update_attrs={"slug": "canteen-copy", "title": "Copy"}, keep_live=True
    )
    copy = ConsultationPage.objects.get(pk=copy.pk)
    assert copy.idea_responses.get().comments.exists()  # the copy kept the links to the original's comments

    html = client.get(copy.url).content.decode()
    assert "A second line." in text_of(section(html))
    assert "Léa" not in html


def test_the_preview_of_a_copy_does_not_name_the_comments_of_the_original(site_tree):
    original = closed_consultation(site_tree)
    secret = ConsultationCommentFactory(page=original, user_name="Léa", comment="My own words about lunch.")
    mine = ConsultationCommentFactory(page=original, user_name="Hugo", comment="Mine.")
    original = publish_results(original)
    answer(original, "A shorter queue", "<p>A second line.</p>", [secret, mine])
    copy = original.copy(to=site_tree.consultations, update_attrs={"slug": "canteen-copy", "title": "Copy"})
    own = ConsultationCommentFactory(page=copy, user_name="Nour", comment="On the copy.")
    copy = ConsultationPage.objects.get(pk=copy.pk)
    copy.save_revision()
    draft = copy.get_latest_revision_as_object()
    response = draft.idea_responses.all()[0]
    response.comments.set([secret, own])  # a draft that still holds the copied link

    assert "idea_responses" in draft._cluster_related_objects  # the answers a preview shows
    results = page_results(draft)
    assert [comment.author for comment in results.answers[0].comments] == ["Nour"]


@pytest.mark.parametrize(
    "query",
    [
        "?status=results&status=open",
        "?status[]=results",
        "?status=results&page=99999999999999999999999",
        "?status=r%C3%A9sults",
        "?status=results%00",
        "?status=results&page=-1",
        "?status=" + "results" * 500,
    ],
)
def test_odd_filters_on_the_list_and_the_page_never_fail(client, site_tree, query):
    canteen = publish_results(closed_consultation(site_tree))
    answer(canteen, "A shorter queue", "<p>A second line.</p>", [ConsultationCommentFactory(page=canteen)])

    assert client.get(site_tree.consultations.url + query).status_code == 200
    response = client.get(canteen.url + query.replace("status", "language") + "&sort=supported%00")
    assert response.status_code == 200
    assert "A second line." in text_of(section(response.content.decode()))
