"""A comment's permalink and report form: only under its own consultation's address, only where the
discussion is shown, and on a private consultation only for the readers it lets in."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory

pytestmark = pytest.mark.django_db


def test_a_comment_is_reached_only_under_its_own_live_consultation(client, site_tree, consultation):
    other = ConsultationPageFactory(parent=site_tree.consultations, slug="other")
    comment = ConsultationCommentFactory(page=consultation, comment="Visible text")
    statuses = {
        "own": client.get(f"{consultation.url}comments/{comment.pk}/").status_code,
        "other page": client.get(f"{other.url}comments/{comment.pk}/").status_code,
        "other page report": client.get(f"{other.url}comments/{comment.pk}/report/").status_code,
        "french prefix": client.get(f"/fr{consultation.url[3:]}comments/{comment.pk}/").status_code,
        "no page": client.get(f"/en/comments/{comment.pk}/").status_code,
        "double slash": client.get(f"{consultation.url}/comments/{comment.pk}/").status_code,
    }
    consultation.unpublish()
    statuses["draft"] = client.get(f"{consultation.url}comments/{comment.pk}/").status_code
    statuses["draft report"] = client.get(f"{consultation.url}comments/{comment.pk}/report/").status_code

    assert statuses == {
        "own": 302,
        "other page": 404,
        "other page report": 404,
        "french prefix": 404,
        "no page": 404,
        "double slash": 404,
        "draft": 404,
        "draft report": 404,
    }


def test_on_a_private_consultation_a_signed_in_reader_reports_and_a_stranger_is_asked_to_sign_in(
    client, consultation
):
    PageViewRestriction.objects.create(page=consultation, restriction_type=PageViewRestriction.LOGIN)
    comment = ConsultationCommentFactory(page=consultation, comment="Visible text")
    report_link = f"{consultation.url}comments/{comment.pk}/report/"
    permalink = f"{consultation.url}comments/{comment.pk}/"

    stranger_report = client.get(report_link)
    stranger_permalink = client.get(permalink)
    assert (stranger_report.status_code, stranger_report["Location"]) == (302, consultation.url)
    assert (stranger_permalink.status_code, stranger_permalink["Location"]) == (302, consultation.url)
    assert "Visible text" not in client.get(report_link, follow=True).content.decode()
    assert "/login/" in client.get(consultation.url)["Location"]  # Wagtail asks the stranger to sign in

    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    page = client.get(consultation.url)
    assert page.status_code == 200 and report_link in page.content.decode()
    report_form = client.get(report_link)
    assert report_form.status_code == 200 and "Visible text" in report_form.content.decode()
    assert client.get(permalink)["Location"] == f"{consultation.url}#c{comment.pk}"


def test_with_comments_turned_off_no_comment_can_be_read_or_reported_by_its_address(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, comment="Hidden discussion text")
    consultation.comments_enabled = False
    consultation.save_revision().publish()

    assert "Hidden discussion text" not in client.get(consultation.url).content.decode()
    assert client.get(f"{consultation.url}comments/{comment.pk}/report/").status_code == 404
    assert client.post(f"{consultation.url}comments/{comment.pk}/report/", {"reason": "x"}).status_code == 404
    assert client.get(f"{consultation.url}comments/{comment.pk}/").status_code == 404
