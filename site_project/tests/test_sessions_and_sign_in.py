"""Sessions are read from the cache (``cached_db``), and signing out or changing a password still ends them; the
model backend reads a user's profile and permissions in fewer queries and grants exactly what Django's would."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
ADMIN = "/admin/"


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", password="a long old password")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def same_session(client):
    other = Client()
    other.cookies = client.cookies
    return other


def test_a_signed_in_request_reads_no_session_from_the_database(editor):
    client = signed_in(editor)
    client.get(ADMIN)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(ADMIN)

    assert response.status_code == 200
    assert not [query for query in captured.captured_queries if "django_session" in query["sql"]]


def test_signing_out_ends_the_session_for_whoever_holds_its_cookie(editor):
    client = signed_in(editor)
    copy = same_session(client)
    assert copy.get(ADMIN).status_code == 200

    client.post("/admin/logout/")

    assert copy.get(ADMIN).status_code == 302  # back to the sign-in page


def test_a_password_change_ends_the_other_sessions(editor):
    laptop, phone = signed_in(editor), signed_in(editor)
    assert phone.get(ADMIN).status_code == 200

    editor.set_password("a new and better password")
    editor.save()

    assert phone.get(ADMIN).status_code == 302
    assert laptop.get(ADMIN).status_code == 302
    assert signed_in(editor).get(ADMIN).status_code == 200


def test_permissions_come_from_the_user_and_their_groups_in_one_query(editor):
    group = Group.objects.create(name="Readers of forms")
    group.permissions.add(Permission.objects.get(codename="view_site", content_type__app_label="wagtailcore"))
    editor.groups.add(group)
    user = get_user_model().objects.get(pk=editor.pk)

    with CaptureQueriesContext(connection) as captured:
        permissions = user.get_all_permissions()
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm("wagtailcore.view_site")
        assert not user.has_perm("wagtailcore.add_site")

    assert permissions == {"wagtailadmin.access_admin", "wagtailcore.view_site"}
    assert len(captured.captured_queries) == 1


def test_inactive_users_have_no_permission_and_superusers_have_all(editor):
    boss = get_user_model().objects.create_superuser("boss", password="x")
    editor.is_active = False
    editor.save()

    assert get_user_model().objects.get(pk=editor.pk).get_all_permissions() == set()
    assert get_user_model().objects.get(pk=boss.pk).get_all_permissions() == {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
