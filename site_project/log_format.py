"""Production logs: one JSON object per line on stdout, email addresses and link tokens redacted."""

import json
import logging
import re
from datetime import UTC, datetime

from site_project.log_filters import EMAIL_ADDRESS

# Secret links (revise, withdraw, download, unsubscribe, confirm; the admin's password reset) carry their
# token in the path: an access log line keeps the route and drops the token.
TOKEN_IN_PATH = re.compile(r"(/my-comment/[^/]+/|/password_reset/confirm/|/reset/)[^?#]*")


class JsonLines(logging.Formatter):
    """A record as one JSON line: time (UTC), level, logger, message, and gunicorn's request fields."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "http", {}))
        if record.exc_info:  # RedactEmailAddresses already folds tracebacks into the message
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class AccessFields(logging.Filter):
    """Turn a gunicorn access record into fields: method, path (tokens cut), status, bytes, duration.

    Neither the client's address nor its user agent is kept: readers are mostly teenagers, and the
    load balancer's own logs are the place for network forensics. The query string is left out too."""

    def filter(self, record):
        atoms = record.args if isinstance(record.args, dict) else None
        if atoms is not None and "s" in atoms:
            record.http = {
                "method": atoms.get("m"),
                "path": _redacted_path(str(atoms.get("U", ""))),
                "status": _number(atoms.get("s")),
                "bytes": _number(atoms.get("B")),
                "duration_ms": _number(atoms.get("M")),
            }
            record.msg = "{method} {path} {status}".format(**record.http)
            record.args = None
        return True


def _redacted_path(path):
    return EMAIL_ADDRESS.sub("<email redacted>", TOKEN_IN_PATH.sub(r"\1<token>", path))


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def json_logging(level="WARNING"):
    """The production LOGGING dict (also gunicorn's logconfig_dict): JSON lines on stdout, redacted."""
    handler = {
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
        "formatter": "json",
        "filters": ["redact_emails"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "site_project.log_format.JsonLines"}},
        "filters": {
            "redact_emails": {"()": "site_project.log_filters.RedactEmailAddresses"},
            "access_fields": {"()": "site_project.log_format.AccessFields"},
        },
        "handlers": {
            "console": handler,
            # Fields first, then the email redaction (which flattens the record's arguments).
            "access": {**handler, "filters": ["access_fields", "redact_emails"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
            # Configured here so that post-office does not install its own, unfiltered handler.
            "post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False},
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
