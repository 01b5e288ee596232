"""Template syntax typed by anyone reaches every email exactly as typed, and breaks nothing.

Each path that sends mail is driven as its user would (a post, a moderator's click, a command),
with Django template syntax in every field a person can write: the pseudonym, the comment, the
moderator's message, a reason's title and explanation, the consultation title, the community
manager's name and role. The authors have confirmed their address (an unconfirmed one is sent
no participant's text at all, see test_address_confirmation). Participants' text reaches the emails
about a text a moderator published ("published", "reply") and the moderators' emails, never
"received", "returned" or "removed". The text part carries the text verbatim, the HTML part carries it
escaped (so a mail client shows it verbatim), no request answers 500, and no decision is lost.
"""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from consultations.authors.links import make_token
from consultations.comments.urls import comment_post_url
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, ReasonCategory
from consultations.moderation import service as moderation
from consultations.moderation.tests.admin_pages import bulk, decide_url, decision_form, reply_url
from consultations.notifications import to_moderators
from guidelines.models import CommunityManagerSettings
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State

# Each fits in a pseudonym (50 characters).
HOSTILE_NAMES = [
    "{{ 7|add:1 }}",
    "{% now 'Y' %}",
    "{# hidden #}",
    "{% load wagtailsettings_tags %}",
    "{% lorem 999999 w %}",
    '{% include "base.html" %}',
    "{% debug %}",
    "{% if %}{{ unbalanced",
    "}} %} {% endblock %} {{",
]
# Every construct at once, for the longer fields.
HOSTILE = (
    "{% load wagtailsettings_tags %}{% get_settings as s %}{{ s.guidelines.communitymanagersettings }} "
    "{{ 7|add:1 }} {% now 'Y' %} {# hidden #} {% lorem 999999 w %} {% include 'base.html' %} "
    "{% debug %} {% if %} {{ unbalanced } %} {% endblock %}"
)


def emails_to(address):
    deliver()
    return [message for message in mail.outbox if address in message.to]


def assert_verbatim(message, *texts):
    html = message.alternatives[0][0] if message.alternatives else ""
    for text in texts:
        assert text in message.body, (text, message.body)
        assert escape(text) in html, (text, html)
    assert len(message.body) < 20_000  # no {% lorem %} was expanded


def assert_not_quoted(message, *texts):
    html = message.alternatives[0][0] if message.alternatives else ""
    for text in texts:
        assert text not in message.body, (text, message.body)
        assert escape(text) not in html, (text, html)
    assert len(message.body) < 20_000


@pytest.fixture(autouse=True)
def confirmed_authors(db):
    """These authors confirmed their address, so their emails quote what was written."""
    for name in ("lou", "approved", "removed", "returned", "parent"):
        ConfirmedAddressFactory(address=f"{name}@example.org")


@pytest.fixture
def moderator(moderator_user):
    return moderator_user


@pytest.fixture
def hostile_reason(db):
    return ReasonCategory.objects.create(
        title=f"Title {HOSTILE}"[:120], explanation=f"Explanation {HOSTILE}", locale_id=1
    )


@pytest.fixture
def hostile_manager(site_tree):
    manager = CommunityManagerSettings.for_site(site_tree.site)
    manager.display_name = "{{ 7|add:1 }} {% now 'Y' %}"
    manager.role = "{% lorem 999999 w %}"
    manager.save()
    return manager


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_posting_with_template_syntax_mails_author_and_moderators_the_text_as_typed(
    client, consultation, comment_data, moderator, name
):
    response = client.post(
        comment_post_url(consultation),
        comment_data(consultation, name=name, comment=f"My idea: {HOSTILE}", email="lou@example.org"),
    )

    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    assert (comment.user_name, comment.comment) == (name, f"My idea: {HOSTILE}")
    [to_moderator] = emails_to(moderator.email)
    assert_verbatim(to_moderator, name)
    assert HOSTILE[:150] in to_moderator.body  # the moderator's excerpt is 200 characters
    moderation.approve(comment, moderator)
    received, published = emails_to("lou@example.org")
    assert_not_quoted(received, name, HOSTILE)  # nobody had published it: no participant's text
    assert_verbatim(published, name, f"My idea: {HOSTILE}")


def test_a_pending_comment_with_template_syntax_is_still_shown_on_the_page_after_posting(
    client, consultation, comment_data
):
    response = client.post(
        comment_post_url(consultation), comment_data(consultation, comment=HOSTILE), follow=True
    )

    assert response.status_code == 200
    assert (
        "Thank you! Your comment will be visible once a moderator has read it." in response.content.decode()
    )


