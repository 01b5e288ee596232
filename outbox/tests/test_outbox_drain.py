"""One run of the worker drains everything due, never retries early and ends when the mail server is down."""

import datetime
import io
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone
from post_office.models import STATUS, Email

from outbox.delivery import deliver
from outbox.queue import enqueue

pytestmark = pytest.mark.django_db


class DownBackend(EmailBackend):
    """A mail server that refuses every email, and counts how often it was asked."""

    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += len(messages)
        raise SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def small_batches(settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BATCH_SIZE": 10}


def queue(count, **extra):
    return [
        enqueue(to=[f"reader{number}@example.org"], subject=f"Reply {number}", text=f"Body {number}", **extra)
        for number in range(count)
    ]


def test_one_run_delivers_a_queue_of_several_batches(small_batches):
    queue(35)

    call_command("send_outbox", stdout=(output := io.StringIO()))

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"reader{n}@example.org" for n in range(35)
    )
    assert Email.objects.filter(status=STATUS.sent).count() == 35
    assert "outbox: 35 sent, 0 to retry later, 0 failed for good" in output.getvalue()


def test_a_queue_of_exactly_whole_batches_is_delivered_too(small_batches):
    queue(20)

    assert deliver() == (20, 0, 0)
    assert len(mail.outbox) == 20


def test_emails_waiting_for_later_are_not_sent_early(small_batches):
    later = timezone.now() + datetime.timedelta(minutes=5)
    queue(3, scheduled_time=later)
    backing_off = queue(12)
    Email.objects.filter(pk__in=[email.pk for email in backing_off]).update(
        status=STATUS.requeued, number_of_retries=2, scheduled_time=later
    )
    queue(4)

    assert deliver() == (4, 0, 0)

    assert len(mail.outbox) == 4
    assert Email.objects.filter(status=STATUS.requeued, scheduled_time=later).count() == 12
    assert Email.objects.filter(status=STATUS.queued, scheduled_time=later).count() == 3


def test_a_down_server_ends_the_run_with_every_email_kept_for_a_later_retry(small_batches, settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": f"{__name__}.DownBackend"}}
    DownBackend.attempts = 0
    queue(35)

    sent, failed, requeued = deliver()

    assert (sent, failed) == (0, 0)
    assert DownBackend.attempts == requeued == 10  # one batch tried, then the run stops
    assert Email.objects.filter(status=STATUS.requeued, scheduled_time__gt=timezone.now()).count() == 10
    assert Email.objects.filter(status=STATUS.queued).count() == 25
    assert mail.outbox == []

    deliver()  # the next run tries the next batch, not the ten that wait for their back-off
    assert DownBackend.attempts == 20
    assert Email.objects.filter(status=STATUS.requeued).count() == 20


def test_the_back_off_still_doubles_after_a_drain(small_batches, settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": f"{__name__}.DownBackend"}}
    (email,) = queue(1)
    Email.objects.filter(pk=email.pk).update(number_of_retries=3)

    deliver()

    email.refresh_from_db()
    assert email.status == STATUS.requeued
    assert email.scheduled_time - email.last_updated == datetime.timedelta(minutes=8)  # 1, 2, 4, then 8


def test_a_second_worker_on_the_same_machine_does_nothing_while_one_runs(small_batches, monkeypatch):
    from post_office.lockfile import FileLocked

    import outbox.management.commands.send_outbox as command

    class Held:
        def __init__(self, *args):
            pass

        def __enter__(self):
            raise FileLocked()

        def __exit__(self, *args):
            return False

    monkeypatch.setattr(command, "FileLock", Held)
    queue(2)
    output = io.StringIO()

    call_command("send_outbox", stdout=output)

    assert "another send_outbox is running" in output.getvalue()
    assert mail.outbox == []
