"""Deliver the email queue (django-post-office), with exponential back-off between retries."""

import time

from django.conf import settings
from post_office.mail import send_queued
from post_office.models import STATUS, Email


def apply_backoff():
    """Space the retries of requeued emails: 1, 2, 4, 8… minutes after the last failure, capped.

    post-office waits the same RETRY_INTERVAL every time; this recomputes each requeued email's
    next attempt from its number of retries (idempotent, so running it twice changes nothing).
    """
    first_wait = settings.POST_OFFICE["RETRY_INTERVAL"]
    longest = settings.TRIBUNE_OUTBOX_MAX_BACKOFF
    for email in Email.objects.filter(status=STATUS.requeued).only("pk", "number_of_retries", "last_updated"):
        wait = min(first_wait * 2 ** max(0, (email.number_of_retries or 1) - 1), longest)
        Email.objects.filter(pk=email.pk).update(scheduled_time=email.last_updated + wait)


def deliver_batch():
    """One batch of post-office's ``BATCH_SIZE`` due emails, sent over one SMTP connection."""
    sent, failed, requeued = send_queued(processes=1)
    if requeued:
        apply_backoff()
    return sent, failed, requeued


def deliver():
    """Deliver everything due: batches back to back until the queue has nothing due left.

    Only due emails are picked (post-office skips a ``scheduled_time`` in the future, which is where a
    requeued email waits its back-off), so no email is tried twice in one run. A batch that sends
    nothing (the mail server is down, or every email in it failed) ends the run: its emails are
    requeued for later and the next run tries again, so a dead server never makes it loop.
    """
    batch_size = settings.POST_OFFICE.get("BATCH_SIZE", 100)
    total_sent = total_failed = total_requeued = 0
    while True:
        sent, failed, requeued = deliver_batch()
        total_sent, total_failed, total_requeued = (
            total_sent + sent,
            total_failed + failed,
            total_requeued + requeued,
        )
        if not sent or sent + failed + requeued < batch_size:
            return total_sent, total_failed, total_requeued


def deliver_every(interval, report):
    """Drain the queue, sleep ``interval`` seconds, again, until interrupted; ``report`` gets each run with news."""
    while True:
        sent, failed, requeued = deliver()
        if sent or failed or requeued:
            report(sent, failed, requeued)
        time.sleep(interval)
