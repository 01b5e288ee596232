import pytest
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from consultations.factories import ConsultationCommentFactory
from consultations.models import CommentReport, ConsultationComment, ModerationDecision, ReasonCategory
from consultations.moderation import service as moderation
from consultations.moderation.tests.admin_pages import seen_now

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
Action = ModerationDecision.Action


@pytest.fixture
def moderator(db):
    return get_user_model().objects.create_user("camille", email="camille@example.org", password="x")


@pytest.fixture
def reason(db):
    return ReasonCategory.objects.get(title="Personal information")


def test_reasons_are_seeded_in_english_and_french(db):
    titles = set(ReasonCategory.objects.values_list("title", flat=True))

    assert {
        "Personal information",
        "Disrespect or harassment",
        "Off-topic",
        "Illegal or inappropriate content",
        "Spam or advertising",
    } <= titles
    assert (
        ReasonCategory.objects.get(title="Personal information").in_language("fr").title
        == "Informations personnelles"
    )


def test_approving_a_pending_comment_publishes_it_and_records_who_and_when(consultation, moderator):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    decision = moderation.approve(comment, moderator)

    comment.refresh_from_db()
    assert comment.state == State.PUBLISHED
    assert comment.is_public is True
    assert (decision.action, decision.moderator, decision.from_state, decision.to_state) == (
        Action.APPROVE,
        moderator,
        State.PENDING,
        State.PUBLISHED,
    )
    entry = ModelLogEntry.objects.get(object_id=str(comment.pk), action="tribune.comment.approve")
    assert entry.user == moderator


def test_removal_needs_a_reason_and_keeps_the_message(consultation, moderator, reason):
    comment = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED)

    with pytest.raises(moderation.ReasonRequired):
        moderation.remove(comment, moderator, reason=None)
    decision = moderation.remove(comment, moderator, reason, message="Please do not share phone numbers.")

    comment.refresh_from_db()
    assert comment.state == State.REMOVED
    assert comment.is_public is False
    assert decision.reason == reason
    assert decision.message == "Please do not share phone numbers."


def test_return_for_revision_then_resubmit_goes_back_to_the_queue_with_its_history(
    consultation, moderator, reason
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    moderation.return_for_revision(comment, moderator, reason, message="Remove the address and it is fine.")
    moderation.resubmit(comment, "The same idea, without the address.")

    comment.refresh_from_db()
    assert comment.state == State.PENDING
    assert comment.comment == "The same idea, without the address."
    assert list(comment.decisions.values_list("action", flat=True)) == [Action.RESUBMIT, Action.RETURN]


def test_a_revised_text_is_screened_again_so_the_moderator_sees_what_it_holds(
    consultation, moderator, reason
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    ConsultationComment.objects.filter(pk=comment.pk).update(screening_reasons=["phone"])
    comment.refresh_from_db()
    moderation.return_for_revision(comment, moderator, reason)

    moderation.resubmit(comment, "The same idea, without my number.")
    comment.refresh_from_db()
    assert comment.screening_reasons == []

    moderation.return_for_revision(comment, moderator, reason)
    moderation.resubmit(comment, "Text me instead on 07 12 34 56 78.")
    comment.refresh_from_db()
    assert comment.screening_reasons == ["phone"]


def test_restore_brings_a_removed_comment_back(consultation, moderator, reason):
    comment = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED)
    moderation.remove(comment, moderator, reason)

    moderation.restore(comment, moderator)

    comment.refresh_from_db()
    assert comment.state == State.PUBLISHED


@pytest.mark.parametrize(
    "state, action",
    [
        (State.PUBLISHED, Action.APPROVE),
        (State.REMOVED, Action.APPROVE),
        (State.WITHDRAWN, Action.REMOVE),
        (State.PENDING, Action.RESTORE),
        (State.PUBLISHED, Action.RESUBMIT),
        (State.WITHDRAWN, Action.WITHDRAW),
    ],
)
def test_transitions_that_make_no_sense_are_refused_and_change_nothing(
    consultation, moderator, reason, state, action
):
    comment = ConsultationCommentFactory(page=consultation, state=state)

    with pytest.raises(moderation.TransitionNotAllowed):
        moderation.decide(comment, action, moderator=moderator, reason=reason, new_text="x")

    comment.refresh_from_db()
    assert comment.state == state
    assert not ModerationDecision.objects.exists()


def test_stale_decision_is_refused_when_another_moderator_decided_first(consultation, moderator, reason):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    seen_by_both = seen_now(comment)
    other_view = ConsultationComment.objects.get(pk=comment.pk)
    moderation.approve(comment, moderator, seen=seen_by_both)

    with pytest.raises(moderation.StaleDecision, match="it is now “Published”"):
        moderation.remove(other_view, moderator, reason, seen=seen_by_both)

    assert ModerationDecision.objects.count() == 1
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PUBLISHED


@pytest.mark.parametrize("action", [Action.APPROVE, Action.REMOVE, Action.RETURN])
def test_a_decision_on_a_comment_reported_since_the_moderator_saw_it_is_refused_and_closes_no_report(
    consultation, moderator, reason, action
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED)
    CommentReport.objects.create(comment=comment, reporter_key="seen")
    seen = seen_now(comment)
    CommentReport.objects.create(comment=comment, reporter_key="not-seen")

    with pytest.raises(
        moderation.StaleDecision, match="Readers reported this comment since the page was shown"
    ):
        moderation.decide(comment, action, moderator=moderator, reason=reason, seen=seen)

    assert CommentReport.objects.filter(reviewed_at__isnull=True).count() == 2
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PUBLISHED
    assert not ModerationDecision.objects.exists()


def test_listener_failure_rolls_the_decision_back(consultation, moderator):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    def broken_listener(**kwargs):
        raise RuntimeError("outbox unavailable")

    moderation.comment_decided.connect(broken_listener)
    try:
        with pytest.raises(RuntimeError):
            moderation.approve(comment, moderator)
    finally:
        moderation.comment_decided.disconnect(broken_listener)

    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PENDING
    assert not ModerationDecision.objects.exists()


def test_author_can_withdraw_their_comment(consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED)

    moderation.withdraw(comment)

    comment.refresh_from_db()
    assert comment.state == State.WITHDRAWN
    assert comment.is_removed is True


def test_a_reply_to_a_comment_removed_since_the_moderator_saw_it_is_refused(consultation, moderator, reason):
    parent = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED)
    as_the_moderator_saw_it = ConsultationComment.objects.get(pk=parent.pk)
    moderation.remove(parent, moderator, reason)  # a colleague removes it meanwhile

    with pytest.raises(moderation.ModerationError, match="You can only reply to a published comment"):
        moderation.reply_as_manager(as_the_moderator_saw_it, moderator, "Thanks!")

    assert not ConsultationComment.objects.filter(is_community_manager=True).exists()


def test_community_manager_reply_is_published_at_once_with_a_badge(client, consultation, moderator):
    parent = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED)

    reply = moderation.reply_as_manager(parent, moderator, "Thanks, we passed it on!")

    assert reply.state == State.PUBLISHED
    assert reply.parent_id == parent.pk
    html = client.get(consultation.url).content.decode()
    assert "Thanks, we passed it on!" in html
    assert 'class="comment comment--manager"' in html
