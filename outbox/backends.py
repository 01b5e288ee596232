"""``EMAIL_BACKEND`` for the whole site: every ``send_mail`` (Django's, Wagtail's password reset…)
goes into the durable outbox as data; ``manage.py send_outbox`` delivers it."""

from django.core.mail.backends.base import BaseEmailBackend
from post_office.models import STATUS

from outbox.queue import enqueue


class OutboxBackend(BaseEmailBackend):
    """Queues messages exactly as given: no template engine ever sees their text (unlike post-office's).

    Attachments are not supported: Tribune sends none, and dropping one silently would lose data.
    """

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages or []:
            if message.attachments:
                raise ValueError("The outbox does not queue attachments.")
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            text = message.body
            if getattr(message, "content_subtype", "plain") == "html" and not html:
                text, html = "", message.body
            email = enqueue(
                to=message.to,
                cc=message.cc,
                bcc=message.bcc,
                subject=message.subject,
                text=text,
                html=html,
                headers=dict(message.extra_headers),
                from_email=message.from_email,
                reply_to=message.reply_to,
            )
            queued += email.status == STATUS.queued
        return queued
