"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

One browser for all the browser tests, which run in a row (last, or in one pytest-xdist worker);
each test gets its own browser context (fresh cookies) and the demo content loaded into a freshly
reset database. Without a chromium on the machine, every
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


# What every browser test module declares in its pytestmark, and why.
BROWSER_MARKERS = {
    "pytest.mark.browser": 'selected by `-m browser`, left out by `-m "not browser"`',
    'pytest.mark.xdist_group("browser")': "pytest-xdist (--dist loadgroup) runs them all in one worker",
    "pytest.mark.django_db(transaction=True, serialized_rollback=True)": "the live server reads committed data",
}


UNDECLARED = {}
UNGROUPED = {}


def pytest_itemcollected(item):
    """Fail a browser test whose module does not declare the markers above: `-m` selects on them
    before any hook here could add them. It fails when it runs, with the reason (an error raised at
    collection would only kill a pytest-xdist worker without a word)."""
    group = item.get_closest_marker("xdist_group")
    database = item.get_closest_marker("django_db")
    declared = [
        item.get_closest_marker("browser") is not None,
        group is not None and group.args == ("browser",),
        database is not None and database.kwargs == {"transaction": True, "serialized_rollback": True},
    ]
    missing = [
        f"{marker} ({why})"
        for (marker, why), ok in zip(BROWSER_MARKERS.items(), declared, strict=True)
        if not ok
    ]
    if missing:
        UNDECLARED[item.nodeid] = f"{item.nodeid}: pytestmark lacks " + "; ".join(missing)


def pytest_runtest_setup(item):
    if item.nodeid in UNDECLARED:
        pytest.fail(UNDECLARED[item.nodeid], pytrace=False)
    if item.nodeid in UNGROUPED:
        pytest.fail(UNGROUPED[item.nodeid], pytrace=False)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the browser tests last, after pytest-django has ordered the rest, so that one chromium
    (and the asyncio loop that comes with it, see `browser`) serves them all in a row. Under
    pytest-xdist they are one work unit (their xdist_group), which one worker runs in a row."""
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(item.path).parents]
    # In an xdist worker only (``workerinput``): a pytest run by a test inherits PYTEST_XDIST_WORKER, not the option.
    if hasattr(config, "workerinput") and getattr(config.option, "loadgroup", False):
        for item in browser_items:
            if not item.nodeid.endswith("@browser"):
                # pytest 9.2 with pytest-xdist 3.8 drops the group (pytest-xdist#1386): the browser tests
                # then run in two workers at once, two chromiums on two cores, and time out now and then.
                UNGROUPED[item.nodeid] = (
                    f"{item.nodeid}: pytest-xdist did not put this test in the browser group "
                    "(--dist loadgroup ignored the xdist_group mark: see pytest-xdist#1386 and "
                    "requirements-dev.txt's pytest pin)"
                )
    if browser_items:
        others = [item for item in items if item not in browser_items]
        items[:] = others + browser_items


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """One chromium for the browser tests, started after the test database exists, and stopped once
    they are done (package scope), before any other test runs in this process.

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
