"""`make loadtest`: 30 concurrent posters against gunicorn (production settings, 4 workers) on PostgreSQL and Redis,
then PostgreSQL restarted under them, then Redis stopped under them. Exits non-zero on any failure.

Everything runs on 127.0.0.1: a database of its own (tribune_loadtest, created and migrated by the run), a
redis-server of its own (port 6391), gunicorn on port 8104. Three phases, the posters never pausing:

1. steady (60 s): each poster GETs the open consultation, reads the comment form's hidden fields (security hash,
   timestamp, honeypot) and POSTs a comment under its own pseudonym and email address;
2. postgres: PostgreSQL is restarted (pg_ctlcluster). Requests meanwhile must fail cleanly (503 page, never a 500
   or a hang past the client's timeout), and the site must answer 200 again within RECOVERY_SECONDS of
   PostgreSQL being back, without restarting gunicorn;
3. redis: the redis-server is killed. Pages must still be served (200), posts accepted or refused cleanly (429),
   the log must say that rate limiting is now per process, and /healthz must say 503 "cache"; Redis is then
   started again and /healthz must answer 200.

Over the whole run: no 500, every answer to a post is a redirect to the confirmation (302 "?sent=") or a clean
refusal (429 page, or 503 page while PostgreSQL restarts), and the posts accepted (302) are the comments stored.

Rate limits: the posters come from one address, so gunicorn is told it is behind one proxy
(TRIBUNE_PROXY_COUNT=1) and each poster sends an X-Forwarded-For of its own (one network each, a new one per
phase): the network budget keeps its production value and stays armed. The author budget (5 comments per
10 minutes per email address) is raised for this run: each poster is one author posting about once a second,
which the budget exists to refuse; its refusals are covered by the unit tests.

LOADTEST_SECONDS shortens the steady phase while developing (e.g. LOADTEST_SECONDS=10).
"""

import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtests.server import (  # noqa: E402 - the repository's root is put on the path first
    HOST,
    POSTGRES,
    Gunicorn,
    RedisServer,
    get,
    prepare_database,
    production_env,
)

PORT = int(os.environ.get("LOADTEST_PORT", "8104"))
REDIS_PORT = int(os.environ.get("LOADTEST_REDIS_PORT", "6391"))
DATABASE = os.environ.get("LOADTEST_DATABASE", "tribune_loadtest")
POSTERS = 30
STEADY_SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
# After PostgreSQL is back, the site answers 200 within this: the probe waits its turn behind 30 posters.
RECOVERY_SECONDS = 30
REDIS_DOWN_SECONDS = 8
CLIENT_TIMEOUT = 35  # gunicorn kills a request after 30 s: an answer later than this is a hang
EMAIL_DOMAIN = "loadtest.invalid"
REFUSAL_TEXT = b"You have posted several comments in a few minutes."
UNAVAILABLE_TEXT = b"Back in a moment"
PHASES = ("steady", "postgres", "redis")


@dataclass
class Answer:
    phase: str
    method: str
    status: object  # an HTTP status, or "timeout" / "no answer"
    seconds: float
    outcome: str  # ok, accepted, refused, unavailable, server error, unexpected, timeout, no answer
    at: float


