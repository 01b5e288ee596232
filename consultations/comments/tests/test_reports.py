import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from consultations.factories import ConsultationCommentFactory
from consultations.models import CommentReport, ConsultationComment, ModerationDecision
from consultations.moderation import service as moderation
from consultations.moderation.permissions import COMMUNITY_MANAGERS
from consultations.moderation.tests.admin_pages import decide_url, decision_form
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
Action = ModerationDecision.Action
QUEUE = "/admin/moderation/"


def report(page, comment, address):
    """A reader's report, each reader from their own address."""
    return Client(REMOTE_ADDR=address).post(
        f"{page.url}comments/{comment.pk}/report/", {"reason": "Insulting"}
    )


def test_a_report_puts_a_published_comment_in_the_queue_and_it_stays_public(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, comment="Nobody cares about your park")

    report(consultation, comment, "10.0.0.1")

    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PUBLISHED
    html = moderator_client.get(QUEUE).content.decode()
    assert "Nobody cares about your park" in html
    assert "reported 1 time" in html


def test_the_same_reader_reporting_twice_counts_once(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation)

    report(consultation, comment, "10.0.0.1")
    report(consultation, comment, "10.0.0.1")

    assert "reported 1 time" in moderator_client.get(QUEUE).content.decode()


def test_at_the_threshold_the_comment_is_hidden_until_a_moderator_decides(client, consultation, settings):
    settings.TRIBUNE_REPORT_HOLD_THRESHOLD = 3
    comment = ConsultationCommentFactory(page=consultation, comment="Hurtful words here")

    report(consultation, comment, "10.0.0.1")
    report(consultation, comment, "10.0.0.2")
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PUBLISHED

    report(consultation, comment, "10.0.0.3")

    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PENDING
    decision = ModerationDecision.objects.get(comment=comment)
    assert (decision.action, decision.moderator) == (Action.HOLD, None)
    assert "Hurtful words here" not in client.get(consultation.url).content.decode()


def test_the_threshold_is_configurable(consultation, settings):
    settings.TRIBUNE_REPORT_HOLD_THRESHOLD = 1
    comment = ConsultationCommentFactory(page=consultation)

    report(consultation, comment, "10.0.0.1")

    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PENDING


def test_approving_a_reported_comment_keeps_it_public_and_dismisses_the_reports(
    moderator_client, moderator_user, consultation
):
    comment = ConsultationCommentFactory(page=consultation, comment="Strong opinion, within the rules")
    report(consultation, comment, "10.0.0.1")

    moderator_client.post(decide_url(comment, "approve"), decision_form(comment))

    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PUBLISHED
    assert CommentReport.objects.get().reviewed_by == moderator_user
    assert "Strong opinion, within the rules" not in moderator_client.get(QUEUE).content.decode()


def test_approving_a_held_comment_publishes_it_again_and_closes_its_reports(
    moderator_client, moderator_user, consultation, settings
):
    settings.TRIBUNE_REPORT_HOLD_THRESHOLD = 2
    comment = ConsultationCommentFactory(page=consultation, comment="Held then cleared")
    report(consultation, comment, "10.0.0.1")
    report(consultation, comment, "10.0.0.2")

    moderator_client.post(decide_url(comment, "approve"), decision_form(comment))

    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PUBLISHED
    assert not CommentReport.objects.filter(reviewed_at__isnull=True).exists()
    assert "Held then cleared" not in moderator_client.get(QUEUE).content.decode()
    # A new report after the decision opens the case again.
    report(consultation, comment, "10.0.0.3")
    assert "reported 1 time" in moderator_client.get(QUEUE).content.decode()


def test_removing_a_reported_comment_closes_its_reports(moderator_user, consultation, personal_info):
    comment = ConsultationCommentFactory(page=consultation)
    CommentReport.objects.create(comment=comment, reporter_key="a")

    moderation.remove(comment, moderator_user, personal_info)

    assert CommentReport.objects.get().reviewed_at is not None


