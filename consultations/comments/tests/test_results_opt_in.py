"""The box "Tell me what happens with the ideas" on the comment form: unticked, under the replies box, on new comments and
replies; one row per mailbox per consultation, on its source page; posting never fails because of it."""

import re

import pytest
from django.db import DatabaseError, models

from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment, ResultsSubscription, address_key
from consultations.models.notices import ResultsSubscriptionQuerySet

pytestmark = pytest.mark.django_db

LABELS = {
    "en": (
        "Tell me what happens with the ideas",
        "One email, when the results are out. We keep your address for that only, then erase it (at the latest "
        "12 months after the consultation closes).",
    ),
    "fr": (
        "Dis-moi ce que deviennent les idées",
        "Un seul e-mail, quand les résultats sont publiés. Nous gardons ton adresse juste pour ça, puis nous "
        "l'effaçons (au plus tard 12 mois après la fin de la consultation).",
    ),
}


@pytest.fixture
def french(site_tree, consultation):
    page = consultation.copy_for_translation(site_tree.home_fr.locale)
    page.title = "Un espace jeunes"
    page.save_revision().publish()
    return page


def as_read(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_form_offers_the_box_unticked_and_labelled_under_the_replies_box(
    client, consultation, french, language
):
    page = {"en": consultation, "fr": french}[language]
    label, help_text = LABELS[language]

    html = client.get(page.url).content.decode()

    box = re.search(r'<input type="checkbox" name="results_notice"[^>]*>', html).group(0)
    assert "checked" not in box
    assert 'aria-describedby="id_results_notice_helptext"' in box
    assert f'<label for="id_results_notice">{label}</label>' in html
    assert help_text in as_read(html)
    assert (
        html.index('name="followup"')
        < html.index('name="results_notice"')
        < html.index('name="accept_rules"')
    )


def test_the_help_text_says_the_organisers_limit(client, consultation):
    consultation.results_notice_months = 1
    consultation.save_revision().publish()

    html = as_read(client.get(consultation.url).content.decode())

    assert "(at the latest 1 month after the consultation closes)." in html


def test_a_ticked_box_keeps_the_address_for_the_consultation_in_the_pages_language(
    client, consultation, french, comment_data
):
    response = client.post(
        comment_post_url(french), comment_data(french, email="Owl@Example.org", results_notice="on")
    )

    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    subscription = ResultsSubscription.objects.get()
    assert subscription.page_id == consultation.pk  # the source page, though posted on the French one
    assert subscription.address == "Owl@Example.org"
    assert subscription.address_key == address_key("owl@example.org")
    assert subscription.language == "fr"
    assert subscription.comment == comment


def test_an_unticked_box_keeps_nothing(client, consultation, comment_data):
    client.post(comment_post_url(consultation), comment_data(consultation))

    assert ConsultationComment.objects.count() == 1
    assert not ResultsSubscription.objects.exists()


def test_a_reply_can_ask_too(client, consultation, comment_data):
    parent = ConsultationCommentFactory(page=consultation)

    client.post(
        comment_post_url(consultation),
        comment_data(consultation, reply_to=str(parent.pk), comment="Yes, and a roof.", results_notice="on"),
    )

    reply = ConsultationComment.objects.get(parent_id=parent.pk, level=1)
    assert ResultsSubscription.objects.get().comment == reply


def test_asking_again_from_the_same_mailbox_keeps_one_row_in_the_latest_language(
    client, consultation, french, comment_data
):
    client.post(comment_post_url(consultation), comment_data(consultation, results_notice="on"))
    client.post(
        comment_post_url(french),
        comment_data(french, email="OWL+tribune@example.org", comment="Un toit aussi.", results_notice="on"),
    )

    assert ConsultationComment.objects.count() == 2
    subscription = ResultsSubscription.objects.get()
    assert subscription.language == "fr"
    assert subscription.comment.comment == "Un toit aussi."


def test_another_consultation_is_another_row(client, site_tree, consultation, comment_data):
    from consultations.factories import ConsultationPageFactory

    other = ConsultationPageFactory(parent=site_tree.consultations)

    client.post(comment_post_url(consultation), comment_data(consultation, results_notice="on"))
    client.post(comment_post_url(other), comment_data(other, results_notice="on"))

    assert set(ResultsSubscription.objects.values_list("page_id", flat=True)) == {consultation.pk, other.pk}


def test_a_post_racing_for_the_same_row_updates_it_and_the_comment_is_stored(
    client, consultation, french, comment_data, monkeypatch
):
    """Two posts of one mailbox at once: the other one inserts the row between this one's update (nothing to
    update) and its insert, which the unique constraint refuses; this one updates the other's row instead."""
    real_create = models.QuerySet.create

    def racing_create(queryset, **values):
        monkeypatch.setattr(ResultsSubscriptionQuerySet, "create", real_create)
        real_create(queryset, **{**values, "language": "en"})  # the other post, first
        return real_create(queryset, **values)

    monkeypatch.setattr(ResultsSubscriptionQuerySet, "create", racing_create, raising=False)

    response = client.post(comment_post_url(french), comment_data(french, results_notice="on"))

    assert response.status_code == 302
    assert ConsultationComment.objects.count() == 1
    assert ResultsSubscription.objects.get().language == "fr"


def test_a_database_error_while_subscribing_never_loses_the_comment(
    client, consultation, comment_data, monkeypatch
):
    def broken_create(queryset, **values):
        raise DatabaseError("disk full")

    monkeypatch.setattr(ResultsSubscriptionQuerySet, "create", broken_create, raising=False)

    response = client.post(comment_post_url(consultation), comment_data(consultation, results_notice="on"))

    assert response.status_code == 302
    assert ConsultationComment.objects.count() == 1
    assert not ResultsSubscription.objects.exists()


def test_an_expired_form_keeps_the_ticked_box(client, consultation, comment_data):
    data = comment_data(consultation, results_notice="on", timestamp="1")  # rendered long ago
    data["security_hash"] = _security_hash(consultation, data)

    html = client.post(comment_post_url(consultation), data).content.decode()

    assert "This form was open for a long time" in html
    box = re.search(r'<input type="checkbox" name="results_notice"[^>]*>', html).group(0)
    assert "checked" in box
    assert not ResultsSubscription.objects.exists()


def _security_hash(page, data):
    from consultations.comments.forms import CommentForm

    form = CommentForm(page)
    return form.generate_security_hash(data["content_type"], data["object_pk"], data["timestamp"])


def test_deleting_the_source_page_hands_the_wishes_to_the_translation(
    client, consultation, french, comment_data
):
    from consultations.models import ConsultationPage

    client.post(comment_post_url(french), comment_data(french, results_notice="on"))

    ConsultationPage.objects.get(pk=consultation.pk).delete()

    subscription = ResultsSubscription.objects.get()
    assert subscription.page_id == french.pk
    assert ConsultationPage.objects.get(pk=french.pk).source_page.pk == french.pk


def test_deleting_the_only_page_of_a_consultation_erases_its_wishes(client, consultation, comment_data):
    from consultations.models import ConsultationPage

    client.post(comment_post_url(consultation), comment_data(consultation, results_notice="on"))

    ConsultationPage.objects.get(pk=consultation.pk).delete()

    assert not ResultsSubscription.objects.exists()
