"""For a daily cron: erase what we no longer need, as the privacy note promises."""

from django.conf import settings
from django.core.management.base import BaseCommand

from consultations.privacy.retention import erase_expired_author_data


class Command(BaseCommand):
    help = (
        "Erase authors' email addresses, sent-email copies, report fingerprints and the texts before a "
        "moderator's edit past the retention period, and the addresses kept for a consultation's results past "
        "its limit (results_notice_months after closing)."
    )

    def handle(self, *args, **options):
        result = erase_expired_author_data(settings.TRIBUNE_AUTHOR_DATA_RETENTION_DAYS)
        self.stdout.write(
            f"erased: {result.addresses} email addresses, {result.emails} sent emails, {result.reports} reports, "
            f"{result.edits} texts before a moderator's edit, "
            f"{result.subscriptions} addresses kept for results that did not come in time"
        )
        if result.skipped:
            self.stderr.write(
                "not erased, to try again on the next run (see the log): consultation(s) "
                + ", ".join(str(page_id) for page_id in result.skipped)
            )
