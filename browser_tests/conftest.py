"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

One browser for the whole session; each test gets its own browser context (fresh cookies) and
the demo content loaded into a freshly reset database. Without a chromium on the machine, every
test here is skipped with the reason; with one that fails to start, they fail.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"


def find_chromium():
    """Debian's chromium (CHROMIUM_PATH overrides it), or None when none is installed."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark the browser tests and run them last, after pytest-django has ordered the rest: the
    session's browser (and the asyncio loop that comes with it, see `browser`) then never
    overlaps another test."""
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(item.path).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        # The database is reset after each browser test (the live server needs committed
        # data); serialized rollback restores what the migrations created (root page, locales).
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
    if browser_items:
        others = [item for item in items if item not in browser_items]
        items[:] = others + browser_items


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One chromium for the session, started after the test database exists.

    Playwright's sync API keeps an asyncio loop running in this thread for as long as it is
    started. Two things follow in Django: database work here needs DJANGO_ALLOW_ASYNC_UNSAFE
    (set for exactly that time), and `connections` hands out new wrappers inside a running
    loop (asgiref's Local), which lack the snapshot that serialized rollback restores: it is
    copied over, and those wrappers are closed before the loop stops.
    """
    executable = find_chromium()
    if executable is None:
        pytest.skip("no chromium found (/usr/bin/chromium or CHROMIUM_PATH): browser tests not run")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: browser tests not run")
    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
    }
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        connections.close_all()
        playwright.stop()
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def demo_site(live_server):
    """The bilingual demo content, served by the live server; rate limits start from zero."""
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    cache.clear()
    return live_server


def _new_page(browser, live_server, viewport, **options):
    context = browser.new_context(base_url=live_server.url, viewport=viewport, **options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def phone(browser, demo_site):
    """A page in a phone-sized browser (390×844, touch)."""
    context, page = _new_page(browser, demo_site, PHONE, is_mobile=True, has_touch=True)
    yield page
    context.close()


@pytest.fixture
def desktop(browser, demo_site):
    """A page in a desktop-sized browser (1280 px wide)."""
    context, page = _new_page(browser, demo_site, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page PNG under artifacts/screenshots/."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = folder / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
