"""Deliver the email queue; with --loop, keep doing it (dev, or a worker process)."""

import time

from django.core.management.base import BaseCommand

from outbox.delivery import deliver


class Command(BaseCommand):
    help = "Send queued emails; with --loop, keep doing it every few seconds (dev, or a worker process)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Run until interrupted.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between two runs with --loop."
        )

    def handle(self, *args, loop=False, interval=5.0, **options):
        while True:
            sent, failed, requeued = deliver()
            if sent or failed or requeued or not loop:
                self.stdout.write(f"outbox: {sent} sent, {requeued} to retry later, {failed} failed for good")
            if not loop:
                return
            time.sleep(interval)
