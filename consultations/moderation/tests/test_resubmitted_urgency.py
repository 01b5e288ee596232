"""A returned comment its author revises is read again for urgent phrases: a revision that says the author is in
danger goes to the "Urgent" lane and emails every moderator at once, so that nobody approves, edits out or
approves-and-replies to it without seeing that it is urgent."""

import pytest
from django.core import mail

from consultations.authors.links import make_token
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, ReasonCategory
from consultations.moderation import queue
from consultations.moderation import service as moderation
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
DANGER = "Honestly, my stepdad hits me and I want to die"


def returned_comment(page, moderator):
    comment = ConsultationCommentFactory(page=page, state=State.PENDING, comment="The benches are broken.")
    reason = ReasonCategory.objects.get(title="Personal information")
    moderation.return_for_revision(comment, moderator, reason)
    return comment


def test_a_revision_with_an_urgent_phrase_is_urgent_first_in_the_queue_and_on_its_page(
    moderator_client, moderator_user, consultation
):
    comment = returned_comment(consultation, moderator_user)

    moderation.resubmit(comment, DANGER)

    comment.refresh_from_db()
    assert comment.is_urgent
    assert list(queue.filter_lane(queue.queue_queryset(), queue.URGENT)) == [comment]
    html = moderator_client.get(f"/admin/moderation/comments/{comment.pk}/").content.decode()
    assert '<dt class="tm-urgent-label">Urgent</dt>' in html


def test_a_revision_with_an_urgent_phrase_emails_every_moderator_urgent(
    moderator_user, consultation, settings
):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = "digest"
    comment = returned_comment(consultation, moderator_user)
    deliver()
    mail.outbox.clear()

    moderation.resubmit(comment, DANGER)
    deliver()

    subjects = [message.subject for message in mail.outbox if message.to == [moderator_user.email]]
    assert subjects == ["URGENT: a comment says a young person may be in danger"]


def test_a_revision_without_one_stays_in_its_lane(moderator_user, consultation):
    comment = returned_comment(consultation, moderator_user)

    moderation.resubmit(comment, "The benches by the river are broken.")

    comment.refresh_from_db()
    assert not comment.is_urgent
    assert comment.urgent_phrases == []


def revise_url(page, moderator):
    comment = ConsultationCommentFactory(page=page, state=State.PENDING, language="en")
    ConfirmedAddressFactory(address=comment.user_email)
    reason = ReasonCategory.objects.get(title="Personal information")
    decision = moderation.return_for_revision(comment, moderator, reason)
    return f"/en/my-comment/revise/{make_token(comment, 'revise', decision)}/"


def main_of(response):
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_the_author_of_an_urgent_revision_is_shown_the_help_lines(client, moderator_user, consultation):
    urgent = main_of(client.post(revise_url(consultation, moderator_user), {"comment": DANGER}))
    calm = main_of(
        client.post(revise_url(consultation, moderator_user), {"comment": "The benches are broken."})
    )

    assert "A person from our team will read your message soon." in urgent
    assert "You can talk to someone right now:" in urgent
    assert 'href="tel:112"' in urgent
    assert "Your new text is with the moderators." in calm
    assert "You can talk to someone right now:" not in calm
