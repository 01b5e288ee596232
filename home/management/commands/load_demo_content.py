"""Create Tribune's page tree and demo content in English and French. Safe to run again."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from consultations.models import ConsultationIndexPage
from guidelines.models import GuidelineIndexPage
from home.models import HomePage
from home.page_tree import add_translation

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "tribune-demo"  # noqa: S105 (documented demo credential, dev settings only)

HOME = {
    "en": {
        "title": "Have your say",
        "slug": "home",
        "intro": (
            "<p>Tribune is where young people give their opinion on the projects of their town, "
            "youth council or association. Read a question, answer it, reply to others: "
            "a community manager reads every message.</p>"
        ),
    },
    "fr": {
        "title": "Donne ton avis",
        "slug": "accueil",
        "intro": (
            "<p>Tribune, c'est l'endroit où les jeunes donnent leur avis sur les projets de leur ville, "
            "de leur conseil de jeunes ou de leur association. Lis une question, réponds-y, réagis aux "
            "autres : un·e animateur·rice lit chaque message.</p>"
        ),
    },
}
GUIDELINE_INDEX = {
    "en": {
        "title": "Rules of participation",
        "slug": "rules",
        "intro": "<p>How we talk to each other here, and how we protect your privacy.</p>",
    },
    "fr": {
        "title": "Règles de participation",
        "slug": "regles",
        "intro": "<p>Comment on échange ici, et comment nous protégeons ta vie privée.</p>",
    },
}
CONSULTATION_INDEX = {
    "en": {
        "title": "Consultations",
        "slug": "consultations",
        "intro": "<p>The questions we are asking young people right now, and the ones already answered.</p>",
    },
    "fr": {
        "title": "Consultations",
        "slug": "consultations",
        "intro": "<p>Les questions posées aux jeunes en ce moment, et celles qui ont déjà reçu vos réponses.</p>",
    },
}


class Command(BaseCommand):
    help = (
        "Create the page tree (home, rules, consultations) in English and French, and demo accounts in dev."
    )

    def handle(self, *args, **options):
        self.created = []
        with transaction.atomic():
            locales = self.ensure_locales()
            home = self.ensure_home(locales)
            self.ensure_section(home, GuidelineIndexPage, GUIDELINE_INDEX, locales)
            self.ensure_section(home, ConsultationIndexPage, CONSULTATION_INDEX, locales)
            if settings.TRIBUNE_DEMO_ACCOUNTS:
                self.ensure_demo_admin()
        if self.created:
            for line in self.created:
                self.stdout.write(f"created {line}")
        else:
            self.stdout.write("Demo content already present: nothing changed.")

    def ensure_locales(self):
        locales = {}
        for code, _name in settings.LANGUAGES:
            locales[code], created = Locale.objects.get_or_create(language_code=code)
            if created:
                self.created.append(f"locale {code}")
        return locales

    def ensure_home(self, locales):
        default = locales[settings.LANGUAGE_CODE]
        home = HomePage.objects.filter(locale=default).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's initial "Welcome" page (a plain Page) is replaced, with its site.
            for welcome in root.get_children().filter(content_type__model="page", slug="home"):
                welcome.delete()
            home = root.add_child(instance=HomePage(locale=default, **HOME[default.language_code]))
            home.save_revision().publish()
            self.created.append(f"home page ({default.language_code})")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Tribune"
            )
            self.created.append("site")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
            self.created.append("site root")
        for code, locale in locales.items():
            if locale != default:
                self.ensure_translation(home, locale, HOME[code])
        return home

    def ensure_section(self, home, model, content, locales):
        default = home.locale
        section = model.objects.child_of(home).first()
        if section is None:
            section = home.add_child(
                instance=model(locale=default, show_in_menus=True, **content[default.language_code])
            )
            section.save_revision().publish()
            self.created.append(f"{model._meta.verbose_name} ({default.language_code})")
        for code, locale in locales.items():
            if locale != default:
                self.ensure_translation(section, locale, content[code])
        return section

    def ensure_translation(self, page, locale, fields):
        """The page's translation into locale, created if missing."""
        translation = page.get_translation_or_none(locale)
        if translation is not None:
            return translation.specific
        translation = add_translation(page, locale, **fields)
        self.created.append(f"{type(translation)._meta.verbose_name} ({locale.language_code})")
        return translation

    def ensure_demo_admin(self):
        user_model = get_user_model()
        if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            return
        user_model.objects.create_superuser(
            username=DEMO_ADMIN_USERNAME,
            email="admin@tribune.localhost",
            password=DEMO_ADMIN_PASSWORD,
            first_name="Demo",
            last_name="Organiser",
        )
        self.created.append(f"demo admin account '{DEMO_ADMIN_USERNAME}'")
