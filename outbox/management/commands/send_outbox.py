"""Deliver the email queue; with --loop, keep doing it (dev, or a worker process)."""

from django.core.management.base import BaseCommand

from outbox.delivery import deliver, deliver_every


class Command(BaseCommand):
    help = "Send queued emails; with --loop, keep doing it every few seconds (dev, or a worker process)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Run until interrupted.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between two runs with --loop."
        )

    def handle(self, *args, loop=False, interval=5.0, **options):
        if loop:
            deliver_every(interval, self.report)
        else:
            self.report(*deliver())

    def report(self, sent, failed, requeued):
        self.stdout.write(f"outbox: {sent} sent, {requeued} to retry later, {failed} failed for good")
