"""/healthz: the load balancer's probe. Is the database answering, and the shared cache?"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_works():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_works():
    # Redis itself: while it is down the site's cache answers from a fallback (site_project/cache_fallback.py).
    shared = getattr(cache, "shared", cache)
    key = f"healthz:{secrets.token_hex(8)}"
    shared.set(key, "ok", timeout=10)
    try:
        return shared.get(key) == "ok"
    finally:
        shared.delete(key)


CHECKS = {"database": _database_works, "cache": _cache_works}


@never_cache
@require_GET
def healthz(request):
    """200 {"status": "ok"} when both work; 503 naming what failed. Never a traceback, never a setting."""
    failed = []
    for name, check in CHECKS.items():
        try:
            works = check()
        except Exception:  # any failure of a backend is an answer, not a server error
            logger.warning("healthz: the %s check failed", name, exc_info=True)
            works = False
        if not works:
            failed.append(name)
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok"})
