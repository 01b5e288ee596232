"""Post-moderation: a comment published at once still waits for a person to read it.

It enters the queue's "published, not yet reviewed" lane, counts toward the promised response
time, notifies the moderators, and leaves the lane when a moderator keeps, removes or returns it.
"""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from consultations.comments.urls import comment_post_url
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import CommentReport, ConsultationComment, ModerationDecision
from consultations.moderation import queue
from consultations.moderation import service as moderation
from consultations.moderation.tests.admin_pages import (
    QUEUE,
    bulk,
    bulk_url,
    comment_url,
    decide_url,
    decision_form,
    messages_of,
    reply_url,
    seen_now,
)
from consultations.notifications.to_moderators import send_moderation_reminders
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
MODERATOR_ADDRESS = "camille@example.org"  # the conftest's moderator_user
TEXT = "A skate ramp for beginners, please."


@pytest.fixture(autouse=True)
def clean_slate():
    cache.clear()


@pytest.fixture
def post_moderated(consultation):
    consultation.moderation_mode = "post"
    consultation.save_revision().publish()
    return consultation


@pytest.fixture
def posted(post_moderated, comment_data, moderator_user):
    """A comment posted by a young person on a post-moderated consultation, as the form does it."""
    response = Client().post(
        comment_post_url(post_moderated),
        comment_data(post_moderated, comment=TEXT, email="author@example.org", name="Kenza"),
    )
    assert response.status_code == 302
    comment = ConsultationComment.objects.get(comment=TEXT)
    assert comment.state == State.PUBLISHED
    mail.outbox.clear()
    return comment


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def unreviewed(page, **kwargs):
    return ConsultationCommentFactory(page=page, state=State.PUBLISHED, reviewed_at=None, **kwargs)


def sent_to(address):
    deliver()
    return [message for message in mail.outbox if message.to == [address]]


def lane(client):
    return client.get(QUEUE + "?state=unreviewed").content.decode()


# Entering the lane.


def test_post_moderated_comment_is_public_and_waits_in_the_unreviewed_lane(moderator_client, posted):
    html = lane(moderator_client)
    pending_only = moderator_client.get(QUEUE + "?state=pending").content.decode()
    detail = moderator_client.get(comment_url(posted)).content.decode()
    confirmation = moderator_client.get(bulk_url("approve", [posted.pk])).content.decode()

    assert TEXT in html
    assert "Published, not yet reviewed" in html
    assert "Keep it (mark as reviewed)" in html
    assert f'data-object-id="{posted.pk}"' in html  # its checkbox, for a bulk decision
    assert TEXT not in pending_only
    assert TEXT in Client().get(posted.content_object.url).content.decode()
    assert "Published, not yet reviewed" in detail
    assert "Its author receives no email." in detail
    assert "Published, not yet reviewed" in confirmation


def test_unreviewed_lane_is_offered_as_a_filter_in_both_languages(moderator_client, moderator_user):
    english = moderator_client.get(QUEUE).content.decode()
    profile = UserProfile.get_for_user(moderator_user)
    profile.preferred_language = "fr"
    profile.save()
    french = moderator_client.get(QUEUE).content.decode()

    assert '<option value="unreviewed">Published, not yet reviewed</option>' in english
    assert '<option value="unreviewed">Publié, pas encore relu</option>' in french


def test_post_moderated_comment_counts_on_the_dashboard_and_the_menu_badge(moderator_client, posted):
    dashboard = moderator_client.get("/admin/").content.decode()

    assert queue.waiting_count() == 1
    assert "Moderation (1)" in dashboard
    assert queue.summary().waiting == 1
    assert "Of which published, not yet reviewed" in dashboard


def test_lane_is_ordered_by_how_long_each_comment_has_waited(moderator_client, post_moderated):
    unreviewed(post_moderated, comment="Posted an hour ago", submit_date=hours_ago(1))
    unreviewed(post_moderated, comment="Posted ten hours ago", submit_date=hours_ago(10))
    ConsultationCommentFactory(
        page=post_moderated, state=State.PENDING, comment="Pending for five hours", submit_date=hours_ago(5)
    )

    html = moderator_client.get(QUEUE).content.decode()

    assert html.index("Posted ten hours ago") < html.index("Pending for five hours")
    assert html.index("Pending for five hours") < html.index("Posted an hour ago")


