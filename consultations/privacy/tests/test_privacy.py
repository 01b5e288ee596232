"""Privacy by design: readers leave no trace, posters leave no IP address."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory

pytestmark = pytest.mark.django_db
CLIENT_IP = "203.0.113.77"


@pytest.fixture
def demo(demo_content):
    """The demo content, loaded once for all the tests that read it (root conftest)."""


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/fr/",
        "/en/rules/",
        "/fr/regles/",
        "/en/consultations/",
        "/fr/consultations/",
        "/en/consultations/youth-space-parc-des-berges/",
        "/fr/consultations/espace-jeunes-parc-des-berges/",
        "/en/consultations/school-canteen-lunch/",
        "/en/search/?query=park",
        "/fr/search/?query=skate",
        "/en/consultations/youth-space-parc-des-berges/?sort=supported",
        "/en/consultations/bike-path-along-the-river/",
        "/fr/consultations/piste-cyclable-bord-de-riviere/",
        "/en/site.webmanifest",
        "/sitemap.xml",
        "/robots.txt",
        "/en/this-page-does-not-exist/",
    ],
)
def test_reading_a_public_page_sets_no_cookie(demo, url):
    response = Client().get(url)

    assert response.status_code in {200, 404}
    assert dict(response.cookies) == {}


def test_posting_stores_no_ip_address_anywhere(demo, comment_data):
    from consultations.models import ConsultationPage

    page = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")
    client = Client(REMOTE_ADDR=CLIENT_IP)
    client.post(comment_post_url(page), comment_data(page))
    published = ConsultationCommentFactory(page=page)
    client.post(f"{page.url}comments/{published.pk}/report/", {"reason": "spam"})

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names from introspection)
            for row in cursor.fetchall():
                assert CLIENT_IP not in " ".join(str(value) for value in row), table


def test_a_form_sent_from_another_website_is_refused(client, consultation, comment_data):
    from consultations.models import ConsultationComment

    response = client.post(
        comment_post_url(consultation),
        comment_data(consultation),
        headers={"origin": "https://evil.example"},
    )

    assert response.status_code == 403
    assert not ConsultationComment.objects.exists()


def test_logged_in_posting_needs_the_csrf_token(consultation, comment_data):
    from consultations.models import ConsultationComment

    user = get_user_model().objects.create_user("kenza", email="kenza@example.org", password="x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    refused = client.post(comment_post_url(consultation), comment_data(consultation))
    page = client.get(consultation.url)
    token = page.cookies["csrftoken"].value
    accepted = client.post(
        comment_post_url(consultation), {**comment_data(consultation), "csrfmiddlewaretoken": token}
    )

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert ConsultationComment.objects.get().user == user


def test_retention_erases_addresses_reports_and_sent_emails_after_the_consultation(consultation, settings):
    import datetime

    from django.utils import timezone
    from post_office import mail
    from post_office.models import Email

    from consultations.models import CommentReport, ConsultationComment
    from consultations.privacy.retention import erase_expired_author_data

    comment = ConsultationCommentFactory(page=consultation, user_email="owl@example.org", followup=True)
    CommentReport.objects.create(comment=comment, reporter_key="f" * 64)
    mail.send(recipients=["owl@example.org"], sender="t@example.org", subject="s", message="m")

    kept = erase_expired_author_data(30)
    consultation.opens_at = timezone.now() - datetime.timedelta(days=60)
    consultation.closes_at = timezone.now() - datetime.timedelta(days=31)
    consultation.save_revision().publish()
    Email.objects.update(created=timezone.now() - datetime.timedelta(days=31))
    erased = erase_expired_author_data(30)

    assert (kept.addresses, kept.emails, kept.reports) == (0, 0, 0)
    assert (erased.addresses, erased.emails, erased.reports) == (1, 1, 1)
    comment = ConsultationComment.objects.get(pk=comment.pk)
    assert (comment.user_email, comment.followup) == ("", False)
    assert comment.comment  # the public text stays
    assert not Email.objects.exists()


def test_erase_author_data_command_reports_what_it_did(db):
    out = io.StringIO()

    call_command("erase_author_data", stdout=out)

    assert out.getvalue().startswith("erased: 0 email addresses")


def test_withdrawal_erases_the_authors_address(consultation):
    from consultations.moderation import service as moderation

    comment = ConsultationCommentFactory(page=consultation, user_email="owl@example.org", followup=True)

    moderation.withdraw(comment)

    comment.refresh_from_db()
    assert (comment.user_email, comment.comment, comment.followup) == ("", "", False)
