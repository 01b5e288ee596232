"""Deliver everything due in the email queue; with --loop, keep doing it (dev, or a worker process)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from post_office.lockfile import FileLock, FileLocked

from outbox.delivery import deliver, deliver_every


class Command(BaseCommand):
    help = (
        "Send every queued email that is due, batch after batch; with --loop, do it again every few seconds "
        "(a worker process). A second run for the same database on this machine, while one is running, exits at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Run until interrupted.")
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds of sleep once the queue is drained, with --loop.",
        )

    def handle(self, *args, loop=False, interval=5.0, **options):
        # A drain can outlast a minute: a cron run must not send the same batch as the one still running.
        try:
            with FileLock(settings.TRIBUNE_OUTBOX_LOCK_FILE):
                if loop:
                    deliver_every(interval, self.report)
                else:
                    self.report(*deliver())
        except FileLocked:
            self.stdout.write("outbox: another send_outbox is running on this machine; nothing done")

    def report(self, sent, failed, requeued):
        self.stdout.write(f"outbox: {sent} sent, {requeued} to retry later, {failed} failed for good")
