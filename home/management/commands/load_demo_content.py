"""Create Tribune's page tree and demo content in English and French. Safe to run again."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from consultations.demo import content as consultations_demo
from guidelines import demo_content as guidelines_demo
from home import demo_content as home_demo
from home.page_tree import PageTreeBuilder

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "tribune-demo"  # noqa: S105 (documented demo credential, dev settings only)


class Command(BaseCommand):
    help = (
        "Create the page tree (home, rules, consultations) in English and French, and demo accounts in dev."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            builder = PageTreeBuilder()
            home = home_demo.load(builder)
            guidelines_demo.load(builder, home)
            consultations_demo.load(builder, home)
            if settings.TRIBUNE_DEMO_ACCOUNTS and self.ensure_demo_admin():
                builder.created.append(f"demo admin account '{DEMO_ADMIN_USERNAME}'")
        for line in builder.created:
            self.stdout.write(f"created {line}")
        if not builder.created:
            self.stdout.write("Demo content already present: nothing changed.")

    def ensure_demo_admin(self):
        user_model = get_user_model()
        if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            return False
        user_model.objects.create_superuser(
            username=DEMO_ADMIN_USERNAME,
            email="admin@tribune.localhost",
            password=DEMO_ADMIN_PASSWORD,
            first_name="Demo",
            last_name="Organiser",
        )
        return True