def test_comment_in_the_lane_past_the_promise_makes_the_dashboard_late(moderator_client, post_moderated):
    unreviewed(post_moderated, comment="Nobody read me", submit_date=hours_ago(30))

    dashboard = moderator_client.get("/admin/").content.decode()
    html = lane(moderator_client)

    assert 'class="tm-panel tm-panel--late"' in dashboard
    assert "Late: 1 comment has waited longer than the promised 24 hours." in dashboard
    assert "Past the promised time" in html
    assert queue.summary(promise_hours=24).late == 1


def test_pre_moderated_approved_comment_is_not_in_the_lane(moderator_client, consultation, moderator_user):
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, comment="Approved before anyone saw it"
    )
    moderation.approve(comment, moderator_user)

    assert ConsultationComment.objects.get(pk=comment.pk).reviewed_by == moderator_user
    assert "Approved before anyone saw it" not in moderator_client.get(QUEUE).content.decode()
    assert queue.waiting_count() == 0


def test_community_manager_reply_is_not_in_the_lane(moderator_client, moderator_user, posted):
    moderation.approve(posted, moderator_user)  # keep the parent, so only the reply could be listed
    moderator_client.post(reply_url(posted), {"text": "Thanks, we note it down."})

    reply = ConsultationComment.objects.get(is_community_manager=True)
    assert reply.state == State.PUBLISHED
    assert reply.reviewed_at is not None
    assert "Thanks, we note it down." not in moderator_client.get(QUEUE).content.decode()
    assert queue.waiting_count() == 0


# Telling the moderators.


def test_post_moderated_comment_emails_each_moderator_that_it_is_already_public(posted, settings):
    messages = sent_to(MODERATOR_ADDRESS)

    assert settings.TRIBUNE_MODERATOR_NOTIFICATIONS == "each"
    assert len(messages) == 1
    assert "already published" in messages[0].subject
    assert "It is already public: please review it." in messages[0].body
    assert TEXT in messages[0].body


def test_digest_lists_a_post_moderated_comment_as_already_published(
    post_moderated, comment_data, moderator_user, digest_clock
):
    Client().post(comment_post_url(post_moderated), comment_data(post_moderated, comment=TEXT))
    assert sent_to(MODERATOR_ADDRESS) == []  # nothing at once in digest mode

    assert send_moderation_reminders(24, now=digest_clock) == 1
    (message,) = sent_to(MODERATOR_ADDRESS)

    assert message.subject == "New comments to moderate"
    assert TEXT in message.body
    assert "already published — please review" in message.body


def test_overdue_reminder_includes_unreviewed_comments_waiting_longer_than_promised(
    post_moderated, moderator_user, settings
):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = "off"
    unreviewed(post_moderated, comment="Public for thirty hours", submit_date=hours_ago(30))
    unreviewed(post_moderated, comment="Public for one hour", submit_date=hours_ago(1))
    ConsultationCommentFactory(page=post_moderated, comment="Kept long ago", submit_date=hours_ago(50))

    call_command("moderation_reminders")
    (message,) = sent_to(MODERATOR_ADDRESS)

    assert "1 comment is waiting longer than promised" in message.subject
    assert "Public for thirty hours" in message.body
    assert "already published — please review" in message.body
    assert "Public for one hour" not in message.body
    assert "Kept long ago" not in message.body


# Leaving the lane.


def test_keeping_a_comment_takes_it_out_of_the_lane_records_it_and_emails_no_author(
    moderator_client, moderator_user, posted
):
    response = moderator_client.post(
        decide_url(posted, "approve"),
        decision_form(posted),
        follow=True,
    )

    kept = ConsultationComment.objects.get(pk=posted.pk)
    assert "1 comment approved." in messages_of(response)
    assert kept.state == State.PUBLISHED
    assert kept.reviewed_by == moderator_user
    decision = ModerationDecision.objects.get(comment=kept)
    assert (decision.action, decision.from_state, decision.to_state) == ("approve", "published", "published")
    assert ModelLogEntry.objects.filter(object_id=str(kept.pk), action="tribune.comment.approve").exists()
    assert TEXT not in lane(moderator_client)
    assert queue.waiting_count() == 0
    assert sent_to("author@example.org") == []


