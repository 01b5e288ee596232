"""Fixtures shared by every app's tests: a site with its page tree in English and French, the demo content.

Both are built once per test process, not once per test (see SharedDatabaseState): most tests read
them, and building them is most of what a test used to cost.
"""

import io
from dataclasses import dataclass, fields

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import translation
from wagtail.models import Locale, Page, Site

from consultations.factories import ConsultationIndexPageFactory
from guidelines.factories import GuidelineIndexPageFactory, GuidelinePageFactory
from home.factories import HomePageFactory
from home.page_tree import add_translation
from page_cache.process_memory import forget_everything


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

    def fetched_again(self):
        """The same site and pages as new instances from the database, so that no test sees what an
        earlier one changed on the Python objects."""
        pages = {
            field.name: getattr(self, field.name).pk
            for field in fields(self)
            if field.name != "site" and getattr(self, field.name) is not None
        }
        by_pk = Page.objects.filter(pk__in=pages.values()).specific().in_bulk()
        return SiteTree(
            site=Site.objects.get(pk=self.site.pk), **{name: by_pk[pk] for name, pk in pages.items()}
        )


def build_site_tree():
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


def load_demo_content():
    call_command("load_demo_content", stdout=io.StringIO())


# What a test can ask for by fixture name, and how it is built.
SHARED_STATES = {"site_tree": build_site_tree, "demo_content": load_demo_content}


def _django_db_options(item):
    """What a test asks of the database: (transactional, serialized_rollback), or None for nothing."""

    def django_db(transaction=False, reset_sequences=False, databases=None, serialized_rollback=False, **_):
        return transaction or reset_sequences, serialized_rollback

    names = set(item.fixturenames)
    marker = item.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db", "live_server"} & names:
        return None
    transactional, serialized = django_db(*marker.args, **marker.kwargs) if marker else (False, False)
    return (
        transactional or bool({"transactional_db", "live_server"} & names),
        serialized or "django_db_serialized_rollback" in names,
    )


class SharedDatabaseState:
    """Data many tests read (the site tree, or the demo content), built once per test process and kept
    in an open transaction. Each test's own transaction (pytest-django's) nests in it as a savepoint and
    is rolled back, so every test starts from the same state, as if it had been built for it alone.

    One state is open at a time. Before each test (``pytest_runtest_setup``) the state it asks for by
    fixture name is opened, or the open one rolled back when it asks for another or for none: a test
    that asks for neither, and every transactional test (live server, browser), sees the database as the
    migrations left it. The flush that ends a transactional test with serialized rollback leaves the
    tables empty; the next ordinary test first gets the migrations' data back (pytest-django runs
    transactional tests last, but pytest-xdist may hand a worker more tests after them).
    """

    def __init__(self):
        self.blocker = None  # pytest-django's django_db_blocker, once the test database exists
        self.transactional = False
        self.wanted = None
        self.current = None
        self.value = None
        self._atomic = None
        self._flushed = False

    def prepare_for(self, item):
        options = _django_db_options(item)
        if options is None:
            return
        self.transactional, serialized = options
        wanted = [name for name in SHARED_STATES if name in item.fixturenames]
        if len(wanted) > 1:
            raise pytest.UsageError(f"{item.nodeid}: asks for {' and '.join(wanted)}; only one can be open")
        self.wanted = None if self.transactional or not wanted else wanted[0]
        self.apply()
        if self.transactional and serialized:
            self._flushed = True

    def apply(self):
        if self.blocker is None:  # no database yet: django_db_setup applies it once it exists
            return
        with self.blocker.unblock():
            if self._flushed and not self.transactional:
                self._restore_migrated_data()
            if self.current != self.wanted:
                self.close()
                if self.wanted is not None:
                    self._atomic = transaction.atomic()
                    self._atomic.__enter__()
                    self.value = SHARED_STATES[self.wanted]()
                    self.current = self.wanted

    def close(self):
        if self._atomic is not None:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
            self._atomic = None
        self.current = self.value = None

    def _restore_migrated_data(self):
        self._flushed = False
        for connection in connections.all(initialized_only=True):
            snapshot = getattr(connection, "_test_serialized_contents", None)
            if snapshot is not None:
                connection.creation.deserialize_db_from_string(snapshot)


SHARED = SharedDatabaseState()


def pytest_collection_modifyitems(items):
    """Run the ordinary database tests grouped by the shared state they ask for (site tree, then demo
    content, then none), so that each is built once per process, not once each time it comes back.
    pytest-django's order (ordinary database tests, transactional ones, the rest) is kept."""
    ranks = {name: rank for rank, name in enumerate(SHARED_STATES)}

    def rank(item):
        options = _django_db_options(item)
        if options is None or options[0]:
            return len(ranks) + 1
        return next((ranks[name] for name in SHARED_STATES if name in item.fixturenames), len(ranks))

    items.sort(key=rank)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    SHARED.prepare_for(item)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, then whatever shared state the first test asks for."""
    SHARED.blocker = django_db_blocker
    SHARED.apply()
    yield
    with django_db_blocker.unblock():
        SHARED.close()
    SHARED.blocker = None


@pytest.fixture(autouse=True)
def each_test_starts_afresh():
    """Each test starts as it would alone in a new process, whatever ran before it in this one (an
    order that changes from run to run under pytest-xdist): in the default language (a request leaves
    its language active in the thread) and with an empty cache (rate-limit counters, Wagtail's cached
    site root paths, which may name a site a rolled-back transaction removed) and nothing remembered by the
    process (page_cache.process_memory: routes, sites, shared pieces)."""
    translation.deactivate()
    cache.clear()
    forget_everything()


@pytest.fixture(autouse=True)
def mail_goes_through_the_outbox(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put back the site's own, as in production,
    so that every send_mail (Wagtail's password reset included) is queued as data in the outbox.
    The outbox then delivers to locmem (POST_OFFICE["BACKENDS"] in the test settings): ``mail.outbox``."""
    settings.EMAIL_BACKEND = "outbox.backends.OutboxBackend"


@pytest.fixture
def site_tree(db):
    """The home page, rules and consultations index in English and French, and the code of conduct.

    Shared (built once) for ordinary tests; a transactional test builds its own."""
    if SHARED.current == "site_tree":
        return SHARED.value.fetched_again()
    return build_site_tree()


@pytest.fixture
def demo_content(db):
    """What ``load_demo_content`` creates. Shared (loaded once) for ordinary tests; a transactional test
    loads its own."""
    if SHARED.current != "demo_content":
        load_demo_content()


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
