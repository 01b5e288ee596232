import pytest
from django.test import Client
from django.urls import reverse

from consultations import moderation
from consultations.factories import ConsultationCommentFactory
from consultations.models import CommentReport, ConsultationComment, ModerationDecision

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

    moderator_client.post(
        reverse("tribune_moderation:decide", args=[comment.pk, "approve"]), {"expected_state": "published"}
    )

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

    moderator_client.post(
        reverse("tribune_moderation:decide", args=[comment.pk, "approve"]), {"expected_state": "pending"}
    )

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