class CommentForm(HTMLParser):
    """The comment form's action and hidden fields (security hash, timestamp, object, honeypot…)."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "/comment-post/" in (attrs.get("action") or ""):
            self.action, self._inside = attrs["action"], True
        elif tag == "input" and self._inside and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


class Run:
    def __init__(self, page_path):
        self.page_path = page_path
        self.phase = PHASES[0]
        self.answers = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.failures = []
        self.started = time.monotonic()
        self.tolerated_log_errors = 0
        self.postgres_window = [None, None]  # from the restart to the first 200 after it

    def fail(self, message):
        print(f"!! {message}", flush=True)
        self.failures.append(message)

    def request(self, method, path, body=None, headers=None):
        start = time.monotonic()
        connection = http.client.HTTPConnection(HOST, PORT, timeout=CLIENT_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            content = response.read()
            status, location = response.status, response.headers.get("Location", "")
            retry_after = response.headers.get("Retry-After")
        except TimeoutError:
            status = content = location = retry_after = None
            outcome = "timeout"
        except OSError:
            status = content = location = retry_after = None
            outcome = "no answer"
        finally:
            connection.close()
        if status is not None:
            outcome = classify(method, status, content, location, retry_after)
        # Counted in the phase it was answered in: a request queued before PostgreSQL stopped may meet it stopped.
        answer = Answer(self.phase, method, status or outcome, time.monotonic() - start, outcome, start)
        with self.lock:
            self.answers.append(answer)
        return answer, content


def classify(method, status, content, location, retry_after):
    if status >= 500 and status != 503:
        return "server error"
    if status == 503:
        return "unavailable" if retry_after and UNAVAILABLE_TEXT in content else "unexpected"
    if method == "GET":
        return "ok" if status == 200 else "unexpected"
    if status == 302 and "sent=" in location:
        return "accepted"
    if status == 429 and REFUSAL_TEXT in content:
        return "refused"
    return "unexpected"


def poster(run, index):
    """GET the consultation, read its form, POST a comment of its own; until told to stop."""
    name = f"Poster {index}"
    email = f"poster{index}@{EMAIL_DOMAIN}"
    sent = 0
    while not run.stop.is_set():
        network = f"10.{PHASES.index(run.phase) + 1}.0.{index + 1}"
        headers = {"X-Forwarded-For": network}
        answer, content = run.request("GET", run.page_path, headers=headers)
        if answer.outcome != "ok":
            time.sleep(0.2)
            continue
        form = CommentForm()
        form.feed(content.decode("utf-8", "replace"))
        if form.action is None or "security_hash" not in form.fields:
            run.fail(f"poster {index}: no comment form on {run.page_path}")
            return
        sent += 1
        data = {
            **form.fields,
            "honeypot": "",
            "name": name,
            "email": email,
            "comment": f"Load test, poster {index}, comment {sent}: more shade and benches near the skate park.",
            "accept_rules": "on",
        }
        run.request(
            "POST",
            form.action,
            body=urlencode(data),
            headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
        )


def stored_comments():
    import psycopg

    with psycopg.connect(f"{POSTGRES}/{DATABASE}", connect_timeout=5) as connection:
        return connection.execute(
            "SELECT count(*) FROM django_comments WHERE user_email LIKE %s", [f"%@{EMAIL_DOMAIN}"]
        ).fetchone()[0]


def postgres_cluster():
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def postgres_ready():
    return subprocess.run(["pg_isready", "-h", HOST, "-p", "5432", "-q"], check=False).returncode == 0  # noqa: S603, S607


def ensure_postgres_running():
    if not postgres_ready():
        print("== starting PostgreSQL again", flush=True)
        subprocess.run([*postgres_cluster(), "start"], check=False)  # noqa: S603
        for _ in range(30):
            if postgres_ready():
                return
            time.sleep(1)


def wait_for(predicate, timeout, interval=0.25):
    """Seconds until predicate() is true, or None past the timeout."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if predicate():
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(interval)
    return None


def healthz():
    status, _, body = get(PORT, "/healthz", timeout=CLIENT_TIMEOUT)
    return status, json.loads(body or b"{}")


def postgres_phase(run):
    run.phase = "postgres"
    time.sleep(3)
    print("== restarting PostgreSQL under the posters", flush=True)
    began = time.monotonic()
    run.postgres_window[0] = datetime.now(UTC)
    subprocess.run([*postgres_cluster(), "restart"], check=True, timeout=120)  # noqa: S603
    if wait_for(postgres_ready, 60) is None:
        run.fail("PostgreSQL did not come back within 60 s")
        return {}
    back = time.monotonic()
    recovered = wait_for(lambda: get(PORT, run.page_path, timeout=CLIENT_TIMEOUT)[0] == 200, RECOVERY_SECONDS)
    if recovered is None:
        run.fail(f"the site did not answer 200 within {RECOVERY_SECONDS} s of PostgreSQL being back")
    run.postgres_window[1] = datetime.now(UTC)
    time.sleep(5)
    with run.lock:
        served = [
            a.at + a.seconds
            for a in run.answers
            if a.outcome in ("ok", "accepted") and a.at + a.seconds > back
        ]
    return {
        "PostgreSQL down (s)": back - began,
        "first page or post served after it was back (s)": min(served) - back if served else None,
        "probe answered 200 after it was back, queued behind the posters (s)": recovered,
    }


