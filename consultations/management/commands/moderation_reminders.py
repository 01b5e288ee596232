"""For cron: email moderators the comments waiting longer than promised (and, in digest mode, new ones)."""

from django.core.management.base import BaseCommand

from consultations.notifications.to_moderators import send_moderation_reminders


class Command(BaseCommand):
    help = "Email moderators about comments waiting longer than the promised response time. Never twice."

    def handle(self, *args, **options):
        count = send_moderation_reminders()
        self.stdout.write(f"moderation reminders: {count} comment(s) reported")
