"""One count of the queue everywhere: the menu badge, the dashboard, the queue page and the moderators'
reminder say the same number, ``queue.waiting_count()`` (what waits for a moderator's decision)."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from consultations.factories import ConsultationCommentFactory
from consultations.models import CommentReport, ConsultationComment
from consultations.moderation import links, queue
from consultations.notifications import to_moderators
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


@pytest.fixture
def every_kind_of_comment(consultation):
    """Five comments wait for a decision; four others are in no count (one of them is listed, returned)."""
    make = ConsultationCommentFactory
    hours_ago = timezone.now() - datetime.timedelta(hours=30)
    waiting = [
        make(page=consultation, state=State.PENDING, submit_date=hours_ago, comment="Pending for long"),
        make(page=consultation, state=State.PENDING, screening_reasons=["phone"]),
        make(page=consultation, state=State.PUBLISHED, reviewed_at=None),  # post-moderated, unread
        make(page=consultation, state=State.PUBLISHED),  # reported, below (published, with an open report)
        make(page=consultation, state=State.PENDING),  # held after reports, below
    ]
    CommentReport.objects.create(comment=waiting[3], reporter_key="reader-1")
    for number in range(3):
        CommentReport.objects.create(comment=waiting[4], reporter_key=f"reader-{number}")
    reported_then_kept = make(page=consultation, state=State.PUBLISHED)
    CommentReport.objects.create(
        comment=reported_then_kept, reporter_key="reader-9", reviewed_at=timezone.now()
    )
    make(page=consultation, state=State.RETURNED)
    make(page=consultation, state=State.REMOVED)
    make(page=consultation, state=State.PUBLISHED)
    return waiting


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_menu_badge_the_dashboard_the_queue_page_and_the_reminder_agree(
    every_kind_of_comment, moderator_client, moderator_user
):
    dashboard = text_of(moderator_client.get("/admin/").content.decode())
    page = text_of(moderator_client.get(links.queue_url()).content.decode())
    to_moderators.send_moderation_reminders(24)
    deliver()
    [reminder] = [message for message in mail.outbox if message.to == [moderator_user.email]]

    assert queue.waiting_count() == 5
    assert queue.summary().waiting == 5
    assert "Moderation (5)" in dashboard
    assert "Waiting for a decision 5 " in dashboard
    assert "5 comments wait for a decision, oldest first." in page
    assert "1 returned comment waits for its author (listed last)." in page
    assert "In all, 5 comments wait for a decision in the queue." in reminder.body
    assert "In all, 5 comments wait for a decision in the queue." in text_of(reminder.alternatives[0][0])
    assert "Moderation (5)" in page  # the badge, on the queue page itself


def test_a_decision_changes_every_count_at_once(every_kind_of_comment, moderator_client, moderator_user):
    from consultations.moderation import service as moderation

    moderation.approve(every_kind_of_comment[1], moderator_user)

    dashboard = text_of(moderator_client.get("/admin/").content.decode())
    page = text_of(moderator_client.get(links.queue_url()).content.decode())
    assert "Moderation (4)" in dashboard and "Waiting for a decision 4 " in dashboard
    assert "4 comments wait for a decision, oldest first." in page


def test_a_filtered_queue_keeps_the_count_and_says_how_many_it_shows(every_kind_of_comment, moderator_client):
    page = text_of(moderator_client.get(links.queue_url(), {"flagged": "true"}).content.decode())

    assert "5 comments wait for a decision, oldest first." in page
    assert "2 shown with these filters." in page
