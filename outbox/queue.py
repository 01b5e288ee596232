"""Putting finished emails in the site's durable queue (django-post-office's ``Email`` table).

post-office's ``mail.send`` / ``create`` and its ``EmailBackend`` compile subject, message and
html_message as Django templates (DESIGN.md §4b), so a pseudonym or a comment could run template
tags in a worker. Here the rows are written directly: what is queued is exactly what was given,
and ``Email.dispatch`` sends it as stored (it renders only rows that carry a ``template``).
"""

import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from post_office.models import PRIORITY, STATUS, Email, Log
from post_office.settings import get_message_id_enabled, get_message_id_fqdn

from site_project.log_filters import EMAIL_ADDRESS

logger = logging.getLogger(__name__)

SUBJECT_MAX_LENGTH = Email._meta.get_field("subject").max_length
LOG_MESSAGE_MAX_LENGTH = 2000


def one_line(subject):
    """A subject on one line (no header folding or injection), within the column's length."""
    return " ".join(str(subject).split())[:SUBJECT_MAX_LENGTH]


def enqueue(
    *,
    to,
    subject,
    text,
    html="",
    headers=None,
    from_email=None,
    reply_to=None,
    cc=(),
    bcc=(),
    scheduled_time=None,
):
    """Queue one email as data; an unusable address gives a failed row with its reason, never an error.

    With ``scheduled_time``, post-office's ``send_queued`` leaves it in the queue until that moment.

    Returns the ``Email`` row (queued, or failed).
    """
    headers = dict(headers or {})
    if reply_to:
        headers.setdefault("Reply-To", ", ".join(reply_to))
    email = Email(
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        cc=list(cc),
        bcc=list(bcc),
        subject=one_line(subject),
        message=text,
        html_message=html,
        headers=headers,
        priority=PRIORITY.medium,
        status=STATUS.queued,
        scheduled_time=scheduled_time,
        message_id=make_msgid(domain=get_message_id_fqdn()) if get_message_id_enabled() else None,
    )
    try:
        with transaction.atomic():
            email.save()
    except ValidationError as error:
        fields = set(getattr(error, "error_dict", {}))
        which = "sender" if fields == {"from_email"} else "recipient"
        return record_failure(
            subject=subject, reason=f"Invalid {which} address", error_type="ValidationError"
        )
    return email


def record_failure(*, subject, reason, error_type):
    """An email that could not be built or queued: a failed row in the outbox, with why, and a log line.

    The row has no recipient and no body: it tells the admin that something was not sent, and why
    (any address in the reason is redacted, as in the logs).
    """
    with transaction.atomic():
        email = Email.objects.create(
            from_email=settings.DEFAULT_FROM_EMAIL,
            subject=one_line(subject),
            status=STATUS.failed,
            priority=PRIORITY.medium,
        )
        Log.objects.create(
            email=email,
            status=STATUS.failed,
            message=EMAIL_ADDRESS.sub("<email redacted>", str(reason))[:LOG_MESSAGE_MAX_LENGTH],
            exception_type=error_type[:255],
        )
    logger.warning("Email %s not queued (%s): %s", email.pk, error_type, reason)
    return email
