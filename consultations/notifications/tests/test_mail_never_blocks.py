"""Decisions first, mail second: an email that cannot be built never undoes or blocks what caused it."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from post_office.models import STATUS, Email

from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.models import ConsultationComment
from consultations.moderation import service as moderation
from consultations.moderation.tests.admin_pages import bulk, decide_url, decision_form
from consultations.notifications import mail as notification_mail
from consultations.notifications import to_authors, to_moderators
from consultations.privacy import retention
from outbox.delivery import deliver

State = ConsultationComment.State


def failed_emails():
    return list(Email.objects.filter(status=STATUS.failed).prefetch_related("logs"))


@pytest.fixture
def broken_template(monkeypatch):
    """Make one kind of email impossible to build, as a broken template or a bad value would."""
    real = notification_mail.render_to_string

    def render(name, context=None, *args, **kwargs):
        if name.startswith(f"consultations/emails/{broken_template.kind}"):
            raise ValueError("the template could not be rendered")
        return real(name, context, *args, **kwargs)

    broken_template.kind = "removed"
    monkeypatch.setattr(notification_mail, "render_to_string", render)
    return broken_template


@pytest.mark.django_db
def test_a_removal_whose_email_cannot_be_built_is_taken_and_the_failure_is_in_the_outbox(
    moderator_client, consultation, personal_info, broken_template
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED)

    response = moderator_client.post(
        decide_url(comment, "remove"),
        decision_form(comment, reason=personal_info.pk, message=""),
    )

    assert response.status_code == 302
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.REMOVED
    [failed] = failed_emails()
    assert failed.subject == "[removed] not queued"
    assert failed.logs.get().message == "the template could not be rendered"
    assert failed.logs.get().exception_type == "ValueError"


@pytest.mark.django_db
def test_a_bulk_removal_goes_through_when_every_email_fails(
    moderator_client, consultation, personal_info, broken_template
):
    comments = ConsultationCommentFactory.create_batch(3, page=consultation, state=State.PUBLISHED)

    bulk(moderator_client, comments, "remove", reason=personal_info.pk)

    assert set(ConsultationComment.objects.values_list("state", flat=True)) == {State.REMOVED}
    assert len(failed_emails()) == 3


@pytest.mark.django_db
def test_a_comment_is_saved_when_its_received_email_cannot_be_built(
    client, consultation, comment_data, broken_template
):
    broken_template.kind = "received"

    response = client.post(comment_post_url(consultation), comment_data(consultation))

    assert response.status_code == 302
    assert ConsultationComment.objects.get().state == State.PENDING
    assert [email.subject for email in failed_emails()] == ["[received] not queued"]


@pytest.mark.django_db
def test_a_notification_that_fails_before_any_email_is_recorded_and_the_decision_stands(
    consultation, monkeypatch
):
    def lost_page(comment, decision=None):
        raise LookupError("the consultation page could not be read")

    monkeypatch.setattr(to_authors, "author_context", lost_page)
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    moderation.approve(comment, moderator=None)

    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PUBLISHED
    [failed] = failed_emails()
    assert failed.subject == "[notify_author_of_decision] not queued"
    assert failed.logs.get().exception_type == "LookupError"


@pytest.mark.django_db
def test_reminders_leave_out_a_comment_that_cannot_be_described_and_report_the_others(
    consultation, moderator_user, monkeypatch, digest_clock
):
    good = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="Benches, please")
    bad = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="Broken one")
    real = to_moderators.moderator_item

    def describe(comment):
        if comment.pk == bad.pk:
            raise ValueError("unreadable screening reason")
        return real(comment)

    monkeypatch.setattr(to_moderators, "moderator_item", describe)

    to_moderators.send_moderation_reminders(24, now=digest_clock)
    deliver()

    [reminder] = [m for m in mail.outbox if m.to == [moderator_user.email]]
    assert good.comment in reminder.body
    assert bad.comment not in reminder.body
    assert [email.subject for email in failed_emails()] == [f"[moderator_reminder] comment {bad.pk} left out"]


@pytest.mark.django_db
def test_retention_erases_every_other_consultation_when_one_fails(site_tree, monkeypatch):
    closed = {"closes_at": "2020-01-31T00:00:00Z", "opens_at": "2020-01-01T00:00:00Z"}
    first = ConsultationPageFactory(parent=site_tree.consultations, **closed)
    second = ConsultationPageFactory(parent=site_tree.consultations, **closed)
    ConsultationCommentFactory(page=first, user_email="one@example.org")
    ConsultationCommentFactory(page=second, user_email="two@example.org")
    real = retention.erase_consultation_author_data

    def erase(page_id):
        if page_id == first.pk:
            raise RuntimeError("database hiccup")
        return real(page_id)

    monkeypatch.setattr(retention, "erase_consultation_author_data", erase)

    result = retention.erase_expired_author_data(30)

    assert result.skipped == (first.pk,)
    assert result.addresses == 1
    assert set(ConsultationComment.objects.values_list("user_email", flat=True)) == {"one@example.org", ""}


def database_url_for_another_process(tmp_path):
    """The test database, as another process can open it: a copy of SQLite's in-memory database, or
    the PostgreSQL test database itself."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = tmp_path / "fresh.sqlite3"
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


FRESH_INTERPRETER_DECISION = """
import json
from consultations.moderation import service as moderation
from consultations.models import ConsultationComment
from post_office.models import Email
comment = ConsultationComment.objects.get(pk={pk})
moderation.approve(comment, moderator=None)
print(json.dumps([[email.to, email.subject] for email in Email.objects.order_by("pk")]))
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_decision_taken_from_a_fresh_interpreter_emails_the_author(consultation, tmp_path):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, user_email="lou@example.org")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.test",
        "DATABASE_URL": database_url_for_another_process(tmp_path),
    }

    result = subprocess.run(  # noqa: S603 — our own interpreter and manage.py, no user input
        [sys.executable, "manage.py", "shell", "-c", FRESH_INTERPRETER_DECISION.format(pk=comment.pk)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    queued = json.loads(result.stdout.strip().splitlines()[-1])
    assert [["lou@example.org"], "Your comment is published"] in queued
