"""Settings shared by every environment. Secrets and hosts come from the environment."""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    "home",
    "guidelines",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # django-comments-xtd must come before django_comments (DESIGN.md §3).
    "django_comments_xtd",
    "django_comments",
    # After django_comments_xtd, so that its ready() can undo what xtd's ready() connects.
    "consultations",
    "rest_framework",
    "django_recaptcha",
    "django_ratelimit",
    "post_office",
    "outbox",
    # Anonymous pages from the shared cache, and purges of a CDN in front (see "Page cache" below).
    "page_cache",
    "wagtail.contrib.frontend_cache",
    "axes",
    "csp",
    "django.contrib.sites",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a cached page costs no session, no user and no query; below it, GZip, so that the copy
    # kept is the compressed one (page_cache/middleware.py).
    "page_cache.middleware.PageCacheMiddleware",
    "page_cache.compression.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Which page an address shows, known by each process while the page tree is unchanged (page_cache/routes.py).
    "page_cache.routes.PageRouteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into our "too many attempts" page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every sign-in before Django's own backend does (AXES_* settings below). Django's backend,
# subclassed so that a signed-in request reads the user with their Wagtail profile in one query
# (site_project/auth_backends.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "site_project.auth_backends.ModelBackend",
]

# Sessions are written to the database and read from the cache (Redis in production): a signed-in request costs
# no session query. Signing out deletes both copies; a password change ends every other session (Django checks the
# password's hash stored in the session on each request).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

ROOT_URLCONF = "site_project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "site_project.wsgi.application"

# Database: DATABASE_URL (PostgreSQL in production and CI), an SQLite file otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A PostgreSQL server that does not answer fails the request after this many seconds (a 503 page,
# site_project/unavailable.py) instead of holding a worker until gunicorn kills it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The lock that keeps two `send_outbox` runs of one site from sending the same batch: one file per database, so two
# sites (or `make run` and `make serve`) on one machine do not wait for each other.
TRIBUNE_OUTBOX_LOCK_FILE = os.environ.get(
    "TRIBUNE_OUTBOX_LOCK_FILE",
    os.path.join(
        tempfile.gettempdir(),
        "tribune_send_outbox_"
        + hashlib.sha256(
            f"{DATABASES['default'].get('HOST', '')}:{DATABASES['default'].get('NAME', '')}".encode()
        ).hexdigest()[:12],
    ),
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English source, French catalogue; Wagtail keeps one locale per language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Organisers and moderators pick their admin language among those Tribune's emails speak.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static files: whitenoise serves them in every environment.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Opt in to Django 6 behaviour now (django-contrib-comments has a URLField).
FORMS_URLFIELD_ASSUME_HTTPS = True

# Email: EMAIL_URL (e.g. submission://user:password@smtp.example.org:587), console otherwise.
# Every mail goes through django-post-office's durable queue (a table), written in the
# transaction of whatever caused it; `manage.py send_outbox` delivers it with the backend below.
# The outbox's own backend stores messages as data: post-office's would compile them as templates.
_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "").strip() or "console:")
if "EMAIL_BACKEND" not in _email:
    raise ImproperlyConfigured(
        "EMAIL_URL has a scheme dj-email-url does not know; use e.g. "
        "submission://user:password@smtp.example.org:587 (STARTTLS) or smtps://… (see README, Configuration)."
    )
