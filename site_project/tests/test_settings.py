"""Production settings are loaded in a fresh interpreter, as a server would load them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
REQUIRED_IN_PRODUCTION = {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "WAGTAILADMIN_BASE_URL", "EMAIL_URL"}
STRONG_TEST_SECRET = "t3st-only-" + "x9Qv#2LmZp7!rKw4sDf8&hJ1nBc6" * 2


def run_with_production_settings(args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in REQUIRED_IN_PRODUCTION | {"DJANGO_SETTINGS_MODULE"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "site_project.settings.production"
    env["WAGTAILADMIN_BASE_URL"] = "https://tribune.example.org"
    env["EMAIL_URL"] = "submission://tribune:secret@smtp.example.org:587"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


REDIS = "redis://127.0.0.1:6379/1"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_production_settings(
        ["manage.py", "check"], ALLOWED_HOSTS="tribune.example.org", REDIS_URL=REDIS
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with_production_settings(
        ["manage.py", "check"], SECRET_KEY=STRONG_TEST_SECRET, REDIS_URL=REDIS
    )

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache_for_rate_limits():
    result = run_with_production_settings(
        ["manage.py", "check"], SECRET_KEY=STRONG_TEST_SECRET, ALLOWED_HOSTS="tribune.example.org"
    )

    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_production_refuses_to_start_without_the_public_base_url_of_emailed_links():
    result = run_with_production_settings(
        ["manage.py", "check"],
        SECRET_KEY=STRONG_TEST_SECRET,
        ALLOWED_HOSTS="tribune.example.org",
        REDIS_URL=REDIS,
        WAGTAILADMIN_BASE_URL="",
    )

    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be set" in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        "tribune.example.org",
        "/fr/",
        "ftp://tribune.example.org",
        "http://tribune.example.org",
        "https://",
        "https://tribune.example.org/?a=1",
    ],
)
def test_production_refuses_a_base_url_that_is_not_an_absolute_web_address(value):
    result = run_with_production_settings(
        ["manage.py", "check"],
        SECRET_KEY=STRONG_TEST_SECRET,
        ALLOWED_HOSTS="tribune.example.org",
        REDIS_URL=REDIS,
        WAGTAILADMIN_BASE_URL=value,
    )

    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be the site's absolute public https URL" in result.stderr


def test_production_refuses_to_start_without_a_mail_server_rather_than_print_emails_to_the_logs():
    result = run_with_production_settings(
        ["manage.py", "check"],
        SECRET_KEY=STRONG_TEST_SECRET,
        ALLOWED_HOSTS="tribune.example.org",
        REDIS_URL=REDIS,
        EMAIL_URL="",
    )

    assert result.returncode != 0
    assert "EMAIL_URL must be set" in result.stderr


def test_an_email_url_of_an_unknown_kind_is_refused_with_the_right_example():
    result = run_with_production_settings(
        ["manage.py", "check"],
        SECRET_KEY=STRONG_TEST_SECRET,
        ALLOWED_HOSTS="tribune.example.org",
        REDIS_URL=REDIS,
        EMAIL_URL="smtp+tls://tribune:secret@smtp.example.org:587",
    )

    assert result.returncode != 0
    assert "EMAIL_URL has a scheme dj-email-url does not know" in result.stderr
    assert "secret" not in result.stderr


def test_deployment_checklist_reports_no_warning_in_production():
    result = run_with_production_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=STRONG_TEST_SECRET,
        ALLOWED_HOSTS="tribune.example.org",
        REDIS_URL=REDIS,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PROBE_OVER_PLAIN_HTTP = """
import json, django
django.setup()
from django.test import Client
client = Client()
probe = client.get("/healthz")
page = client.get("/en/")
print(json.dumps({"probe": probe.status_code, "probe_location": probe.get("Location"),
                  "probe_body": probe.content.decode(), "page": page.status_code, "page_location": page.get("Location")}))
"""


def test_a_load_balancer_probe_over_plain_http_is_answered_while_pages_go_to_https(tmp_path):
    result = run_with_production_settings(
        ["-c", PROBE_OVER_PLAIN_HTTP],
        SECRET_KEY=STRONG_TEST_SECRET,
        ALLOWED_HOSTS="testserver",
        REDIS_URL=REDIS,
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["page"] == 301 and answers["page_location"].startswith("https://")
    # The probe is answered where it asked (200 when Redis runs here, 503 naming the cache otherwise).
    assert answers["probe_location"] is None
    assert answers["probe"] in (200, 503)
    assert '"status"' in answers["probe_body"]


LOG_AN_ADDRESS = """
import django, logging
django.setup()
logging.getLogger("consultations").warning("Could not deliver to owl@example.org, retrying")
"""


def test_production_logs_are_json_lines_on_stdout_without_email_addresses():
    result = run_with_production_settings(
        ["-c", LOG_AN_ADDRESS],
        SECRET_KEY=STRONG_TEST_SECRET,
        ALLOWED_HOSTS="tribune.example.org",
        REDIS_URL=REDIS,
    )

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "consultations"
    assert line["message"] == "Could not deliver to <email redacted>, retrying"
    assert "owl@example.org" not in result.stdout + result.stderr
