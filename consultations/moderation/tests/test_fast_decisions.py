"""Faster decisions (issue 14): approve and reply in one step, edit out and publish, the author's other comments."""

import datetime
import re
from html import unescape

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, ModerationDecision
from consultations.moderation import links
from consultations.moderation import service as moderation
from consultations.moderation.author_record import author_record
from consultations.moderation.tests.admin_pages import comment_url, messages_of, seen, seen_now
from consultations.privacy.retention import erase_consultation_author_data, erase_expired_author_data
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
Action = ModerationDecision.Action
MARKER = "[removed by moderation]"
MARQUEUR = "[retiré par la modération]"
PHONE_TEXT = "Call me at 06 12 34 56 78 to organise the skate park clean-up!"


def emails_to(address):
    deliver()
    return [message for message in mail.outbox if message.to == [address]]


def edit_entry(comment):
    return ModelLogEntry.objects.get(object_id=str(comment.pk), action="tribune.comment.edit_out")


def page_text(response):
    """The page as read: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture(autouse=True)
def fresh_outbox():
    mail.outbox.clear()


# Edit out: what counts as taking words out, and nothing else.


@pytest.mark.parametrize(
    ("original", "edited", "expected"),
    [
        (PHONE_TEXT, f"Call me at {MARKER} to organise the skate park clean-up!", None),
        ("Text 0612345678 or mail a@b.fr now", f"Text {MARKER} or mail {MARKER} now", None),
        ("0612345678 is mine", f"{MARKER} is mine", None),
        ("mine is 0612345678", f"mine is {MARKER}", None),
        (
            "line one\r\nline 0612 two",
            f"line one\nline {MARKER} two",
            "line one\nline [removed by moderation] two",
        ),
        # The original already held the marker (a second edit of an edited text).
        (f"a {MARKER} b 06 12", f"a {MARKER} b {MARKER}", None),
    ],
)
def test_edited_out_accepts_spans_replaced_by_the_marker(original, edited, expected):
    assert moderation.edited_out(original, edited, MARKER) == (expected or edited.replace("\r\n", "\n"))


@pytest.mark.parametrize(
    ("edited", "says"),
    [
        # Words put in a teenager's mouth, with or without the marker.
        (f"Call me at {MARKER} to organise the skate park clean-up! I hate school.", "changes more"),
        (f"Do not call me at {MARKER} to organise the skate park clean-up!", "changes more"),
        ("Call me to organise the skate park clean-up!", "changes more"),  # words deleted without the marker
        (f"Call me at {MARKER} to organise the skate park party!", "changes more"),
        (
            f"{MARKER}Call me at 06 12 34 56 78 to organise the skate park clean-up!",
            "changes more",
        ),  # inserted
        (f"Call me at 06 12 34 56 78 to organise the skate park clean-up!{MARKER}", "changes more"),
        ("Call me at [retiré par la modération] to organise the skate park clean-up!", "changes more"),
        (PHONE_TEXT, "Replace the part to take out"),
        (MARKER, "Nothing would be left"),
        (f"{MARKER} {MARKER}", "Nothing would be left"),
    ],
)
def test_edited_out_refuses_anything_but_taking_words_out(edited, says):
    with pytest.raises(moderation.EditRefused) as refused:
        moderation.edited_out(PHONE_TEXT, edited, MARKER)

    assert says in str(refused.value)


def test_edited_out_finds_a_reading_when_a_kept_piece_appears_earlier_too():
    original = "my number is 06 12 and my number is mine"
    edited = f"my number is {MARKER} and my number is mine"

    assert moderation.edited_out(original, edited, MARKER) == edited
    # Thousands of markers in a long text: linear, not a backtracking search.
    long_original = "ab" * 1000
    long_edited = MARKER.join(["a"] * 1000) + "b"
    assert moderation.edited_out(long_original, long_edited, MARKER) == long_edited


def test_the_marker_is_in_the_comments_language():
    assert moderation.redaction_marker("en") == MARKER
    assert moderation.redaction_marker("fr") == MARQUEUR


# Edit out and publish: the service.


def test_edit_out_publishes_the_text_without_the_span_logs_both_and_tells_the_author_why(
    consultation, moderator_user, personal_info
):
    ConfirmedAddressFactory(address="lea@example.org")
    comment = ConsultationCommentFactory(
        page=consultation,
        state=State.PENDING,
        comment=PHONE_TEXT,
        user_email="lea@example.org",
        user_name="Léa",
    )
    edited = f"Call me at {MARKER} to organise the skate park clean-up!"

    decision = moderation.edit_out(
        comment,
        moderator_user,
        personal_info,
        edited,
        message="Meet on the forum instead.",
        seen=seen_now(comment),
    )

    comment.refresh_from_db()
    assert (comment.state, comment.comment, comment.reviewed_by) == (State.PUBLISHED, edited, moderator_user)
    assert (decision.action, decision.from_state, decision.reason) == (
        Action.EDIT_OUT,
        State.PENDING,
        personal_info,
    )
    entry = edit_entry(comment)
    assert (entry.data["before"], entry.data["after"], entry.user) == (PHONE_TEXT, edited, moderator_user)
    [email] = emails_to("lea@example.org")
    assert email.subject == "Your comment is published, with a part taken out"
    assert "Why: Personal information" in email.body
    assert "Meet on the forum instead." in email.body
    assert f"readers see “{MARKER}”" in email.body
    assert edited in email.body  # the published text, to a confirmed address
    assert "06 12 34 56 78" not in email.body


def test_edit_out_of_a_french_comment_uses_the_french_marker_and_a_french_email(
    consultation, moderator_user, personal_info
):
    comment = ConsultationCommentFactory(
        page=consultation,
        state=State.PENDING,
        language="fr",
        comment="Mon snap c'est lea.skate, écrivez-moi pour le nettoyage du skatepark",
        user_email="lea@example.org",
    )

    with pytest.raises(moderation.EditRefused):
        moderation.edit_out(
            comment, moderator_user, personal_info, comment.comment.replace("lea.skate", MARKER)
        )
    moderation.edit_out(
        comment, moderator_user, personal_info, comment.comment.replace("lea.skate", MARQUEUR)
    )

    comment.refresh_from_db()
    assert comment.comment == f"Mon snap c'est {MARQUEUR}, écrivez-moi pour le nettoyage du skatepark"
    [email] = emails_to("lea@example.org")
    assert email.subject == "Ton commentaire est publié, avec un passage retiré"
    assert "Pourquoi : Informations personnelles" in email.body
    assert "lea.skate" not in email.body  # an unconfirmed address gets no quote at all


def test_a_published_comment_can_be_edited_out_its_reports_closed_and_its_author_told(
    consultation, moderator_user, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, comment=PHONE_TEXT, user_email="lea@example.org")
    comment.reports.create(reporter_key="r" * 64, reason="phone number")

    moderation.edit_out(
        comment,
        moderator_user,
        personal_info,
        PHONE_TEXT.replace("06 12 34 56 78", MARKER),
        seen=seen_now(comment),
    )

    comment.refresh_from_db()
    assert comment.state == State.PUBLISHED and MARKER in comment.comment
    assert not comment.reports.filter(reviewed_at=None).exists()
    assert [m.subject for m in emails_to("lea@example.org")] == [
        "Your comment is published, with a part taken out"
    ]


def test_a_refused_or_stale_edit_changes_nothing(consultation, moderator_user, personal_info):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=PHONE_TEXT)
    stale = seen_now(comment)
    moderation.approve(comment, moderator_user)

    with pytest.raises(moderation.StaleDecision):
        moderation.edit_out(
            comment, moderator_user, personal_info, PHONE_TEXT.replace("06", MARKER), seen=stale
        )
    with pytest.raises(moderation.EditRefused):
        moderation.edit_out(comment, moderator_user, personal_info, "I love this town.")
    with pytest.raises(moderation.ReasonRequired):
        moderation.edit_out(comment, moderator_user, None, PHONE_TEXT.replace("06", MARKER))

    comment.refresh_from_db()
    assert comment.comment == PHONE_TEXT
    assert not comment.decisions.filter(action=Action.EDIT_OUT).exists()


def test_returned_removed_and_managers_comments_cannot_be_edited_out(
    consultation, moderator_user, personal_info
):
    returned = ConsultationCommentFactory(page=consultation, state=State.RETURNED, comment=PHONE_TEXT)
    removed = ConsultationCommentFactory(page=consultation, state=State.REMOVED, comment=PHONE_TEXT)
    manager = ConsultationCommentFactory(page=consultation, is_community_manager=True, comment=PHONE_TEXT)

    for comment in (returned, removed, manager):
        with pytest.raises(moderation.TransitionNotAllowed):
            moderation.edit_out(comment, moderator_user, personal_info, PHONE_TEXT.replace("06", MARKER))


# Edit out: how long the text before is kept.


def test_the_text_before_an_edit_is_erased_after_the_retention_period_or_when_the_consultation_is(
    consultation, moderator_user, personal_info
):
    old, recent = (
        ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=PHONE_TEXT)
        for _ in range(2)
    )
    for comment in (old, recent):
        moderation.edit_out(
            comment, moderator_user, personal_info, PHONE_TEXT.replace("06 12 34 56 78", MARKER)
        )
    edit_entry(old).__class__.objects.filter(pk=edit_entry(old).pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=31)
    )

    result = erase_expired_author_data(30)

    assert result.edits == 1
    assert (edit_entry(old).data["before"], edit_entry(old).data["before_erased"]) == ("", True)
    assert edit_entry(old).data["after"] == PHONE_TEXT.replace("06 12 34 56 78", MARKER)  # public text stays
    assert edit_entry(recent).data["before"] == PHONE_TEXT
    assert erase_expired_author_data(30).edits == 0  # erased once
    erase_consultation_author_data(consultation.pk)
    assert edit_entry(recent).data["before"] == ""


def test_a_withdrawal_erases_both_texts_of_the_edit(consultation, moderator_user, personal_info):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=PHONE_TEXT)
    moderation.edit_out(comment, moderator_user, personal_info, PHONE_TEXT.replace("06 12 34 56 78", MARKER))

    moderation.withdraw(comment)

    assert (edit_entry(comment).data["before"], edit_entry(comment).data["after"]) == ("", "")
    assert not ModelLogEntry.objects.filter(data__icontains="56 78").exists()


# Approve and reply: the service.


def test_approve_and_reply_publishes_both_and_tells_the_author_once_without_follow_up(
    consultation, moderator_user
):
    ConfirmedAddressFactory(address="lea@example.org")
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, user_email="lea@example.org", followup=False
    )

    decision, reply = moderation.approve_and_reply(
        comment, moderator_user, "Thanks, we will ask the town hall.", seen=seen_now(comment)
    )

    comment.refresh_from_db()
    reply.refresh_from_db()
    assert (decision.action, comment.state) == (Action.APPROVE, State.PUBLISHED)
    assert (reply.parent_id, reply.state, reply.is_community_manager) == (comment.pk, State.PUBLISHED, True)
    [email] = emails_to("lea@example.org")
    assert email.subject == "Your comment is published"
    assert "The community manager answered you: read the answer under your comment." in email.body


def test_approve_and_reply_sends_the_reply_notice_too_to_an_author_who_asked_for_replies(
    consultation, moderator_user
):
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, user_email="lea@example.org", followup=True
    )

    moderation.approve_and_reply(comment, moderator_user, "Thanks, we will ask the town hall.")

    subjects = sorted(m.subject for m in emails_to("lea@example.org"))
    assert subjects == ["The community manager answered your comment", "Your comment is published"]


def test_a_reply_that_cannot_be_posted_leaves_the_comment_pending_and_sends_nothing(
    consultation, moderator_user, settings
):
    top = ConsultationCommentFactory(page=consultation)
    deep = top
    for _ in range(settings.COMMENTS_XTD_MAX_THREAD_LEVEL - 1):  # the pending one is as deep as it goes
        deep = ConsultationCommentFactory(page=consultation, parent=deep)
    pending = ConsultationCommentFactory(page=consultation, parent=deep, state=State.PENDING)
    mail.outbox.clear()
    before = ConsultationComment.objects.count()

    with pytest.raises(Exception, match="level"):
        moderation.approve_and_reply(pending, moderator_user, "Thanks!")

    pending.refresh_from_db()
    assert pending.state == State.PENDING
    assert ConsultationComment.objects.count() == before
    assert not pending.decisions.exists()
    assert emails_to(pending.user_email) == []


def test_approve_and_reply_is_only_for_a_pending_comment_seen_as_it_is(
    consultation, moderator_user, personal_info
):
    published = ConsultationCommentFactory(page=consultation, reviewed_at=None)
    pending = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    stale = seen_now(pending)
    moderation.return_for_revision(pending, moderator_user, personal_info)

    with pytest.raises(moderation.TransitionNotAllowed):
        moderation.approve_and_reply(published, moderator_user, "Hi")
    with pytest.raises(moderation.StaleDecision):
        moderation.approve_and_reply(pending, moderator_user, "Hi", seen=stale)

    assert not ConsultationComment.objects.filter(is_community_manager=True).exists()


# The author's other comments.


def test_author_record_lists_the_authors_other_comments_with_states_and_recent_removals(consultation):
    now = timezone.now()
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, user_email="Lea+x@Example.org"
    )
    published = ConsultationCommentFactory(page=consultation, user_email="lea@example.org")
    removed_lately = ConsultationCommentFactory(
        page=consultation,
        state=State.REMOVED,
        user_email="lea@example.org",
        state_changed_at=now - datetime.timedelta(days=3),
    )
    ConsultationCommentFactory(
        page=consultation,
        state=State.REMOVED,
        user_email="lea@example.org",
        state_changed_at=now - datetime.timedelta(days=40),
    )
    ConsultationCommentFactory(page=consultation, user_email="someone.else@example.org")

    with CaptureQueriesContext(connection) as queries:
        record = author_record(comment)

    assert len(queries) == 1
    assert record.total == 3
    assert record.recent_removals == 1
    assert comment not in record.comments
    assert {c.pk: c.state for c in record.comments}[removed_lately.pk] == State.REMOVED
    assert {c.pk for c in record.comments} >= {published.pk, removed_lately.pk}
    assert record.comments[0].page_title == "A youth space"


def test_author_record_is_none_without_a_key_or_for_the_community_manager(consultation):
    manager = ConsultationCommentFactory(page=consultation, is_community_manager=True)
    anonymous = ConsultationCommentFactory(page=consultation, user_email="")
    ConsultationComment.objects.filter(pk=anonymous.pk).update(author_key="")
    anonymous.refresh_from_db()

    assert author_record(manager) is None
    assert author_record(anonymous) is None


# The comment's page and its forms.


def test_comment_page_shows_the_authors_other_comments_with_links_and_their_recent_removals(
    moderator_client, consultation
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, user_email="lea@example.org")
    other = ConsultationCommentFactory(
        page=consultation, comment="Benches near the river, please.", user_email="lea@example.org"
    )
    ConsultationCommentFactory(
        page=consultation,
        comment="You are all idiots",
        state=State.REMOVED,
        state_changed_at=timezone.now(),
        user_email="LEA@example.org",
    )

    response = moderator_client.get(comment_url(comment))

    text = page_text(response)
    assert "Other comments by this author" in text
    assert "1 of their comments removed in the last 30 days." in text
    assert "Benches near the river, please. Published" in text
    assert "You are all idiots Removed" in text
    assert f'href="{links.comment_url(other.pk)}"' in response.content.decode()


def test_approve_and_reply_from_the_comment_page(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, user_email="lea@example.org")
    page = moderator_client.get(comment_url(comment))
    assert "Approve and reply" in page_text(page)

    response = moderator_client.post(
        links.approve_and_reply_url(comment.pk),
        {"seen": seen(comment), "text": "Thanks, we will ask the town hall."},
        follow=True,
    )

    assert "The comment is approved and your reply is published." in messages_of(response)
    comment.refresh_from_db()
    assert comment.state == State.PUBLISHED
    reply = ConsultationComment.objects.get(parent_id=comment.pk, is_community_manager=True)
    # Under the site's display name (none is set here: readers see "Community manager"), never the staff's.
    assert (reply.comment, reply.user_name, reply.state) == (
        "Thanks, we will ask the town hall.",
        "",
        State.PUBLISHED,
    )
    moderator_client.logout()
    public = moderator_client.get(consultation.url).content.decode()
    assert "Thanks, we will ask the town hall." in public


def test_approve_and_reply_with_an_empty_reply_or_a_stale_form_changes_nothing(
    moderator_client, consultation
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    stale = seen(comment)
    url = links.approve_and_reply_url(comment.pk)

    empty = moderator_client.post(url, {"seen": stale, "text": ""}, follow=True)
    ConsultationComment.objects.filter(pk=comment.pk).update(state_changed_at=timezone.now())
    late = moderator_client.post(url, {"seen": stale, "text": "Hi"}, follow=True)

    assert any("Your reply is empty." in m for m in messages_of(empty))
    assert any("Someone decided on this comment in the meantime" in m for m in messages_of(late))
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PENDING
    assert not ConsultationComment.objects.filter(is_community_manager=True).exists()


def test_approve_and_reply_is_offered_only_on_a_pending_comment(moderator_client, consultation):
    published = ConsultationCommentFactory(page=consultation)

    text = page_text(moderator_client.get(comment_url(published)))

    assert "Approve and reply" not in text
    assert "Reply as community manager" in text


def test_edit_out_from_the_comment_page_publishes_and_shows_before_and_after_to_moderators(
    moderator_client, consultation, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=PHONE_TEXT)
    form_page = moderator_client.get(comment_url(comment)).content.decode()
    assert 'data-tm-marker="[removed by moderation]"' in form_page
    assert PHONE_TEXT in form_page  # the textarea is filled with the text

    response = moderator_client.post(
        links.edit_out_url(comment.pk),
        {
            "seen": seen(comment),
            "text": PHONE_TEXT.replace("06 12 34 56 78", MARKER),
            "reason": personal_info.pk,
            "message": "",
        },
        follow=True,
    )

    assert "1 comment edited out and published." in messages_of(response)
    comment.refresh_from_db()
    assert comment.comment == PHONE_TEXT.replace("06 12 34 56 78", MARKER)
    history = page_text(moderator_client.get(comment_url(comment)))
    assert "Comment edited out and published: Personal information" in history
    assert f"Before: {PHONE_TEXT}" in history
    assert f"After: {comment.comment}" in history
    moderator_client.logout()
    public = moderator_client.get(consultation.url).content.decode()
    assert MARKER in public
    assert "06 12 34 56 78" not in public
    admin_page = moderator_client.get(comment_url(comment))
    assert admin_page.status_code == 302  # the before text is behind the moderators' sign-in


def test_a_refused_edit_shows_the_moderators_text_again_with_the_reason(
    moderator_client, consultation, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=PHONE_TEXT)
    forged = f"Call me at {MARKER}, I hate this town."

    response = moderator_client.post(
        links.edit_out_url(comment.pk), {"seen": seen(comment), "text": forged, "reason": personal_info.pk}
    )

    assert response.status_code == 400
    text = page_text(response)
    assert "changes more than the parts replaced by “[removed by moderation]”" in text
    assert forged in unescape(response.content.decode())  # kept in the textarea to correct
    assert ConsultationComment.objects.get(pk=comment.pk).comment == PHONE_TEXT


def test_edit_out_without_a_reason_or_on_a_removed_comment_changes_nothing(
    moderator_client, consultation, personal_info
):
    pending = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=PHONE_TEXT)
    removed = ConsultationCommentFactory(page=consultation, state=State.REMOVED, comment=PHONE_TEXT)
    edited = PHONE_TEXT.replace("06 12 34 56 78", MARKER)

    no_reason = moderator_client.post(links.edit_out_url(pending.pk), {"seen": seen(pending), "text": edited})
    on_removed = moderator_client.post(
        links.edit_out_url(removed.pk),
        {"seen": seen(removed), "text": edited, "reason": personal_info.pk},
        follow=True,
    )

    assert no_reason.status_code == 400
    assert "Choose a reason: it is sent to the author." in page_text(no_reason)
    assert any("cannot be edited out" in m for m in messages_of(on_removed))
    assert ConsultationComment.objects.filter(comment=PHONE_TEXT).count() == 2
    assert "Edit out and publish" not in page_text(moderator_client.get(comment_url(removed)))


def test_edit_out_and_approve_and_reply_are_for_moderators_only(
    client, editor_user, consultation, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=PHONE_TEXT)
    client.force_login(editor_user)

    edit = client.post(
        links.edit_out_url(comment.pk),
        {"seen": seen(comment), "text": PHONE_TEXT.replace("06", MARKER), "reason": personal_info.pk},
    )
    reply = client.post(links.approve_and_reply_url(comment.pk), {"seen": seen(comment), "text": "Hi"})

    assert (edit.status_code, reply.status_code) == (403, 403)
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PENDING
