"""Benchmark: how fast the outbox worker delivers, and how far behind it falls when comments keep coming.

Run with `.venv/bin/python bench/outbox_drain.py [N]` (default 5,000). Uses the test settings and a throwaway
in-memory SQLite database (or DATABASE_URL: the same run is meant for PostgreSQL). The emails go by SMTP to a
sink on 127.0.0.1 started by the bench in its own process (it answers SMTP and counts the messages, nothing more).

Prints, in one table:
- the drain: N queued emails delivered by one `send_outbox` run (batches of POST_OFFICE["BATCH_SIZE"]), in emails/s;
- a steady flow of 100 emails/s queued (about 50 posts/s: each post queues a "received" email and one to the
  moderators or a reply) while the worker runs as `send_outbox --loop` (5 s of sleep once drained) and as the
  cron line (a run every 60 s): the longest and the median wait between an email being queued and being sent.
"""

import datetime
import multiprocessing
import os
import socketserver
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django  # noqa: E402

from bench.measure import in_test_database  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
FLOW = 100  # emails queued per second, about 50 posts/s
FLOW_SECONDS = {"send_outbox --loop (5 s)": (5, 60), "cron, send_outbox every 60 s": (60, 150)}


class SinkHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: every command is accepted, every DATA counted."""

    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        while line := self.rfile.readline():
            command = line[:4].upper()
            if command == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                with self.server.received.get_lock():
                    self.server.received.value += 1
                self.wfile.write(b"250 queued\r\n")
            elif command == b"EHLO":
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def serve_sink(port, received, ready):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", port.value), SinkHandler)
    server.daemon_threads = True
    server.received = received
    port.value = server.server_address[1]
    ready.set()
    server.serve_forever()


def start_sink():
    port, received, ready = (
        multiprocessing.Value("i", 0),
        multiprocessing.Value("i", 0),
        multiprocessing.Event(),
    )
    process = multiprocessing.Process(target=serve_sink, args=(port, received, ready), daemon=True)
    process.start()
    ready.wait(10)
    return process, port.value, received


def queue(count, number=0):
    from outbox.queue import enqueue

    with transaction.atomic():
        return [
            enqueue(
                to=[f"reader{number + offset}@example.org"],
                subject="Your comment was received",
                text="Thank you for your comment. A moderator reads every comment before it is published.\n"
                * 8,
                html="<p>Thank you for your comment.</p>" * 8,
            ).pk
            for offset in range(count)
        ]


def drain():
    from outbox.delivery import deliver

    queue(SIZE)
    started = time.perf_counter()
    sent, failed, requeued = deliver()
    seconds = time.perf_counter() - started
    assert (sent, failed, requeued) == (SIZE, 0, 0), (sent, failed, requeued)
    return seconds


def steady_flow(interval, duration):
    """Emails arrive at FLOW a second (stamped with when they were meant to arrive) while the worker drains,
    then sleeps ``interval`` seconds (the arrivals keep coming during its sleep and, late, during its drain)."""
    from post_office.models import STATUS, Email

    from outbox.delivery import deliver

    Email.objects.all().delete()
    start, started = timezone.now(), time.perf_counter()
    arrival = {}
    total = FLOW * duration

    def arrive_until(moment):
        while len(arrival) < total:
            due_at = len(arrival) / FLOW
            if due_at > moment:
                return
            if (wait := due_at - (time.perf_counter() - started)) > 0:
                time.sleep(wait)
            (pk,) = queue(1, len(arrival))
            arrival[pk] = start + datetime.timedelta(seconds=due_at)

    while len(arrival) < total:
        arrive_until(time.perf_counter() - started)  # the ones that came while the worker was draining
        deliver()
        arrive_until(time.perf_counter() - started + interval)  # the worker sleeps, the comments come
    deliver()
    waits = [
        (sent_at - arrival[pk]).total_seconds()
        for pk, sent_at in Email.objects.filter(status=STATUS.sent).values_list("pk", "last_updated")
    ]
    assert len(waits) == total, (len(waits), total)
    return max(waits), statistics.median(waits)


def main():
    sink, port, received = start_sink()
    try:
        with override_settings(
            POST_OFFICE={
                **settings.POST_OFFICE,
                "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
            },
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            in_test_database(lambda: run(received))
    finally:
        sink.terminate()


def run(received):
    from django.db import connection

    batch = settings.POST_OFFICE.get("BATCH_SIZE", 100)
    seconds = drain()
    assert received.value == SIZE, (received.value, SIZE)
    print(f"outbox on {connection.vendor}, batches of {batch}, SMTP sink on 127.0.0.1, {os.cpu_count()} CPUs")
    print(f"{'run':<46} | {'emails':>6} | {'emails/s':>8} | {'longest wait':>12} | {'median wait':>11}")
    print("-" * 96)
    print(
        f"{f'drain {SIZE:,} queued emails, one run':<46} | {SIZE:>6} | {SIZE / seconds:>8.0f} | {'':>12} | {'':>11}"
    )
    for label, (interval, duration) in FLOW_SECONDS.items():
        longest, median = steady_flow(interval, duration)
        flow = f"{FLOW}/s for {duration} s, {label}"
        print(f"{flow:<46} | {FLOW * duration:>6} | {FLOW:>8} | {longest:>10.1f} s | {median:>9.1f} s")


if __name__ == "__main__":
    main()
