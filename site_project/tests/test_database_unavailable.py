"""PostgreSQL down or restarting: readers get a short 503 page in their language, never a traceback."""

import logging
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db
SECRET_ERROR = 'connection to server at "db.internal" (10.0.0.5), port 5432 failed: Connection refused'


def database_down(error=None):
    return mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=error or OperationalError(SECRET_ERROR)
    )


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_a_page_answers_503_in_english_while_the_database_is_down(client, consultation):
    url = consultation.url
    with database_down():
        response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Back in a moment</h1>" in html
    assert "db.internal" not in html
    assert "Traceback" not in html


def test_a_french_reader_reads_it_in_french(client, site_tree):
    with database_down():
        response = client.get("/fr/")

    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "<h1>De retour dans un instant</h1>" in html
    assert 'href="/fr/"' in html


def test_a_comment_sent_while_the_database_is_down_is_refused_with_a_page_that_says_so(
    client, consultation, comment_data
):
    data = comment_data(consultation)
    with database_down():
        response = client.post(f"/en/comment-post/{consultation.pk}/", data)

    assert response.status_code == 503
    assert "If you were sending a comment, it was not received." in response.content.decode()


def test_a_dropped_connection_is_answered_the_same_way(client, site_tree):
    with database_down(InterfaceError("connection already closed")):
        response = client.get("/en/")

    assert response.status_code == 503


def test_it_is_logged_once_per_request_as_a_warning_without_traceback_or_secrets(client, site_tree, caplog):
    caplog.set_level(logging.WARNING)
    with database_down():
        client.get("/en/")

    assert [(record.name, record.levelname) for record in caplog.records] == [
        ("site_project.unavailable", "WARNING")
    ]
    [record] = caplog.records
    assert record.getMessage() == "database unavailable (OperationalError): GET /en/ answered 503"
    assert record.exc_info is None


def test_a_secret_link_is_not_written_to_the_log(client, site_tree, caplog):
    caplog.set_level(logging.WARNING)
    with database_down():
        client.get("/en/my-comment/withdraw/s3cr3t-t0ken/")

    assert "s3cr3t-t0ken" not in caplog.text
    assert "GET /en/my-comment/withdraw/<token> answered 503" in caplog.text


def test_any_other_error_is_still_a_500_logged_with_its_traceback(client, site_tree, caplog):
    request_logger = logging.getLogger("django.request")  # it does not propagate to caplog's root handler
    request_logger.addHandler(caplog.handler)
    try:
        with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=RuntimeError("a bug")):
            response = client.get("/en/")
    finally:
        request_logger.removeHandler(caplog.handler)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert record.levelname == "ERROR"
    assert "Traceback" in record.getMessage()  # folded into the message by the email-redacting filter
    assert "RuntimeError: a bug" in record.getMessage()


def test_the_site_works_again_once_the_database_is_back(client, site_tree):
    with database_down():
        assert client.get("/en/").status_code == 503

    assert client.get("/en/").status_code == 200