def redis_phase(run, redis, log_path):
    run.phase = "redis"
    time.sleep(2)
    print("== killing redis-server under the posters", flush=True)
    redis.stop()
    time.sleep(2)
    status, body = healthz()
    if status != 503 or body.get("failed") != ["cache"]:
        run.fail(f"/healthz with Redis down answered {status} {body}, not 503 naming the cache")
    time.sleep(REDIS_DOWN_SECONDS)
    warnings = [
        line
        for line in log_lines(log_path)
        if line.get("message", "").startswith("cache: Redis is unreachable")
    ]
    if not warnings or "per process" not in warnings[0]["message"]:
        run.fail("no log line said that rate limiting is counted per process while Redis was down")
    redis.start()
    healthy = wait_for(lambda: healthz()[0] == 200, 15)
    if healthy is None:
        run.fail("/healthz did not answer 200 within 15 s of Redis being back")
    time.sleep(6)  # past the workers' retry interval: posts use Redis again
    return {
        "warnings about Redis (all workers)": len(warnings),
        "/healthz 200 after Redis was back (s)": healthy,
    }


def log_lines(path):
    lines = []
    for raw in Path(path).read_text(errors="replace").splitlines():
        try:
            lines.append(json.loads(raw))
        except ValueError:
            lines.append({"level": "RAW", "message": raw})
    return lines


def check_log(run, log_path):
    """No 500 logged, no worker killed, nothing printed outside the JSON lines; errors other code logs while
    it could not read the database are expected during the restart (and only then)."""
    start, end = run.postgres_window
    for line in log_lines(log_path):
        if line.get("level") not in ("ERROR", "CRITICAL", "RAW"):
            continue
        message = line.get("message", "")
        if line.get("logger") == "django.request" and message.startswith("Service Unavailable: /healthz"):
            continue  # the probe's own 503 while Redis or PostgreSQL is down
        at = datetime.fromisoformat(line["time"]) if "time" in line else None
        if (
            line.get("logger") not in ("django.request", "gunicorn.error")
            and start
            and at
            and start <= at <= (end or at)
        ):
            run.tolerated_log_errors += 1
            continue
        run.fail(f"log: {message[:300]}")


def server_side_figures(log_path):
    """What the workers themselves measured (gunicorn's access log): the client's latencies include the queue."""
    durations = {}
    for line in log_lines(log_path):
        if line.get("logger") == "gunicorn.access" and line.get("path", "").startswith(("/en/", "/fr/")):
            durations.setdefault(f"{line['method']} {line['status']}", []).append(line["duration_ms"])
    return {
        f"server-side {kind} (count, p50/p99 ms)": f"{len(values)}, {percentile(values, 0.5)}/{percentile(values, 0.99)}"
        for kind, values in sorted(durations.items())
    }


def warm_up(run):
    """Each worker renders the page once before the clock starts (templates compiled, imports done)."""
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: get(PORT, run.page_path, timeout=120), range(8)))


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def milliseconds(value):
    return "-" if value is None else f"{value * 1000:.0f}"