def test_every_decision_mails_the_moderators_words_and_the_reason_as_typed(
    moderator_client, consultation, moderator, hostile_reason, hostile_manager
):
    consultation.title = f"Park {HOSTILE}"[:255]
    consultation.save_revision().publish()
    approved, removed, returned = (
        ConsultationCommentFactory(
            page=consultation,
            state=State.PENDING,
            user_name="{% now 'Y' %}",
            user_email=f"{kind}@example.org",
            comment=f"{kind}: {HOSTILE}",
        )
        for kind in ("approved", "removed", "returned")
    )

    for comment, action, data in (
        (approved, "approve", {}),
        (removed, "remove", {"reason": hostile_reason.pk, "message": f"Moderator says {HOSTILE}"}),
        (returned, "return", {"reason": hostile_reason.pk, "message": f"Please fix {HOSTILE}"}),
    ):
        response = moderator_client.post(decide_url(comment, action), decision_form(comment, **data))
        assert response.status_code == 302

    assert [ConsultationComment.objects.get(pk=c.pk).state for c in (approved, removed, returned)] == [
        State.PUBLISHED,
        State.REMOVED,
        State.RETURNED,
    ]
    signature = "{{ 7|add:1 }} {% now 'Y' %}, {% lorem 999999 w %}"
    [published] = emails_to("approved@example.org")
    assert_verbatim(published, "{% now 'Y' %}", consultation.title, signature)
    [removal] = emails_to("removed@example.org")
    assert_verbatim(
        removal,
        f"Moderator says {HOSTILE}",
        hostile_reason.title,
        hostile_reason.explanation,
        signature,
    )
    assert_not_quoted(removal, "removed: ", "Hello {% now 'Y' %}")
    [revision] = emails_to("returned@example.org")
    assert_verbatim(revision, f"Please fix {HOSTILE}", hostile_reason.explanation)
    assert_not_quoted(revision, "returned: ", "Hello {% now 'Y' %}")


def test_a_published_comment_with_template_syntax_can_be_removed_one_by_one_and_in_bulk(
    moderator_client, consultation, hostile_reason
):
    comments = [
        ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, comment=f"{n} {HOSTILE}")
        for n in range(3)
    ]

    single = moderator_client.post(
        decide_url(comments[0], "remove"), decision_form(comments[0], reason=hostile_reason.pk)
    )
    in_bulk = bulk(
        moderator_client, comments[1:], "remove", follow=False, reason=hostile_reason.pk, message=HOSTILE
    )

    assert (single.status_code, in_bulk.status_code) == (302, 302)
    assert set(ConsultationComment.objects.values_list("state", flat=True)) == {State.REMOVED}


def test_a_revision_with_template_syntax_reaches_the_author_and_the_moderators_as_typed(
    client, consultation, moderator, hostile_reason
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, user_email="lou@example.org")
    decision = moderation.return_for_revision(comment, moderator, hostile_reason)
    deliver()
    mail.outbox.clear()

    response = client.post(
        f"/en/my-comment/revise/{make_token(comment, 'revise', decision)}/", {"comment": f"New {HOSTILE}"}
    )

    assert response.status_code == 200
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PENDING
    [received] = emails_to("lou@example.org")
    assert_not_quoted(received, "New {% load")  # nobody published the revision yet
    [to_moderator] = emails_to(moderator.email)
    assert f"New {HOSTILE}"[:150] in to_moderator.body


def test_reply_notifications_carry_the_replies_as_typed(
    moderator_client, consultation, moderator, hostile_manager
):
    parent = ConsultationCommentFactory(page=consultation, user_email="parent@example.org", followup=True)
    reply = ConsultationCommentFactory(
        page=consultation,
        parent=parent,
        state=State.PENDING,
        user_name="{% debug %}",
        comment=f"Me too {HOSTILE}",
    )

    moderation.approve(reply, moderator)
    response = moderator_client.post(reply_url(parent), {"text": f"Manager {HOSTILE}"})

    assert response.status_code == 302
    # The outbox has no order among emails queued together: tell them apart by their subject.
    by_participant, by_manager = sorted(emails_to("parent@example.org"), key=lambda message: message.subject)
    assert (by_participant.subject, by_manager.subject) == (
        "Someone answered your comment",
        "The community manager answered your comment",
    )
    assert_verbatim(by_participant, "{% debug %}", f"Me too {HOSTILE}"[:250])
    assert_verbatim(by_manager, f"Manager {HOSTILE}"[:250])


def test_reminders_and_the_digest_carry_waiting_comments_as_typed(consultation, moderator, digest_clock):
    ConsultationCommentFactory(
        page=consultation,
        state=State.PENDING,
        user_name="{% now 'Y' %}",
        comment=f"Old {HOSTILE}",
        submit_date="2026-01-01T10:00:00Z",
    )
    ConsultationCommentFactory(
        page=consultation, state=State.PENDING, user_name="{{ 7|add:1 }}", comment=HOSTILE
    )

    reported = to_moderators.send_moderation_reminders(24, now=digest_clock)

    assert reported == 2
    [digest] = emails_to(moderator.email)
    assert_verbatim(digest, "{% now 'Y' %}", "{{ 7|add:1 }}", f"Old {HOSTILE}"[:150], HOSTILE[:150])


def test_wagtails_password_reset_email_goes_through_the_outbox_unchanged(client, moderator):
    from post_office.models import Email

    response = client.post(reverse("wagtailadmin_password_reset"), {"email": moderator.email})

    assert response.status_code == 302
    queued = Email.objects.get(to=moderator.email)
    assert queued.template is None
    [message] = emails_to(moderator.email)
    assert message.body == queued.message
    assert "/admin/password_reset/confirm/" in message.body
    assert moderator.get_username() in message.body