def test_approving_a_published_comment_nobody_reported_is_still_refused(moderator_user, consultation):
    comment = ConsultationCommentFactory(page=consultation)

    with pytest.raises(moderation.TransitionNotAllowed):
        moderation.approve(comment, moderator_user)

    assert not ModerationDecision.objects.exists()


# Reporters count once per network: an IPv4 address, or an IPv6 /64.


def state_of(comment):
    return ConsultationComment.objects.get(pk=comment.pk).state


@pytest.fixture
def two_moderators(moderator_user):
    other = get_user_model().objects.create_user("sami", email="sami@example.org", password="pw")
    other.groups.add(Group.objects.get(name=COMMUNITY_MANAGERS))
    return [moderator_user, other]


def held_emails():
    deliver()
    return sorted(tuple(message.to) for message in mail.outbox if "hid a comment" in message.subject)


def test_three_reports_from_one_ipv6_64_count_once_and_do_not_hide_the_comment(consultation, settings):
    settings.TRIBUNE_REPORT_HOLD_THRESHOLD = 3
    comment = ConsultationCommentFactory(page=consultation)

    for address in ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff:ffff:ffff:ffff"]:
        report(consultation, comment, address)

    assert state_of(comment) == State.PUBLISHED
    assert CommentReport.objects.filter(comment=comment).count() == 1


def test_an_ipv4_address_counts_once_whatever_its_notation(consultation, settings):
    settings.TRIBUNE_REPORT_HOLD_THRESHOLD = 2
    comment = ConsultationCommentFactory(page=consultation)

    report(consultation, comment, "10.0.0.1")
    report(consultation, comment, "::ffff:10.0.0.1")

    assert state_of(comment) == State.PUBLISHED
    assert CommentReport.objects.filter(comment=comment).count() == 1


@pytest.mark.parametrize("notifications", ["each", "digest", "off"])
def test_reports_from_three_networks_hide_the_comment_and_email_every_moderator_once(
    consultation, two_moderators, settings, notifications
):
    settings.TRIBUNE_REPORT_HOLD_THRESHOLD = 3
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = notifications
    comment = ConsultationCommentFactory(page=consultation, comment="Reported from three places")

    for address in ["2001:db8:1:1::1", "2001:db8:1:2::1", "10.0.0.1"]:
        report(consultation, comment, address)
    report(consultation, comment, "10.0.0.2")  # a fourth report after the hold

    assert state_of(comment) == State.PENDING
    assert held_emails() == [("camille@example.org",), ("sami@example.org",)]
    message = next(m for m in mail.outbox if m.to == ["camille@example.org"])
    assert "Reported from three places" in message.body
    assert f"/admin/moderation/comments/{comment.pk}/" in message.body


def test_a_kept_comment_cannot_be_hidden_again_by_the_same_networks_and_needs_more_new_ones(
    consultation, moderator_user, settings
):
    settings.TRIBUNE_REPORT_HOLD_THRESHOLD = 3
    comment = ConsultationCommentFactory(page=consultation)
    first_reporters = ["2001:db8:1:1::1", "2001:db8:1:2::1", "10.0.0.1"]
    for address in first_reporters:
        report(consultation, comment, address)
    moderation.approve(comment, moderator_user)  # the moderator keeps it

    # The same networks, even from other addresses of their /64, report it again.
    for address in ["2001:db8:1:1::99", "2001:db8:1:2::99", "10.0.0.1"]:
        report(consultation, comment, address)

    assert state_of(comment) == State.PUBLISHED
    assert held_emails() == [("camille@example.org",)]  # the first hold only

    # Readers from networks that never reported it can still hide it, but the three reports the
    # moderator dismissed raise the bar: it now takes six new networks (three new /64s of one
    # phone reconnecting are not enough).
    for address in ["10.0.0.2", "10.0.0.3", "2001:db8:9:9::1", "10.0.0.4", "10.0.0.5"]:
        report(consultation, comment, address)
    assert state_of(comment) == State.PUBLISHED

    report(consultation, comment, "2001:db8:9:a::1")

    assert state_of(comment) == State.PENDING
    assert held_emails() == [("camille@example.org",), ("camille@example.org",)]