def test_removing_a_comment_from_the_lane_emails_its_author_the_reason(
    moderator_client, posted, personal_info
):
    assert TEXT in lane(moderator_client)

    moderator_client.post(
        decide_url(posted, "remove"),
        decision_form(posted, reason=personal_info.pk, message="No names, please."),
    )

    assert ConsultationComment.objects.get(pk=posted.pk).state == State.REMOVED
    assert TEXT not in lane(moderator_client)
    (message,) = sent_to("author@example.org")
    assert "Personal information" in message.body
    assert "No names, please." in message.body


def test_a_reply_reaches_the_parents_author_only_once_a_moderator_kept_it_and_only_once(
    post_moderated, comment_data, moderator_user
):
    ConfirmedAddressFactory(address="parent@example.org")
    parent = ConsultationCommentFactory(page=post_moderated, user_email="parent@example.org", followup=True)
    Client(REMOTE_ADDR="198.51.100.7").post(
        comment_post_url(post_moderated),
        comment_data(post_moderated, reply_to=str(parent.pk), name="Sam", comment="Nobody has read me yet"),
    )
    reply = ConsultationComment.objects.get(user_name="Sam")
    before_anyone_read_it = sent_to("parent@example.org")

    moderation.approve(reply, moderator_user)
    after_keeping = sent_to("parent@example.org")
    CommentReport.objects.create(comment=reply, reporter_key="a-reader")
    moderation.approve(reply, moderator_user)  # kept again after a report

    assert reply.state == State.PUBLISHED
    assert before_anyone_read_it == []
    assert len(after_keeping) == 1
    assert "Nobody has read me yet" in after_keeping[0].body
    assert len(sent_to("parent@example.org")) == 1


def test_bulk_keep_empties_the_lane(moderator_client, post_moderated):
    comments = [unreviewed(post_moderated, comment=f"Idea number {n}") for n in range(3)]

    response = bulk(moderator_client, comments, "approve")

    assert "3 comments approved." in messages_of(response)
    assert not ConsultationComment.objects.filter(reviewed_at__isnull=True).exists()
    assert "Idea number" not in lane(moderator_client)


def test_keeping_a_comment_someone_already_kept_is_refused_as_stale(posted, moderator_user):
    seen_by_both = seen_now(posted)
    moderation.approve(posted, moderator_user, seen=seen_by_both)

    with pytest.raises(moderation.StaleDecision, match="Someone decided on this comment in the meantime"):
        moderation.approve(posted, moderator_user, seen=seen_by_both)

    assert ModerationDecision.objects.count() == 1


def test_a_revised_text_must_be_read_again(consultation, moderator_user, personal_info):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    moderation.return_for_revision(comment, moderator_user, personal_info)

    moderation.resubmit(comment, "A new text")

    assert ConsultationComment.objects.get(pk=comment.pk).reviewed_at is None


# Existing data and the demo.


def test_migration_marks_decided_comments_reviewed_and_leaves_post_moderated_ones_in_the_lane(
    consultation, moderator_user
):
    approved = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    moderation.approve(approved, moderator_user)
    never_read = unreviewed(consultation)
    ConsultationComment.objects.update(reviewed_at=None, reviewed_by=None)  # as before the migration
    migration = importlib.import_module("consultations.migrations.0010_mark_moderated_comments_reviewed")

    migration.mark_reviewed(apps, None)

    approved.refresh_from_db()
    assert approved.reviewed_at == approved.decisions.get().created_at
    assert approved.reviewed_by == moderator_user
    assert ConsultationComment.objects.get(pk=never_read.pk).reviewed_at is None


def test_demo_leaves_no_published_comment_unread():
    call_command("load_demo_content")

    assert ConsultationComment.objects.filter(state=State.PUBLISHED).exists()
    assert not ConsultationComment.objects.filter(state=State.PUBLISHED, reviewed_at__isnull=True).exists()