EMAIL_BACKEND = "outbox.backends.OutboxBackend"
POST_OFFICE = {
    "BACKENDS": {"default": _email["EMAIL_BACKEND"]},
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": int(os.environ.get("EMAIL_MAX_RETRIES", "25")),
    "RETRY_INTERVAL": timedelta(minutes=1),  # the first wait; send_outbox doubles it on each retry
    "LOG_LEVEL": 1,  # keep a log entry for failures only
    "THREADS_PER_PROCESS": 1,
    "MESSAGE_ID_ENABLED": True,
    # Emails per batch, all sent over one SMTP connection; `send_outbox` sends batches back to back until
    # nothing due is left (post-office's default is 100 and one batch per run).
    "BATCH_SIZE": int(os.environ.get("EMAIL_BATCH_SIZE", "500")),
    "BATCH_DELIVERY_TIMEOUT": 120,
    # Within a priority, in the order they were queued: an author told "removed" then "published after all"
    # reads them in that order (post_office's default, priority alone, leaves the rest to the database).
    "SENDING_ORDER": ["-priority", "id"],
}
TRIBUNE_OUTBOX_MAX_BACKOFF = timedelta(hours=6)
# Moderators get an email per new pending comment ("each"), a digest from
# `manage.py moderation_reminders` ("digest"), or nothing but the reminders ("off"); any other value
# is a system check error (consultations/notifications/checks.py).
TRIBUNE_MODERATOR_NOTIFICATIONS = os.environ.get("TRIBUNE_MODERATOR_NOTIFICATIONS", "each")
# In "each" mode, at most this many "new comment" emails per 10 minutes; past that, one email says that
# many comments are waiting, until the 10 minutes pass (a flood from one network cannot fill the mailboxes).
TRIBUNE_MODERATOR_EMAIL_BURST = int(os.environ.get("TRIBUNE_MODERATOR_EMAIL_BURST", "10"))
# Urgent comments (consultations/moderation/urgency.py) are emailed at once whatever the two settings above say;
# at most this many per 10 minutes, then one "many urgent comments" email per 10 minutes (a troll typing urgent
# phrases cannot fill the mailboxes; every urgent comment is still first in the queue).
TRIBUNE_MODERATOR_URGENT_EMAIL_BURST = int(os.environ.get("TRIBUNE_MODERATOR_URGENT_EMAIL_BURST", "5"))
# `manage.py erase_author_data` (daily cron) erases authors' email addresses, the copies of the
# emails sent to them and readers' report fingerprints this many days after a consultation closes.
TRIBUNE_AUTHOR_DATA_RETENTION_DAYS = int(os.environ.get("TRIBUNE_AUTHOR_DATA_RETENTION_DAYS", "30"))
# Emails an address that has not confirmed it is its owner's may receive per rolling 24 hours, whoever posts.
TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY = int(os.environ.get("TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY", "3"))
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tribune <noreply@tribune.localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Cache: Redis (REDIS_URL) where several processes must share rate limits, memory otherwise. While Redis cannot
# be reached the site keeps serving: rate limits are counted per process and nothing else is cached
# (site_project/cache_fallback.py; README, "When Redis or PostgreSQL is down").
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "site_project.cache_fallback.FallbackRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tribune"}}

# Page cache (page_cache/): anonymous readers' pages kept this many seconds at most (well under the 2 hours
# django-contrib-comments gives a comment form, and never past a consultation's next opening, closing or results
# day); a proxy or CDN may keep them PAGE_CACHE_SHARED_MAX_AGE seconds (purged sooner by the frontend cache below).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "60"))
# A CDN or caching proxy in front, purged when a page is published and when a consultation's comments change
# (README, "Deploying"): a generic HTTP PURGE (Varnish, nginx) or Cloudflare, each only if its variables are set.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_API_TOKEN") and os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }

# Rate limits (django-ratelimit), keyed on keyed hashes (consultations/comments/anti_abuse.py), never an address.
# Django's own RedisCache increments atomically, though django-ratelimit only lists django-redis.
# A count the cache cannot give refuses the request (django-ratelimit's default, kept explicit); the cache backend
# above answers from the process's memory while Redis is down, so that never refuses everyone.
RATELIMIT_FAIL_OPEN = False
RATELIMIT_SILENCED = ["django_ratelimit.W001"] + ([] if REDIS_URL else ["django_ratelimit.E003"])
# Posting budgets: per author (the email address typed, casefolded) and per network (an IPv4
# address or an IPv6 /64): a class behind one school address posts freely, one author cannot flood.
TRIBUNE_AUTHOR_COMMENT_RATE = os.environ.get("TRIBUNE_AUTHOR_COMMENT_RATE", "5/10m")
TRIBUNE_NETWORK_COMMENT_RATE = os.environ.get("TRIBUNE_NETWORK_COMMENT_RATE", "80/10m")
TRIBUNE_REPORT_RATE = os.environ.get("TRIBUNE_REPORT_RATE", "20/h")
# Supports ("me too"): one per reader cookie, and per network (a script can drop its cookie) at most
# TRIBUNE_SUPPORTS_PER_COMMENT_PER_NETWORK on one comment in any 24 hours (a class of 30 behind one
# school address can all support the same comment) and TRIBUNE_SUPPORT_RATE over all comments
# (that class supporting ten comments each in one lesson).
TRIBUNE_SUPPORTS_PER_COMMENT_PER_NETWORK = int(
    os.environ.get("TRIBUNE_SUPPORTS_PER_COMMENT_PER_NETWORK", "30")
)
TRIBUNE_SUPPORT_RATE = os.environ.get("TRIBUNE_SUPPORT_RATE", "300/h")
# An IPv6 customer (or a free tunnel) holds a /48: 65,536 networks. Its supports of one comment in any 24 hours.
TRIBUNE_SUPPORTS_PER_COMMENT_PER_IPV6_48 = int(
    os.environ.get("TRIBUNE_SUPPORTS_PER_COMMENT_PER_IPV6_48", "100")
)
# Number of reverse proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRIBUNE_PROXY_COUNT = int(os.environ.get("TRIBUNE_PROXY_COUNT", "0"))

