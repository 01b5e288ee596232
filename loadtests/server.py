"""Tribune as production runs it, on this machine, for the load and fault tests and the benchmarks.

- `prepare_database(name)`: a PostgreSQL database of its own on 127.0.0.1:5432, dropped and created afresh,
  migrated, with the demo content (what `make serve` does, on another database);
- `RedisServer(port)`: a redis-server of its own (no persistence), started and stopped here;
- `Gunicorn(env, port)`: gunicorn with site_project/gunicorn.conf.py, started, ready when /healthz answers 200,
  stopped (SIGTERM, then SIGKILL).

Everything listens on 127.0.0.1 only. Used by loadtests/run.py (`make loadtest`); the benchmarks can reuse it:

    env = production_env(database="tribune_bench", redis_url=redis.url, port=8110)
    prepare_database("tribune_bench", env)
    with RedisServer(6390) as redis, Gunicorn(env, 8110) as server:
        ...  # server.url("/en/")
"""

import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
POSTGRES = f"postgres://postgres@{HOST}:5432"


def production_env(database, redis_url, port, **overrides):
    """The environment of a production server on this machine: plain HTTP, console email, a fresh secret key."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": redis_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "WAGTAILADMIN_BASE_URL": f"https://localhost:{port}",
        # No outbox worker runs: the emails the posts cause wait in their table.
        "EMAIL_URL": "console:",
        "SECURE_SSL_REDIRECT": "false",
        "BIND": f"{HOST}:{port}",
        "WEB_CONCURRENCY": "4",
        "LOG_LEVEL": "WARNING",
    }
    env.update({key: str(value) for key, value in overrides.items()})
    return env


SETUP_SCRIPT = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("load_demo_content")
from consultations.models.pages import ConsultationPage
pages = ConsultationPage.objects.live().public().filter(locale__language_code="en").specific()
page = next(page for page in pages if page.accepts_comments)
print(json.dumps({"path": page.url, "title": page.title}))
"""


def _python(env, *args, **kwargs):
    return subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, *args], cwd=BASE_DIR, env=env, check=True, **kwargs
    )


def _static_files(env):
    if shutil.which("msgfmt"):  # the French catalogue (the .mo file is not in git)
        _python(
            env,
            "manage.py",
            "compilemessages",
            "--locale",
            "fr",
            "--ignore",
            ".venv/*",
            stdout=subprocess.DEVNULL,
        )
    _python(env, "manage.py", "collectstatic", "--noinput", "-v", "0")


def prepare_database(name, env):
    """Drop and create `name`, migrate it and load the demo content; meanwhile, collect the static files.

    Returns the English consultation open for comments: {"path": …, "title": …}."""
    import psycopg

    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a database name: {name!r}")
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    static = ThreadPoolExecutor(1).submit(_static_files, env)  # beside the migration: it needs no database
    output = _python(env, "-c", SETUP_SCRIPT, capture_output=True, text=True).stdout
    static.result()
    return json.loads(output.strip().splitlines()[-1])


def get(port, path, timeout=10, headers=None):
    """(status, headers, body) of a GET to 127.0.0.1:port; raises OSError when nothing answers."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class RedisServer:
    """A redis-server of its own on 127.0.0.1:port, without persistence."""

    def __init__(self, port):
        self.port = port
        self.url = f"redis://{HOST}:{port}/0"
        self.process = None

    def start(self, timeout=10):
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError("redis-server is not installed (Debian package redis-server)")
        self.process = subprocess.Popen(  # noqa: S603
            [executable, "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(64).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Gunicorn:
    """gunicorn -c site_project/gunicorn.conf.py site_project.wsgi, its JSON log lines written to `log_path`."""

    def __init__(self, env, port, log_path):
        self.env = env
        self.port = port
        self.log_path = Path(log_path)
        self.process = None

    def start(self, ready_timeout=120):
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603
            [str(VENV_BIN / "gunicorn"), "-c", "site_project/gunicorn.conf.py", "site_project.wsgi"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole, never by name
        )
        log.close()
        self.wait_ready(ready_timeout)
        return self

    def wait_ready(self, timeout):
        """Poll /healthz until it answers 200 (the database and Redis answer through a worker)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see {self.log_path}")
            try:
                if get(self.port, "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout} s; see {self.log_path}")

    def stop(self, timeout=35):
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
