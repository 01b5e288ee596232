"""Production: everything sensitive comes from the environment, and nothing starts without it."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from site_project.log_format import json_logging

from .base import *  # noqa: F403
from .base import env_bool, env_list


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in the environment for production (see README, Configuration)."
        )
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in the environment for production, "
        "e.g. ALLOWED_HOSTS=tribune.example.org (see README, Configuration)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
REDIS_URL = _required("REDIS_URL")  # rate limits must be shared by every worker process
CACHES = {"default": {"BACKEND": "site_project.cache_fallback.FallbackRedisCache", "LOCATION": REDIS_URL}}
# Every link in an email (revise, withdraw, download, unsubscribe, password reset) is built from it.
WAGTAILADMIN_BASE_URL = _required("WAGTAILADMIN_BASE_URL")
_base_url = urlsplit(WAGTAILADMIN_BASE_URL)
if (
    _base_url.scheme != "https"
    or not _base_url.hostname
    or _base_url.username
    or _base_url.query
    or _base_url.fragment
    or any(char.isspace() for char in WAGTAILADMIN_BASE_URL)
):
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be the site's absolute public https URL, e.g. "
        "WAGTAILADMIN_BASE_URL=https://tribune.example.org (see README, Configuration)."
    )
# Without it mail would go to the console: every email, recipient and text, printed to the logs.
_required("EMAIL_URL")
SILENCED_SYSTEM_CHECKS = [check for check in SILENCED_SYSTEM_CHECKS if check != "django_ratelimit.E003"]  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS: the site runs behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

# Logs: one JSON object per line on stdout, email addresses redacted (site_project/log_format.py).
LOGGING = json_logging(os.environ.get("LOG_LEVEL", "WARNING"))

# /healthz answers a load balancer's plain-HTTP probe: no redirect to https for it (README, Deploying).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
