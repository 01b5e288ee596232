"""Fixtures shared by every app's tests: a site with its page tree in English and French."""

from dataclasses import dataclass

import pytest
from wagtail.models import Locale, Page, Site

from consultations.factories import ConsultationIndexPageFactory
from guidelines.factories import GuidelineIndexPageFactory, GuidelinePageFactory
from home.factories import HomePageFactory
from home.page_tree import add_translation


@dataclass
class SiteTree:
    site: Site
    home: Page
    home_fr: Page
    guidelines: Page
    guidelines_fr: Page
    consultations: Page
    consultations_fr: Page
    guideline: Page | None = None
    guideline_fr: Page | None = None


@pytest.fixture(autouse=True)
def mail_goes_through_the_outbox(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put back the site's own, as in production,
    so that every send_mail (Wagtail's password reset included) is queued as data in the outbox.
    The outbox then delivers to locmem (POST_OFFICE["BACKENDS"] in the test settings): ``mail.outbox``."""
    settings.EMAIL_BACKEND = "outbox.backends.OutboxBackend"


@pytest.fixture
def site_tree(db):
    english = Locale.objects.get(language_code="en")
    french, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node()
    for welcome in root.get_children():
        welcome.delete()
    home = HomePageFactory(parent=root, locale=english)
    site = Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Tribune"
    )
    home_fr = add_translation(home, french, title="Donne ton avis", slug="accueil")
    guidelines = GuidelineIndexPageFactory(parent=home, locale=english)
    guidelines_fr = add_translation(guidelines, french, title="Règles de participation", slug="regles")
    consultations = ConsultationIndexPageFactory(parent=home, locale=english)
    consultations_fr = add_translation(consultations, french)
    guideline = GuidelinePageFactory(parent=guidelines, locale=english, slug="code-of-conduct")
    guideline_fr = add_translation(
        guideline, french, title="Charte de participation", slug="charte", introduction="Nos règles."
    )
    return SiteTree(
        site,
        home,
        home_fr,
        guidelines,
        guidelines_fr,
        consultations,
        consultations_fr,
        guideline=guideline,
        guideline_fr=guideline_fr,
    )


@pytest.fixture
def consultation(site_tree):
    """An open, pre-moderated consultation in English."""
    from consultations.factories import ConsultationPageFactory

    return ConsultationPageFactory(parent=site_tree.consultations, slug="youth-space", title="A youth space")


@pytest.fixture
def comment_data():
    """POST data for the comment form of a page, valid unless overridden."""
    from consultations.comments.forms import CommentForm

    def build(page, **overrides):
        security = CommentForm(page).generate_security_data()
        data = {
            **security,
            "name": "NightOwl_14",
            "email": "owl@example.org",
            "comment": "More shade and benches, please.",
            "accept_rules": "on",
            "reply_to": "0",
            "honeypot": "",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return build