# Sign-in throttling (django-axes) on the Wagtail admin login: AXES_FAILURE_LIMIT failed attempts
# for one username from one client lock that pair out for AXES_COOLOFF_MINUTES (each further try
# restarts the wait). Counters live in the cache only (Redis in production), under keys hashed from
# the username and the salted client hash of consultations/comments/anti_abuse.py: no address, no username
# and no access log is written to the database; a counter disappears when its cool-off ends.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CLIENT_IP_CALLABLE = "site_project.throttling.axes_client_key"
AXES_LOCKOUT_CALLABLE = "site_project.throttling.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# Wagtail's password reset form, per client and per address asked for (django-ratelimit).
TRIBUNE_PASSWORD_RESET_RATE = os.environ.get("TRIBUNE_PASSWORD_RESET_RATE", "5/h")
TRIBUNE_PASSWORD_RESET_EMAIL_RATE = os.environ.get("TRIBUNE_PASSWORD_RESET_EMAIL_RATE", "3/h")

# Wagtail
WAGTAIL_SITE_NAME = "Tribune"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Comments: django-comments-xtd on top of django-contrib-comments (DESIGN.md §3).
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "consultations.models.ConsultationComment"
COMMENTS_XTD_FORM_CLASS = "consultations.comments.forms.CommentForm"
# Replies may nest this deep (0 = no replies); xtd enforces it when a reply is saved.
COMMENTS_XTD_MAX_THREAD_LEVEL = int(os.environ.get("COMMENTS_MAX_REPLY_DEPTH", "3"))
COMMENTS_XTD_CONFIRM_EMAIL = False
# A consultation's thread shows this many conversations (a top-level comment and its replies) a page;
# more go on further pages (?page=2). 50 keeps a page near 250 comments and 250 KB (NOTES.md, issue 17).
TRIBUNE_THREADS_PER_PAGE = int(os.environ.get("TRIBUNE_THREADS_PER_PAGE", "50"))
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_SALT = os.environ.get("COMMENTS_XTD_SALT", "tribune-comments").encode()

# reCAPTCHA: the comment form adds the field only when both keys are configured (DESIGN.md §4).
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "")
RECAPTCHA_ENABLED = bool(RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY)
SILENCED_SYSTEM_CHECKS = (
    RATELIMIT_SILENCED
    # Without Redis (dev, tests: one process) django-axes' counters live in the memory cache.
    + ([] if REDIS_URL else ["axes.W001"])
    + ([] if RECAPTCHA_ENABLED else ["django_recaptcha.recaptcha_test_key_error"])
)

# Content-Security-Policy (django-csp) on every public page: scripts, styles, images and fonts from
# the site itself only (no inline script, event handler or style attribute), reCAPTCHA's origins when
# it is on, video embeds from TRIBUNE_CSP_FRAME_SRC, and the site may not be framed. The Wagtail admin
# is excluded: it ships inline scripts and style attributes of its own, and is reached only by
# signed-in staff (it keeps Django's X-Frame-Options: DENY).
# Paths, not whole origins: www.google.com also serves JSONP endpoints that would let a script in.
_RECAPTCHA_SOURCES = (
    ["https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"] if RECAPTCHA_ENABLED else []
)
TRIBUNE_CSP_FRAME_SRC = env_list(
    "TRIBUNE_CSP_FRAME_SRC",
    "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ("/admin/",),
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_RECAPTCHA_SOURCES],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [*TRIBUNE_CSP_FRAME_SRC, *_RECAPTCHA_SOURCES[:1]] or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": env_list("CSP_REPORT_URI") or None,
    },
}

# Moderation: the number of reader reports that hides a comment until a moderator decides, and the
# regions whose national phone formats the screening recognises ("+" numbers are always found).
# The answer promised to participants is set in the admin (Settings > Community manager, 24 hours
# until an organiser changes it), not here.
TRIBUNE_REPORT_HOLD_THRESHOLD = int(os.environ.get("TRIBUNE_REPORT_HOLD_THRESHOLD", "3"))
TRIBUNE_SCREENING_PHONE_REGIONS = env_list("TRIBUNE_SCREENING_PHONE_REGIONS", "FR,BE,CH,GB,DE")

# Demo accounts (admin and moderator) are created by load_demo_content only where this is on.
TRIBUNE_DEMO_ACCOUNTS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_emails": {"()": "site_project.log_filters.RedactEmailAddresses"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_emails"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Configured here so that post-office does not install its own, unfiltered handler.
        "post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
