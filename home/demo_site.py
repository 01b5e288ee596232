"""The whole demo site, in English and French: the page tree of every app, and the demo organiser's account
in dev. Safe to run again: it only creates what is missing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from consultations.demo import content as consultations_demo
from guidelines import demo_content as guidelines_demo
from home import demo_content as home_demo
from home.page_tree import PageTreeBuilder

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "tribune-demo"  # noqa: S105 (documented demo credential, dev settings only)


def load_demo_site():
    """Create what is missing; return a line per thing created."""
    with transaction.atomic():
        builder = PageTreeBuilder()
        home = home_demo.load(builder)
        guidelines_demo.load(builder, home)
        consultations_demo.load(builder, home)
        if settings.TRIBUNE_DEMO_ACCOUNTS and ensure_demo_admin():
            builder.created.append(f"demo admin account '{DEMO_ADMIN_USERNAME}'")
    return builder.created


def ensure_demo_admin():
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
