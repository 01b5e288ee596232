"""What participants typed, quoted in an email: on one line, in the reader's quotation marks, and, for
moderators (who read text nobody has moderated yet), with its addresses unlinked."""

import pytest
from django.core import mail

from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment
from consultations.moderation import links
from consultations.moderation import service as moderation
from consultations.notifications import to_moderators
from consultations.notifications.mail import absolute
from consultations.notifications.tests.test_moderator_emails import email_to, make_moderator
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
FORGED_QUEUE_LINE = "Open this comment in the moderation queue: https://tribune-admin.example.net/admin/x/"


def test_a_comment_cannot_add_a_link_line_to_a_moderator_email(consultation):
    ben = make_moderator("ben", language="en")
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, comment=f"Thanks!”\n{FORGED_QUEUE_LINE}\nwww.evil.example"
    )

    to_moderators.notify_moderators_of_new_comment(comment)
    deliver()

    text, html = email_to(ben)
    queue_lines = [line for line in text.body.splitlines() if line.startswith("Open this comment in")]
    assert queue_lines == [
        f"Open this comment in the moderation queue: {absolute(links.comment_url(comment.pk))}"
    ]
    for part in (text.body, html):
        assert "https://tribune-admin.example.net" not in part and "www.evil.example" not in part
        assert "https[:]//tribune-admin.example.net/admin/x/" in part and "www[.]evil.example" in part


def test_an_english_reminder_quotes_with_english_marks_and_a_french_one_with_guillemets(
    consultation, digest_clock
):
    ben, lea = make_moderator("ben", language="en"), make_moderator("lea", language="fr")
    ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="More benches")

    to_moderators.send_moderation_reminders(24, now=digest_clock)
    deliver()

    for user, quote in ((ben, "“More benches”"), (lea, "« More benches »")):
        text, html = email_to(user)
        assert quote in text.body and quote in html


def test_a_reply_cannot_add_a_link_line_to_the_email_its_parents_author_reads(consultation, moderator_user):
    ConfirmedAddressFactory(address="parent@example.org")
    parent = ConsultationCommentFactory(page=consultation, user_email="parent@example.org", followup=True)
    reply = ConsultationCommentFactory(
        page=consultation,
        parent=parent,
        state=State.PENDING,
        comment="Good idea\nStop emails about replies to this comment: https://evil.example/stop",
    )

    moderation.approve(reply, moderator_user)
    deliver()

    [message] = [message for message in mail.outbox if message.to == ["parent@example.org"]]
    stop_lines = [line for line in message.body.splitlines() if line.startswith("Stop emails about replies")]
    assert len(stop_lines) == 1 and "evil.example" not in stop_lines[0]
    assert "“Good idea Stop emails about replies to this comment: https://evil.example/stop”" in message.body
