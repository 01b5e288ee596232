# Tribune: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST := 127.0.0.1
PORT := 8000
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=site_project.settings.test

.DEFAULT_GOAL := help
.PHONY: help install run demo serve test lint format check migrations-check pytest messages bench bench-serving loadtest clean

help:
	@echo "make run    install, migrate, load the demo content and serve http://$(HOST):$(PORT)"
	@echo "make test   lint, Django checks, migration check and the whole test suite"

# The virtualenv is rebuilt only when the requirements change.
$(INSTALLED): requirements.txt requirements-dev.txt
	@$(PYTHON) -c "import sys; sys.exit(sys.version_info[:2] != (3, 11))" || { echo "Python 3.11 is required (found: $(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(INSTALLED)

install: $(INSTALLED)

demo: $(INSTALLED)
	@if command -v msgfmt >/dev/null 2>&1; then $(PY) manage.py compilemessages --locale fr --ignore '.venv/*' >/dev/null; fi
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content

# The email worker runs beside the server, so queued emails appear in this console.
run: demo
	@echo ""
	@echo "  Tribune is starting at  http://$(HOST):$(PORT)/"
	@echo "  Wagtail admin:          http://$(HOST):$(PORT)/admin/"
	@echo "  Demo login:             admin / tribune-demo"
	@echo "  Demo moderator:         moderator / tribune-moderator"
	@echo "  Emails are printed below by the outbox worker (manage.py send_outbox --loop)."
	@echo ""
	$(PY) manage.py send_outbox --loop & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production settings on this machine: gunicorn (site_project/gunicorn.conf.py) on the local PostgreSQL
# (a database of its own, created if missing) and Redis, a secret key made for this run, plain HTTP
# (no TLS proxy here, so no redirect to https). Not a way to deploy: README, "Deploying".
SERVE_DATABASE ?= tribune_serve
SERVE_ENV := DJANGO_SETTINGS_MODULE=site_project.settings.production \
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(SERVE_DATABASE) \
	REDIS_URL=redis://127.0.0.1:6379/2 \
	ALLOWED_HOSTS=127.0.0.1,localhost \
	WAGTAILADMIN_BASE_URL=https://localhost:$(PORT) \
	EMAIL_URL=console: \
	SECURE_SSL_REDIRECT=false \
	BIND=$(HOST):$(PORT)
serve: $(INSTALLED)
	@$(PY) -c "import psycopg; c = psycopg.connect('postgres://postgres@127.0.0.1:5432/postgres', autocommit=True); \
	c.execute('SELECT 1 FROM pg_database WHERE datname = %s', ['$(SERVE_DATABASE)']).fetchone() \
	or c.execute('CREATE DATABASE $(SERVE_DATABASE)')"
	@export SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" $(SERVE_ENV); \
	if command -v msgfmt >/dev/null 2>&1; then $(PY) manage.py compilemessages --locale fr --ignore '.venv/*' >/dev/null; fi; \
	$(PY) manage.py collectstatic --noinput -v 0 && \
	$(PY) manage.py migrate --noinput -v 0 && \
	$(PY) manage.py load_demo_content && \
	echo "  Tribune (production settings) at http://localhost:$(PORT)/  health: http://localhost:$(PORT)/healthz" && \
	exec $(VENV)/bin/gunicorn -c site_project/gunicorn.conf.py site_project.wsgi

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --lint templates home guidelines consultations
	$(VENV)/bin/lint-imports --no-cache

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(INSTALLED)
	$(TEST_SETTINGS) $(PY) manage.py check --fail-level WARNING

migrations-check: $(INSTALLED)
	$(TEST_SETTINGS) $(PY) manage.py makemigrations --check --dry-run

# pytest-xdist: PYTEST_WORKERS processes, each with its own test database; the browser tests are one
# group (xdist_group) that one worker runs. `make pytest PYTEST_WORKERS=0` runs them all in one process.
# No test may write to a file under git: what `git status` lists must be the same after the tests.
PYTEST_WORKERS ?= 2
pytest: $(INSTALLED)
	@before="$$(git status --porcelain 2>/dev/null)"; \
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup || exit $$?; \
	after="$$(git status --porcelain 2>/dev/null)"; \
	if [ "$$after" != "$$before" ]; then \
	  echo "The tests changed files under git (git status before / after):"; \
	  echo "$$before"; echo "--"; echo "$$after"; exit 1; \
	fi

# The quick checks run side by side (each one's output kept together), then the tests.
test: $(INSTALLED)
	@$(MAKE) --no-print-directory -j3 --output-sync=target lint check migrations-check
	@$(MAKE) --no-print-directory pytest

# Benchmarks print figures; they assert nothing and are not part of `make test`.
bench: $(INSTALLED)
	$(PY) bench/thread_render.py

# The README's serving table: one gunicorn with production settings on this machine's PostgreSQL and Redis,
# measured by wrk (Debian package). BENCH_SECONDS per row.
BENCH_SECONDS ?= 10
bench-serving: $(INSTALLED)
	@command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
	$(PY) bench/serving.py --seconds $(BENCH_SECONDS)

# The load and fault tests (loadtests/run.py, about 3 minutes, 127.0.0.1 only): gunicorn with production settings
# on a database of its own (tribune_loadtest, dropped and created), its own redis-server (port 6391), 30 posters;
# then PostgreSQL is restarted and Redis killed under them. Not part of `make test`: it restarts the machine's
# PostgreSQL. `.ci/run` runs it after the tests.
loadtest: $(INSTALLED)
	$(PY) loadtests/run.py

# Rebuild the French catalogue after changing strings (needs GNU gettext).
messages: $(INSTALLED)
	$(PY) manage.py makemessages --locale fr --no-obsolete --ignore "bench/*" --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale fr --ignore '.venv/*'

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
