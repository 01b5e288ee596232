"""gunicorn's settings for Tribune: `gunicorn -c site_project/gunicorn.conf.py site_project.wsgi` (README, Deploying).

Every value can be changed from the environment; the defaults suit a 2-core machine behind a load balancer."""

import multiprocessing
import os

from site_project.log_format import json_logging

# Where to listen: BIND wins (e.g. "unix:/run/tribune.sock"), else PORT on every interface of the container.
bind = os.environ.get("BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"

# Sync workers: each request holds one process, the pages are CPU-bound (templates) with short queries.
# Two per core keeps the cores busy while a worker waits on PostgreSQL or Redis (4 on 2 cores, as measured).
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count())
worker_class = "sync"
# A request that takes longer is killed (and logged): nothing Tribune serves should take 30 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Each worker is replaced after about 50,000 requests (spread so they do not all restart together): memory a
# long-running process accumulates is given back. Not fewer: a new worker imports Django and warms its caches
# (its first page takes seconds under load), and at 1,000 req/s from the page cache, 1,000 requests per worker
# meant a restart every few seconds (measured: the bench stalled). GUNICORN_MAX_REQUESTS=0 never replaces them.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10

# Not preloaded: each worker imports Django itself, so no database or Redis connection opened while
# importing can ever be shared by two forked workers, and `kill -HUP` loads new code. The cost is
# memory (the import in each worker, about 100 MB each, see NOTES); a missing setting still stops the
# start: a worker that cannot load the settings fails to boot and gunicorn exits.
preload_app = False

# The proxies whose X-Forwarded-* headers gunicorn believes (it then sets the request's scheme).
# gunicorn's default is 127.0.0.1; set FORWARDED_ALLOW_IPS to the load balancer's addresses.
# Django itself reads X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER) and Tribune X-Forwarded-For
# (TRIBUNE_PROXY_COUNT): the proxy must overwrite both, and the workers must not be reachable around it.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs: one JSON object per line on stdout, requests included (method, path without tokens, status,
# bytes, milliseconds; no client address), email addresses redacted (site_project/log_format.py).
accesslog = "-"
errorlog = "-"
logconfig_dict = json_logging(os.environ.get("LOG_LEVEL", "WARNING"))

# gunicorn 27's control socket (for `gunicornc`) is not used; several servers on one machine would share its path.
control_socket_disable = True
