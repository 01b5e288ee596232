"""A moderator approves a comment and replies in one step, and publishes another without the phone number in it;
the readers see what was published, the authors read why (issue 14, faster decisions)."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from browser_tests.admin_session import log_in_as_moderator
from consultations.models import ConsultationComment, ReasonCategory
from outbox.delivery import deliver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

State = ConsultationComment.State


def emails_about(comment, subject):
    deliver()
    with translation.override(comment.language):
        expected = gettext(subject)
    return [m for m in mail.outbox if m.to == [comment.user_email] and m.subject == expected]


def permalink(comment):
    return f"{comment.content_object.url}comments/{comment.pk}/"


def test_moderator_approves_a_comment_and_publishes_a_reply_in_one_step(desktop, screenshot):
    comment = ConsultationComment.objects.filter(
        state=State.PENDING, screening_reasons=[], parent_id=0
    ).first()
    if comment is None:  # every demo comment is a thread's start when it waits
        comment = ConsultationComment.objects.filter(state=State.PENDING, screening_reasons=[]).first()
    mail.outbox.clear()
    log_in_as_moderator(desktop)

    desktop.goto(f"/admin/moderation/comments/{comment.pk}/")
    form = desktop.locator("form[action$='/approve-and-reply/']")
    form.get_by_label("Your reply").fill("Thanks! We will put it to the town council on Monday.")
    form.scroll_into_view_if_needed()
    screenshot(desktop, "admin/moderation-approve-and-reply-1280")
    form.get_by_role("button", name="Approve and publish my reply").click()
    expect(desktop.locator(".messages")).to_contain_text(
        "The comment is approved and your reply is published."
    )

    desktop.goto(permalink(comment))
    reply = desktop.get_by_text("Thanks! We will put it to the town council on Monday.")
    expect(reply).to_be_in_viewport()
    comment.refresh_from_db()
    assert comment.state == State.PUBLISHED
    [published] = emails_about(comment, "Your comment is published")
    with translation.override(comment.language):
        assert (
            gettext("The community manager answered you: read the answer under your comment.")
            in published.body
        )
    # One "published" email; the reply notice only if the author asked for emails about replies.
    replies = emails_about(comment, "The community manager answered your comment")
    assert len(replies) == (1 if comment.followup else 0)


def test_moderator_edits_a_phone_number_out_and_publishes_the_rest(desktop, screenshot):
    comment = ConsultationComment.objects.get(state=State.PENDING, comment__contains="07911 123456")
    mail.outbox.clear()
    log_in_as_moderator(desktop)

    desktop.goto(f"/admin/moderation/comments/{comment.pk}/")
    form = desktop.locator("form[action$='/edit-out/']")
    text = form.get_by_label("The comment, as it will be published")
    expect(text).to_have_value(comment.comment)
    # The moderator selects the number in the text, then asks for the marker in its place.
    start = comment.comment.index("07911 123456")
    text.evaluate(
        f"(area) => {{ area.focus(); area.setSelectionRange({start}, {start + len('07911 123456')}); }}"
    )
    form.get_by_role("button", name="Replace the selection with the marker").click()
    with translation.override(comment.language):
        marker = gettext("[removed by moderation]")
    expect(text).to_have_value(comment.comment.replace("07911 123456", marker))
    reason = ReasonCategory.objects.get(title="Personal information")
    form.get_by_label("Reason").select_option(label=reason.title)
    form.get_by_label("Message").fill("Keep your number for your friends: meet at the skate park instead.")
    screenshot(desktop, "admin/moderation-edit-out-1280")
    form.get_by_role("button", name="Edit out and publish").click()
    expect(desktop.locator(".messages")).to_contain_text("1 comment edited out and published.")

    desktop.goto(permalink(comment))
    published = desktop.locator(f"#c{comment.pk} > article .comment__text")
    expect(published).to_contain_text(marker)
    expect(published).not_to_contain_text("07911")
    expect(published).to_be_in_viewport()
    screenshot(desktop, "public/comment-edited-out-1280")
    [email] = emails_about(comment, "Your comment is published, with a part taken out")
    assert reason.in_language(comment.language).title in email.body
    assert "Keep your number for your friends: meet at the skate park instead." in email.body
    assert "07911" not in email.body
    assert marker in email.body

    # The moderators' history of the comment keeps the text before the edit, for them only.
    desktop.goto(f"/admin/moderation/comments/{comment.pk}/")
    desktop.get_by_text("The text before and after the edit").click()
    expect(desktop.get_by_text("07911 123456")).to_be_visible()
