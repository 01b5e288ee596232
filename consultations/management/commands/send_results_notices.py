"""For an hourly cron: tell those who asked that the results of their consultation are out."""

from django.core.management.base import BaseCommand

from consultations.notifications.results import send_due_results_notices


class Command(BaseCommand):
    help = (
        "Email each participant who asked to be told the results of a consultation, once its results are "
        "published (their day may come after the page was published), then erase their address. Never twice."
    )

    def handle(self, *args, **options):
        queued, skipped = send_due_results_notices()
        self.stdout.write(f"results notices: {queued} email(s) queued")
        if skipped:
            self.stderr.write(
                "not sent, to try again on the next run (see the log): consultation(s) "
                + ", ".join(str(page_id) for page_id in skipped)
            )
