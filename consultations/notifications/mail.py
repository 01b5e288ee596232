"""How every email of the app is queued: rendered in its reader's language, stored as data, never blocking.

Every email is queued in django-post-office's table inside the transaction that caused it
(a decision, a new comment), so a rolled-back decision sends nothing and a mail server that is
down loses nothing: ``manage.py send_outbox`` delivers the queue, with retries and back-off.
Email addresses appear only as recipients, never in a body, a page or a log line.
"""

import functools
import logging
import re

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.utils import translation

from outbox.queue import enqueue, record_failure

logger = logging.getLogger(__name__)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def queue_email(recipient, template, context, language, headers=None, scheduled_time=None, reply_to=None):
    """Render ``consultations/emails/<template>`` in ``language`` and queue it for ``recipient``.

    What people typed reaches the templates as context values, so it is escaped (HTML part) or shown
    as typed (text parts); the finished text is then stored as data (``outbox.queue``), never
    compiled again. ``reply_to``: addresses for the Reply-To header (the sender is a no-reply address).
    Building or queueing can fail without undoing what caused the email: the failure
    is a failed row in the outbox and a log line, and the caller carries on.
    """
    context = {**context, "language": language}
    try:
        with transaction.atomic(), translation.override(language):
            subject = render_to_string(f"consultations/emails/{template}_subject.txt", context)
            text = render_to_string(f"consultations/emails/{template}.txt", context)
            html = render_to_string(f"consultations/emails/{template}.html", context)
            return enqueue(
                to=[recipient],
                subject=subject,
                text=text,
                html=html,
                headers=headers,
                reply_to=reply_to,
                scheduled_time=scheduled_time,
            )
    except Exception as error:  # an email must never undo a decision or a comment
        return record_failure(
            subject=f"[{template}] not queued", reason=str(error), error_type=type(error).__name__
        )


def never_blocks(notify):
    """For what notifications run inside a decision's or a comment's transaction: a failure while
    preparing emails (a missing page, a bad value) is recorded in the outbox and logged, in a
    savepoint, and the decision or comment commits all the same."""

    @functools.wraps(notify)
    def guarded(*args, **kwargs):
        try:
            with transaction.atomic():
                return notify(*args, **kwargs)
        except Exception as error:
            logger.exception("Notification %s failed", notify.__name__)
            record_failure(
                subject=f"[{notify.__name__}] not queued", reason=str(error), error_type=type(error).__name__
            )
            return None

    return guarded


def quoted(text, length):
    """Participant text quoted in an email: shortened and on one line, so that no line typed in a comment
    can pose as one of the email's own ("Open this comment…: <link>", "Delete my comment: <link>")."""
    return truncatechars(" ".join(text.split()), length)


_SCHEME = re.compile(r"(?i)\b(https?|ftp)://")
_WWW = re.compile(r"(?i)\bwww\.")


def unlinked(text):
    """Text nobody has moderated yet, with its addresses broken (``https[:]//…``, ``www[.]…``) so that a
    mail client does not turn them into links in a moderator's mailbox: moderators open a link from the
    queue, where they see it for what it is."""
    return _WWW.sub("www[.]", _SCHEME.sub(r"\1[:]//", text))