def report(run, phase_seconds):
    columns = [
        "phase",
        "s",
        "requests",
        "GET p50/p99 ms",
        "POST p50/p99 ms",
        "accepted",
        "posts/s",
        "429",
        "503",
        "5xx",
        "other",
    ]
    rows = []
    for phase in (*PHASES, "total"):
        answers = [answer for answer in run.answers if phase in ("total", answer.phase)]
        seconds = sum(phase_seconds.values()) if phase == "total" else phase_seconds.get(phase, 0)
        gets = [answer.seconds for answer in answers if answer.method == "GET" and answer.outcome == "ok"]
        posts = [
            answer.seconds
            for answer in answers
            if answer.method == "POST" and answer.outcome in ("accepted", "refused")
        ]
        accepted = sum(answer.outcome == "accepted" for answer in answers)
        count = {
            outcome: sum(answer.outcome == outcome for answer in answers)
            for outcome in ("refused", "unavailable", "server error")
        }
        other = len(answers) - sum(
            answer.outcome in ("ok", "accepted", "refused", "unavailable", "server error")
            for answer in answers
        )
        rows.append(
            [
                phase,
                f"{seconds:.0f}",
                str(len(answers)),
                f"{milliseconds(percentile(gets, 0.5))}/{milliseconds(percentile(gets, 0.99))}",
                f"{milliseconds(percentile(posts, 0.5))}/{milliseconds(percentile(posts, 0.99))}",
                str(accepted),
                f"{accepted / seconds:.1f}" if seconds else "-",
                str(count["refused"]),
                str(count["unavailable"]),
                str(count["server error"]),
                str(other),
            ]
        )
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    print(
        "| " + " | ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True)) + " |"
    )
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    for row in rows:
        print("| " + " | ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) + " |")


def check_answers(run, stored):
    by_outcome = {}
    for answer in run.answers:
        by_outcome.setdefault((answer.phase, answer.outcome, answer.status), 0)
        by_outcome[(answer.phase, answer.outcome, answer.status)] += 1
    for (phase, outcome, status), count in sorted(by_outcome.items(), key=str):
        if outcome in ("server error", "unexpected", "timeout", "no answer"):
            run.fail(f"{phase}: {count} answers {status} ({outcome})")
        elif outcome == "unavailable" and phase != "postgres":
            run.fail(f"{phase}: {count} answers 503 while PostgreSQL was up")
    redis_pages = [answer for answer in run.answers if answer.phase == "redis" and answer.method == "GET"]
    if not redis_pages or any(answer.outcome != "ok" for answer in redis_pages):
        run.fail("pages were not all served (200) while Redis was down")
    accepted = sum(answer.outcome == "accepted" for answer in run.answers)
    if accepted != stored:
        run.fail(f"{accepted} posts were accepted (302) but {stored} comments are stored")
    if not accepted:
        run.fail("no post was accepted")


def main():
    began = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="tribune-loadtest-"))
    log_path = workdir / "gunicorn.log"
    redis = RedisServer(REDIS_PORT)
    env = production_env(
        DATABASE,
        redis.url,
        PORT,
        TRIBUNE_PROXY_COUNT=1,
        TRIBUNE_AUTHOR_COMMENT_RATE="100000/10m",
    )
    server = Gunicorn(env, PORT, log_path)
    run = None
    try:
        ensure_postgres_running()
        print(f"== database {DATABASE}: created, migrated, demo content", flush=True)
        page = prepare_database(DATABASE, env)
        redis.start()
        server.start()
        setup_seconds = time.monotonic() - began
        print(
            f"== gunicorn ready on {HOST}:{PORT} after {setup_seconds:.0f} s; posting to {page['path']}",
            flush=True,
        )
        run = Run(page["path"])
        warm_up(run)
        threads = [
            threading.Thread(target=poster, args=(run, index), daemon=True) for index in range(POSTERS)
        ]
        phase_started = time.monotonic()
        for thread in threads:
            thread.start()
        print(f"== {POSTERS} posters for {STEADY_SECONDS} s", flush=True)
        time.sleep(STEADY_SECONDS)
        phase_seconds = {"steady": time.monotonic() - phase_started}
        phase_started = time.monotonic()
        figures = postgres_phase(run)
        phase_seconds["postgres"] = time.monotonic() - phase_started
        phase_started = time.monotonic()
        figures.update(redis_phase(run, redis, log_path))
        phase_seconds["redis"] = time.monotonic() - phase_started
        run.stop.set()
        for thread in threads:
            thread.join(CLIENT_TIMEOUT + 5)
        stored = stored_comments()
        check_answers(run, stored)
        check_log(run, log_path)
        print()
        report(run, phase_seconds)
        print()
        for name, value in figures.items():
            print(
                f"  {name}: {'-' if value is None else (f'{value:.1f}' if isinstance(value, float) else value)}"
            )
        for name, value in server_side_figures(log_path).items():
            print(f"  {name}: {value}")
        print(f"  errors logged by other code while PostgreSQL restarted: {run.tolerated_log_errors}")
        print(
            f"  comments stored: {stored}; setup {setup_seconds:.0f} s; total run time {time.monotonic() - began:.0f} s"
        )
        print(f"  gunicorn's log: {log_path}")
    except Exception:
        traceback.print_exc()
        if run is None:
            print(f"!! the load test could not start; gunicorn's log: {log_path}")
            return 1
        run.failures.append("the load test stopped on an exception")
    finally:
        if run is not None:
            run.stop.set()
        server.stop()
        redis.stop()
        ensure_postgres_running()
    if run.failures:
        print(f"!! load test FAILED: {len(run.failures)} problem(s)")
        return 1
    print("== load test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
