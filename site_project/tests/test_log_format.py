"""Production log lines: JSON, email addresses and secret-link tokens redacted, requests as fields."""

import json
import logging
import logging.config

import pytest

from site_project.log_format import json_logging


@pytest.fixture
def stdout(capsys, settings):
    """Production logging on the captured stdout (configured in the test, where stdout is captured)."""
    yield capsys
    logging.config.dictConfig(settings.LOGGING)


def lines(output):
    return [json.loads(line) for line in output.splitlines()]


def test_a_traceback_with_an_address_is_one_json_line_with_the_address_redacted(stdout):
    logging.config.dictConfig(json_logging("INFO"))
    try:
        raise ValueError("refused: owl@example.org")
    except ValueError:
        logging.getLogger("post_office").exception("Failed to send email #42 to owl@example.org")

    output = stdout.readouterr().out
    [line] = lines(output)
    assert line["level"] == "ERROR"
    assert line["logger"] == "post_office"
    assert line["message"].startswith("Failed to send email #42 to <email redacted>")
    assert "ValueError: refused: <email redacted>" in line["message"]
    assert "owl@example.org" not in output


def gunicorn_atoms(path):
    return {"m": "GET", "U": path, "s": "200", "B": "512", "M": "12", "h": "203.0.113.9", "a": "curl/8"}


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/en/consultations/canteen/", "/en/consultations/canteen/"),
        ("/fr/my-comment/withdraw/AbC123.secret-token/", "/fr/my-comment/withdraw/<token>"),
        ("/admin/password_reset/confirm/MQ/set-password/", "/admin/password_reset/confirm/<token>"),
        ("/en/search/owl@example.org", "/en/search/<email redacted>"),
    ],
)
def test_a_request_is_logged_as_fields_without_tokens_addresses_or_the_clients_address(stdout, path, logged):

    logging.config.dictConfig(json_logging("INFO"))
    logging.getLogger("gunicorn.access").info("%(h)s %(r)s", gunicorn_atoms(path))

    output = stdout.readouterr().out
    [line] = lines(output)
    assert line["method"] == "GET"
    assert line["path"] == logged
    assert line["message"] == f"GET {logged} 200"
    assert line["status"] == 200 and line["bytes"] == 512 and line["duration_ms"] == 12
    assert "203.0.113.9" not in output
    assert "curl" not in output
    for secret in ("secret-token", "set-password", "owl@example.org"):
        assert secret not in output
