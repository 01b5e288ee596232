"""Create Tribune's page tree and demo content in English and French. Safe to run again."""

from django.core.management.base import BaseCommand

from home.demo_site import load_demo_site


class Command(BaseCommand):
    help = (
        "Create the page tree (home, rules, consultations) in English and French, and demo accounts in dev."
    )

    def handle(self, *args, **options):
        created = load_demo_site()
        for line in created:
            self.stdout.write(f"created {line}")
        if not created:
            self.stdout.write("Demo content already present: nothing changed.")
