"""Benchmark: what one gunicorn serves, measured by wrk, as the README's table.

Run with `make bench-serving` (or `.venv/bin/python bench/serving.py`). It needs this machine's PostgreSQL and
Redis, and Debian's wrk. One run, one gunicorn with the production settings (site_project/gunicorn.conf.py,
4 workers), database `tribune_bench` (made and filled on the first run, kept for the next ones; `--fresh`
makes it again), Redis database 3, then for each row `wrk -t2 -c16 -d<seconds>s --latency` (`-t1 -c1` for the rows of one reader), asking for gzip as
browsers do:

- the static file (whitenoise), the ceiling every ratio is taken against;
- the home page, the demo's open consultation (23 comments) and consultations with 1,000 and 5,000 published comments, from the page cache (an
  anonymous reader) and with the page cache bypassed (a request with a session cookie that matches no
  session: the page is drawn for an anonymous reader, never stored);
- the search, the moderation queue with 10,000 pending comments (a signed-in moderator), and posting
  (each request a new comment from its own network, through the proxy header).

Figures depend on the machine and on what else runs on it; they assert nothing.
"""

import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loadtests.server import Gunicorn, production_env  # noqa: E402

DATABASE = "tribune_bench"
PORT = 8190
BASE = f"http://127.0.0.1:{PORT}"
# Posting: each wrk request says it comes from its own network through one proxy (bench/serving.py, posting_script).
ENVIRONMENT = production_env(
    DATABASE, "redis://127.0.0.1:6379/3", PORT, TRIBUNE_PROXY_COUNT=1, LOG_LEVEL="ERROR", WEB_CONCURRENCY=4
)
SIZES = {"1,000": 1_000, "5,000": 5_000}
DEMO_CONSULTATION = "youth-space-parc-des-berges"  # the demo's open consultation, 23 comments
PENDING = 10_000
SEEDED_SLUG = "bench-seeded"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run (default 10)")
    parser.add_argument("--fresh", action="store_true", help="drop and fill the bench database again")
    parser.add_argument(
        "--only",
        metavar="WORDS",
        help="only the rows whose label contains WORDS (and the static file, the ceiling), e.g. 'bypassed'",
    )
    return parser.parse_args()


def ensure_database(fresh):
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and fresh:
            connection.execute(f"DROP DATABASE {DATABASE} WITH (FORCE)")
            exists = None
        if not exists:
            connection.execute(f"CREATE DATABASE {DATABASE}")


def setup_django():
    os.environ.update(ENVIRONMENT)  # the same database, Redis and settings as the server's
    import django

    django.setup()


def add_published_comments(page, count):
    """Threads of a comment and up to four replies (one in five comments starts a thread), like the demo's."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from consultations.models import ConsultationComment, ConsultationPage

    content_type = ContentType.objects.get_for_model(ConsultationPage)
    start = timezone.now() - datetime.timedelta(minutes=count)
    parent = None
    for number in range(count):
        comment = ConsultationComment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user_name=f"Pseudo{number}",
            user_email=f"p{number}@example.org",
            comment=f"Idea {number}: more shade and benches near the skate park, and a tap for water.",
            submit_date=start + datetime.timedelta(minutes=number),
            state=ConsultationComment.State.PUBLISHED,
            parent_id=parent.pk if number % 5 else 0,
            language=page.locale.language_code,
        )
        comment.save()
        if number % 5 == 0:
            parent = comment


def add_pending_comments(page, count):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from consultations.models import ConsultationComment, ConsultationPage

    content_type = ContentType.objects.get_for_model(ConsultationPage)
    start = timezone.now() - datetime.timedelta(hours=2)
    for number in range(count):
        ConsultationComment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user_name=f"Waiting{number}",
            user_email=f"w{number}@example.org",
            comment=f"Pending idea {number}: a bigger skate park with lights in the evening.",
            submit_date=start + datetime.timedelta(seconds=number / 2),
            state=ConsultationComment.State.PENDING,
            screening_reasons=["phone"] if number % 7 == 0 else [],
            language=page.locale.language_code,
        ).save()


def seed():
    """The demo site, plus consultations of known sizes under the English consultations index; once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import transaction

    from consultations.factories import ConsultationPageFactory
    from consultations.models import ConsultationIndexPage, ConsultationPage
    from consultations.moderation.permissions import COMMUNITY_MANAGERS

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    if not ConsultationPage.objects.filter(slug=SEEDED_SLUG).exists():
        call_command("load_demo_content", verbosity=0)
        index = ConsultationIndexPage.objects.get(locale__language_code="en")
        with transaction.atomic():
            for label, size in SIZES.items():
                page = ConsultationPageFactory(
                    parent=index, title=f"Bench: {label} comments", slug=f"bench-{size}"
                )
                add_published_comments(page, size)
            add_pending_comments(
                ConsultationPageFactory(parent=index, title="Bench: queue", slug="bench-queue"), PENDING
            )
            ConsultationPageFactory(parent=index, title="Bench: posting", slug="bench-posting")
            ConsultationPageFactory(parent=index, title="Bench: seeded", slug=SEEDED_SLUG, live=False)
    moderator, _created = get_user_model().objects.get_or_create(username="bench-moderator")
    moderator.groups.add(Group.objects.get(name=COMMUNITY_MANAGERS))
    return moderator


