"""An email backend for fault tests: it refuses to send while ``FlakySMTPBackend.down`` is true."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend


class FlakySMTPBackend(EmailBackend):
    down = False
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += len(messages)
        if type(self).down:
            raise SMTPServerDisconnected("Connection unexpectedly closed: owl@example.org refused")
        return super().send_messages(messages)
