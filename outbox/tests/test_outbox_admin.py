import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from post_office import mail
from post_office.models import STATUS, Log

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_email(db):
    email = mail.send(
        recipients=["owl@example.org"],
        sender="t@example.org",
        subject="Your comment was removed",
        message="m",
    )
    email.status = STATUS.requeued
    email.number_of_retries = 3
    email.save()
    Log.objects.create(
        email=email,
        status=STATUS.failed,
        exception_type="SMTPServerDisconnected",
        message="Connection closed",
    )
    return email


def test_admin_sees_each_emails_status_attempts_and_last_error(client, failed_email):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))

    html = client.get("/admin/outbox/").content.decode()

    assert "Your comment was removed" in html
    assert "requeued" in html
    assert "SMTPServerDisconnected: Connection closed" in html


def test_nobody_can_write_or_delete_an_email_by_hand(client, failed_email):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))

    assert client.get("/admin/outbox/new/").status_code in {302, 403}
    assert client.get(f"/admin/outbox/edit/{failed_email.pk}/").status_code in {302, 403}
    assert client.post(f"/admin/outbox/delete/{failed_email.pk}/").status_code in {302, 403}
    assert failed_email.__class__.objects.filter(pk=failed_email.pk).exists()


def test_editors_without_the_permission_do_not_see_the_outbox(client, failed_email):
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get("/admin/outbox/")

    assert response.status_code in {302, 403}
    assert "owl@example.org" not in response.content.decode()


def test_a_user_given_the_view_permission_can_read_the_outbox(client, failed_email):
    user = get_user_model().objects.create_user("support", "support@example.org", "x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_email")
    )
    client.force_login(user)

    assert client.get("/admin/outbox/").status_code == 200