def moderator_session(moderator):
    """A signed-in moderator's session cookie, made as Django's login would."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(moderator.pk)
    # The backend that signs in (the first one, axes', only counts attempts).
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = moderator.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def queue_queries(moderator):
    """Queries and median ms of the queue page in this process (Django's test client, same database)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    client.force_login(moderator)
    client.get("/admin/moderation/")
    timings = []
    for _run in range(7):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/admin/moderation/")
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return len(captured.captured_queries), statistics.median(timings)


def static_file():
    import json

    from django.conf import settings

    manifest = json.loads((Path(settings.STATIC_ROOT) / "staticfiles.json").read_text())
    return f"/static/{manifest['paths']['css/tribune.css']}"


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(path, seconds, headers=(), script=None, connections=16):
    """(req/s, p50 ms, p99 ms, non-2xx/3xx answers) of wrk -t2 -c16 on ``path`` (``connections=1``: one reader,
    wrk -t1 -c1)."""
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for header in ["Accept-Encoding: gzip", *headers]:  # as every browser asks (the static file's .gz too)
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, BASE + path], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def percentile(name):
        value, unit = re.search(rf"^\s+{name}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, percentile(50), percentile(99), int(errors.group(1)) if errors else 0


def posting_script(page):
    """A wrk script that posts a new comment per request, with the form's fields read from the page once."""
    import html
    import urllib.request
    from urllib.parse import quote

    from consultations.comments.urls import comment_post_url

    with urllib.request.urlopen(BASE + page.url) as answer:
        body = answer.read().decode()
    form = body[body.index('id="comment-form"') :]
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }
    static = "&".join(f"{name}={quote(value)}" for name, value in fields.items() if name != "honeypot")
    # Letters only in the text: digits could read as a phone number to the screening, which asks to confirm.
    lua = f"""
counter = 0
local run = math.random(1, 1000000)
local function letters(n)
  local word = ""
  repeat
    word = string.char(97 + n % 26) .. word
    n = math.floor(n / 26)
  until n == 0
  return word
end
request = function()
  counter = counter + 1
  local n = run * 100000 + counter
  local word = letters(n)
  local body = "{static}&honeypot=&accept_rules=on&name=Bench" .. word .. "&email=" .. word .. "%40example.org"
    .. "&comment=Idea+" .. word .. "%3A+more+benches+near+the+skate+park."
  local headers = {{}}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["X-Forwarded-For"] = "10." .. (n % 250) .. "." .. (math.floor(n / 250) % 250) .. "." .. (run % 250)
  return wrk.format("POST", "{comment_post_url(page)}", headers, body)
end
"""
    with tempfile.NamedTemporaryFile("w", prefix="bench-post-", suffix=".lua", delete=False) as script:
        script.write(lua)
    return script.name


def main():
    options = arguments()
    ensure_database(options.fresh)
    setup_django()
    moderator = seed()
    from consultations.models import ConsultationPage

    pages = {"23": ConsultationPage.objects.get(slug=DEMO_CONSULTATION)}
    pages.update({label: ConsultationPage.objects.get(slug=f"bench-{size}") for label, size in SIZES.items()})
    posting = ConsultationPage.objects.get(slug="bench-posting")
    queries, queue_ms = queue_queries(moderator)
    cookie = moderator_session(moderator)
    bypass = ["Cookie: sessionid=bench-no-such-session"]
    rows = [("static file (the ceiling)", static_file(), [], None, 16)]
    rows.append(("home, cached", "/en/", [], None, 16))
    rows.append(("home, page cache bypassed", "/en/", bypass, None, 16))
    for label, page in pages.items():
        rows.append((f"consultation, {label} comments, cached", page.url, [], None, 16))
        rows.append((f"consultation, {label} comments, bypassed", page.url, bypass, None, 16))
        if label == "1,000":
            rows.append(
                (f"consultation, {label} comments, bypassed, one reader (c1)", page.url, bypass, None, 1)
            )
    rows.append(("search", "/en/search/?q=skate", [], None, 16))
    rows.append(
        (f"moderation queue, {PENDING:,} pending", "/admin/moderation/", [f"Cookie: {cookie}"], None, 16)
    )
    rows.append(
        (
            f"moderation queue, {PENDING:,} pending, one moderator (c1)",
            "/admin/moderation/",
            [f"Cookie: {cookie}"],
            None,
            1,
        )
    )
    if options.only:
        rows = rows[:1] + [row for row in rows[1:] if options.only in row[0]]
    log = Path(tempfile.gettempdir()) / "bench-serving-gunicorn.log"
    with Gunicorn(ENVIRONMENT, PORT, log):
        results = []
        for label, path, headers, script, connections in rows:
            wrk(path, 2, headers, script)  # warm-up: every worker's first request, and the page cache
            results.append((label, *wrk(path, options.seconds, headers, script, connections)))
        if not options.only or options.only in "posting a comment":
            script = posting_script(posting)
            results.append(("posting a comment", *wrk(posting.url, options.seconds, [], script)))
    ceiling = results[0][1]
    print(f"gunicorn, 4 workers, production settings, PostgreSQL, Redis; wrk -t2 -c16 -d{options.seconds}s")
    print("| page | req/s | p50 ms | p99 ms | share of the static file | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, rate, p50, p99, errors in results:
        print(f"| {label} | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {rate / ceiling:.1%} | {errors} |")
    print(
        f"\nmoderation queue, {PENDING:,} pending: {queries} queries, {queue_ms:.0f} ms median (one moderator, in process)"
    )


if __name__ == "__main__":
    main()
