"""The outbox stores what it is given and sends it as stored: no text is ever run as a template."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from post_office.models import STATUS, Email

from outbox.delivery import deliver
from outbox.queue import enqueue

pytestmark = pytest.mark.django_db

TEMPLATE_TEXT = [
    "{{ 7|add:1 }}",
    "{% now 'Y' %}",
    "{# a comment #}",
    "{% load wagtailsettings_tags %}{% get_settings as s %}{{ s }}",
    "{% lorem 999999 w %}",
    '{% include "base.html" %}',
    "{% debug %}",
    "{% if %} {{ unbalanced",
    "}} %} {% endblock %}",
]


@pytest.mark.parametrize("text", TEMPLATE_TEXT)
def test_send_mail_delivers_template_syntax_exactly_as_written(text):
    send_mail(f"Subject {text}", f"Body {text}", None, ["reader@example.org"], html_message=f"<p>{text}</p>")

    stored = Email.objects.get()
    assert (stored.subject, stored.message, stored.html_message) == (
        f"Subject {text}",
        f"Body {text}",
        f"<p>{text}</p>",
    )
    assert stored.template is None
    deliver()
    [message] = mail.outbox
    assert message.subject == f"Subject {text}"
    assert message.body == f"Body {text}"
    assert message.alternatives[0][0] == f"<p>{text}</p>"


def test_a_lorem_tag_stays_twenty_characters_instead_of_a_worker_busy_for_seconds():
    send_mail("Hello", "{% lorem 3000000 w %}", None, ["reader@example.org"])

    assert len(Email.objects.get().message) == len("{% lorem 3000000 w %}")


def test_an_unusable_address_is_a_failed_email_with_its_reason_not_an_error():
    email = enqueue(to=["not an address"], subject="Hello", text="Text")

    assert email.status == STATUS.failed
    assert email.logs.get().message == "Invalid recipient address"
    assert not email.to  # the bad value is not kept either


def test_a_subject_with_line_breaks_is_sent_on_one_line():
    send_mail("Hello\r\nBcc: victim@example.org", "Text", None, ["reader@example.org"])
    deliver()

    assert mail.outbox[0].subject == "Hello Bcc: victim@example.org"
    assert mail.outbox[0].bcc == []


def test_blind_copies_stay_blind_and_reply_to_is_kept():
    message = EmailMultiAlternatives(
        "Hello", "Text", None, ["a@example.org"], bcc=["hidden@example.org"], reply_to=["team@example.org"]
    )
    message.send()
    deliver()

    [sent] = mail.outbox
    assert sent.to == ["a@example.org"]
    assert sent.bcc == ["hidden@example.org"]
    assert sent.extra_headers["Reply-To"] == "team@example.org"


def test_an_html_only_message_is_sent_as_html():
    message = EmailMultiAlternatives("Hello", "<p>{{ x }}</p>", None, ["a@example.org"])
    message.content_subtype = "html"
    message.send()
    deliver()

    assert mail.outbox[0].body == "<p>{{ x }}</p>"
    assert mail.outbox[0].content_subtype == "html"


def test_a_failure_reason_never_stores_an_address():
    from outbox.queue import record_failure

    email = record_failure(
        subject="[received] not queued",
        reason="duplicate key value (user_email)=(owl@example.org) already exists",
        error_type="IntegrityError",
    )

    assert "owl@example.org" not in email.logs.get().message
    assert "<email redacted>" in email.logs.get().message


def test_an_unusable_sender_is_named_as_such():
    email = enqueue(to=["reader@example.org"], subject="Hello", text="Text", from_email="not a sender")

    assert email.logs.get().message == "Invalid sender address"
