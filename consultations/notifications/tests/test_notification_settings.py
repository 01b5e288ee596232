"""The notification mode and the digest hour are chosen in the admin (Settings → Community manager); the
TRIBUNE_MODERATOR_NOTIFICATIONS environment variable only decides for sites whose organiser never chose.
The clock is frozen by passing ``now``."""

import datetime
import io
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command

from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment
from consultations.moderation import service as moderation
from consultations.notifications import to_moderators
from guidelines.factories import CommunityManagerSettingsFactory
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TORONTO = zoneinfo.ZoneInfo("America/Toronto")


def paris(day, hour, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def manager(site_tree):
    return CommunityManagerSettingsFactory(
        site=site_tree.site, moderator_notifications="digest", digest_hour=8, time_zone="Europe/Paris"
    )


def pending(consultation, text, at):
    return ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=text, submit_date=at)


def digests(moderator_user):
    """The subjects and bodies of the emails the moderator got since the last call."""
    deliver()
    received = [
        (message.subject, message.body) for message in mail.outbox if message.to == [moderator_user.email]
    ]
    mail.outbox.clear()
    return received


def test_the_digest_leaves_once_a_day_at_the_digest_hour_in_the_managers_time_zone(
    manager, consultation, moderator_user
):
    dawn = pending(consultation, "Benches at dawn", paris(10, 6))

    before = to_moderators.send_moderation_reminders(now=paris(10, 7, 59))
    at_the_hour = to_moderators.send_moderation_reminders(now=paris(10, 8, 5))
    [(subject, body)] = digests(moderator_user)
    moderation.approve(dawn, moderator_user)
    pending(consultation, "Shade at ten", paris(10, 10))
    later_that_day = to_moderators.send_moderation_reminders(now=paris(10, 11, 5))
    next_morning = to_moderators.send_moderation_reminders(now=paris(11, 8, 5))
    [(_subject, next_body)] = digests(moderator_user)

    assert (before, at_the_hour, later_that_day, next_morning) == (0, 1, 0, 1)
    assert subject == "New comments to moderate"
    assert "Benches at dawn" in body and "Shade at ten" not in body
    assert "Shade at ten" in next_body and "Benches at dawn" not in next_body


def test_a_missed_run_sends_the_digest_at_the_next_one_and_only_once(manager, consultation, moderator_user):
    pending(consultation, "Skate ramp", paris(10, 6))

    late = to_moderators.send_moderation_reminders(now=paris(10, 13, 20))
    again = to_moderators.send_moderation_reminders(now=paris(10, 14, 20))

    assert (late, again) == (1, 0)
    assert len(digests(moderator_user)) == 1


def test_the_digest_hour_is_read_in_the_managers_time_zone(manager, consultation, moderator_user):
    manager.time_zone = "America/Toronto"
    manager.save()
    pending(consultation, "Basketball hoop", paris(10, 6))

    at_eight_in_paris = to_moderators.send_moderation_reminders(now=paris(10, 8, 5))
    at_eight_in_toronto = to_moderators.send_moderation_reminders(
        now=datetime.datetime(2026, 3, 10, 8, 5, tzinfo=TORONTO)
    )

    assert (at_eight_in_paris, at_eight_in_toronto) == (0, 1)


def test_the_mode_chosen_in_the_admin_wins_over_the_environment(
    manager, consultation, moderator_user, settings
):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = "digest"
    manager.moderator_notifications = "each"
    manager.save()
    comment = pending(consultation, "Water fountain", paris(10, 6))

    to_moderators.notify_moderators_of_new_comment(comment)
    [(subject, _body)] = digests(moderator_user)
    reminded = to_moderators.send_moderation_reminders(now=paris(10, 9))

    assert subject == "A new comment is waiting for moderation"
    assert reminded == 0


def test_off_in_the_admin_sends_neither_the_email_nor_the_digest_but_still_the_overdue_reminder(
    manager, consultation, moderator_user
):
    manager.moderator_notifications = "off"
    manager.save()
    comment = pending(consultation, "Bike racks", paris(10, 6))

    to_moderators.notify_moderators_of_new_comment(comment)
    morning = to_moderators.send_moderation_reminders(now=paris(10, 9))
    next_day = to_moderators.send_moderation_reminders(now=paris(11, 7))

    assert (morning, next_day) == (0, 1)
    [(subject, _body)] = digests(moderator_user)
    assert subject == "1 comment is waiting longer than promised"


def test_a_comment_already_recalled_as_overdue_is_not_announced_again_as_new(
    manager, consultation, moderator_user
):
    manager.promised_response_hours = 2
    manager.save()
    pending(consultation, "Picnic tables", paris(10, 10))

    overdue = to_moderators.send_moderation_reminders(now=paris(10, 12, 30))
    next_digest = to_moderators.send_moderation_reminders(now=paris(11, 8, 5))

    assert (overdue, next_digest) == (1, 0)


def test_without_a_choice_in_the_admin_the_environment_decides(
    site_tree, consultation, moderator_user, settings
):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = "off"
    comment = pending(consultation, "Lights at night", paris(10, 6))

    to_moderators.notify_moderators_of_new_comment(comment)

    assert digests(moderator_user) == []


def test_the_hourly_command_sends_the_digest_with_the_real_clock(manager, consultation, moderator_user):
    """The cron job reads the clock itself: with the digest hour just passed, a comment from before it goes."""
    from django.utils import timezone

    now = timezone.now().astimezone(PARIS)
    manager.digest_hour = now.hour
    manager.save()
    pending(
        consultation,
        "Outdoor gym",
        now.replace(minute=0, second=0, microsecond=0) - datetime.timedelta(minutes=1),
    )

    call_command("moderation_reminders", stdout=io.StringIO())

    [(_subject, body)] = digests(moderator_user)
    assert "Outdoor gym" in body
