"""The answer while PostgreSQL cannot be reached (down, restarting, refusing connections): a 503 page.

`handler500` (site_project/urls.py) receives every exception a view, a template or a middleware let through.
A database that cannot be reached is not a bug: the reader gets a short page in their language with
Retry-After instead of "something went wrong", and the log one warning per request without a stack trace
(the exception's class only: its text may name the database's host or user). Any other exception keeps
Django's 500 page and its ERROR log line with the traceback.

The site recovers by itself: persistent connections are health-checked before each request reuses them
(CONN_HEALTH_CHECKS), and one that failed is closed at the end of its request (Django's
close_if_unusable_or_obsolete), so the next request opens a new one.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.defaults import server_error as django_server_error

from site_project.log_format import TOKEN_IN_PATH

logger = logging.getLogger(__name__)

# Seconds a client (or a crawler) is asked to wait: PostgreSQL restarts in a few seconds.
RETRY_AFTER_SECONDS = 30


def database_unavailable(exception):
    """Whether an exception means the database could not be reached or dropped the connection."""
    return isinstance(exception, OperationalError | InterfaceError)


def _reader_language(request):
    language = translation.get_language_from_path(request.path_info)
    return language or translation.get_language_from_request(request)


def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the database is unreachable, Django's 500 page otherwise."""
    exception = sys.exception()
    if not database_unavailable(exception):
        return django_server_error(request, template_name)
    language = _reader_language(request)
    with translation.override(language):
        # No request context: its processors (user, site settings) would ask the database again.
        content = render_to_string("503.html", {"home_url": f"/{language}/"})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    logger.warning(
        "database unavailable (%s): %s %s answered 503",
        type(exception).__name__,
        request.method,
        TOKEN_IN_PATH.sub(r"\1<token>", request.path),
    )
    # Logged above, as a warning: Django would log it again as an ERROR with the traceback.
    response._has_been_logged = True
    return response
