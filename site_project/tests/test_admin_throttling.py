"""The Wagtail admin's sign-in and password reset cannot be hammered (django-axes, django-ratelimit)."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.cache.backends import locmem
from django.db import connection
from django.test import Client

from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"  # noqa: S105
ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("camille", "camille@example.org", PASSWORD)


def sign_in(client, password, username="camille"):
    return client.post("/admin/login/", {"username": username, "password": password})


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


@pytest.fixture
def clock(monkeypatch):
    """Moves the memory cache's clock forward (the counters expire with their cool-off)."""

    class Clock:
        offset = 0.0

        def time(self):
            return time.time() + self.offset

        def advance(self, seconds):
            self.offset += seconds

    fake = Clock()
    monkeypatch.setattr(locmem, "time", fake)
    return fake


def test_normal_sign_in_still_works(admin_user):
    client = Client(REMOTE_ADDR=ADDRESS)

    response = sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_a_few_typos_then_the_right_password_signs_in(admin_user):
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200

    assert sign_in(client, PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_fifty_wrong_passwords_then_the_right_one_does_not_sign_in(admin_user):
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(50):
        sign_in(client, "wrong")

    response = sign_in(client, PASSWORD)

    assert response.status_code == 429
    assert not is_signed_in(client)


def test_a_locked_out_person_sees_a_readable_page_saying_how_long_to_wait(admin_user):
    client = Client(REMOTE_ADDR=ADDRESS)
    responses = [sign_in(client, "wrong") for _ in range(5)]

    assert [response.status_code for response in responses] == [200, 200, 200, 200, 429]
    locked = responses[-1]
    assert locked["Content-Type"].startswith("text/html")
    assert locked["Retry-After"] == "900"
    html = locked.content.decode()
    assert "<h1>Too many attempts</h1>" in html
    assert "Please wait 15 minutes, then try again." in html
    assert 'href="/admin/login/"' in html


def test_the_lockout_page_speaks_french_to_a_french_browser(admin_user):
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_ACCEPT_LANGUAGE="fr")
    for _ in range(5):
        response = sign_in(client, "wrong")

    assert response.status_code == 429
    assert "<h1>Trop de tentatives</h1>" in response.content.decode()
    assert "Attendez 15 minutes, puis réessayez." in response.content.decode()


def test_sign_in_works_again_after_the_cool_off(admin_user, clock):
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(5):
        sign_in(client, "wrong")
    clock.advance(14 * 60)
    assert sign_in(client, PASSWORD).status_code == 429

    clock.advance(16 * 60)  # a try during the lockout restarts the 15 minutes
    response = sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_the_cool_off_comes_from_the_settings(admin_user, clock, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(3):
        response = sign_in(client, "wrong")
    assert response.status_code == 429

    clock.advance(15 * 60 + 1)

    assert sign_in(client, PASSWORD).status_code == 302


def test_a_lockout_holds_one_account_from_one_connection_only(admin_user):
    get_user_model().objects.create_superuser("dominique", "dominique@example.org", PASSWORD)
    attacker = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(5):
        sign_in(attacker, "wrong")

    colleague_elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    colleague_same_office = Client(REMOTE_ADDR=ADDRESS)

    assert sign_in(colleague_elsewhere, PASSWORD).status_code == 302
    assert sign_in(colleague_same_office, PASSWORD, username="dominique").status_code == 302
    assert sign_in(Client(REMOTE_ADDR=ADDRESS), PASSWORD).status_code == 429


def test_behind_a_proxy_the_lockout_follows_the_forwarded_client(admin_user, settings):
    settings.TRIBUNE_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=ADDRESS)
    for _ in range(5):
        sign_in(attacker, "wrong")
    assert sign_in(attacker, PASSWORD).status_code == 429

    someone_else = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.20")

    assert sign_in(someone_else, PASSWORD).status_code == 302


def test_failed_sign_ins_leave_no_address_or_username_in_the_database(admin_user):
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(6):
        sign_in(client, "wrong", username="someone-who-tried")

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names from introspection)
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row)
                assert ADDRESS not in text, table
                assert "someone-who-tried" not in text, table


def ask_reset(client, email):
    return client.post("/admin/password_reset/", {"email": email})


def test_password_reset_still_sends_its_email(admin_user):
    response = ask_reset(Client(REMOTE_ADDR=ADDRESS), "camille@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/admin/password_reset/done/"


def test_password_reset_refuses_a_sixth_request_from_one_connection(admin_user):
    client = Client(REMOTE_ADDR=ADDRESS)
    answers = [ask_reset(client, f"person{number}@example.org").status_code for number in range(6)]

    assert answers == [302, 302, 302, 302, 302, 429]
    assert ask_reset(Client(REMOTE_ADDR="198.51.100.20"), "camille@example.org").status_code == 302


def test_password_reset_refuses_a_fourth_request_for_one_address_from_anywhere(admin_user):
    answers = [
        ask_reset(Client(REMOTE_ADDR=f"198.51.100.{number}"), "Camille@example.org ").status_code
        for number in range(4)
    ]

    assert answers == [302, 302, 302, 429]


def test_refused_password_reset_says_so_readably_and_sends_nothing(admin_user):
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_ACCEPT_LANGUAGE="fr")
    for _ in range(4):
        response = ask_reset(client, "camille@example.org")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert "<h1>Trop de tentatives</h1>" in html
    assert "Trop de demandes de nouveau mot de passe" in html
    deliver()
    assert len(mail.outbox) == 3
    assert client.get("/admin/password_reset/").status_code == 200
