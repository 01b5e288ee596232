"""Settings for the test suite: fast hashing, mail kept in memory, no network."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
POST_OFFICE = {**POST_OFFICE, "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"}}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
TRIBUNE_DEMO_ACCOUNTS = True
# Serve static files from the finders: the suite never runs collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Images the tests upload (the demo's, their renditions) go to a temporary folder, not the work tree's media/.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "tribune-test-media"
# One outbox lock per test process: a `make run` worker on the machine, or another pytest-xdist worker, never
# holds the lock a test's `send_outbox` needs.
TRIBUNE_OUTBOX_LOCK_FILE = str(Path(tempfile.gettempdir()) / f"tribune-test-outbox-{os.getpid()}")
