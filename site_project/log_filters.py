"""Logging filters applied to every log line the site writes."""

import logging
import re

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class RedactEmailAddresses(logging.Filter):
    """Replace email addresses in log messages and tracebacks: authors' addresses never reach the logs."""

    def filter(self, record):
        message = record.getMessage()
        if record.exc_info:
            message = f"{message}\n{logging.Formatter().formatException(record.exc_info)}"
            record.exc_info = None
            record.exc_text = None
        record.msg = EMAIL_ADDRESS.sub("<email redacted>", message)
        record.args = None
        return True
