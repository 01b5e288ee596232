"""Emails to a comment's author, in the author's language, and to the author of the comment it replies to."""

from django.conf import settings
from django.utils import timezone, translation

from consultations.authors import links as author_links
from consultations.authors.address_confirmation import is_confirmed, schedule_for_unconfirmed
from consultations.models import ResultsSubscription
from consultations.models.comments import ConsultationComment, address_key
from consultations.models.moderation import ModerationDecision
from consultations.notifications.mail import absolute, never_blocks, queue_email, quoted
from guidelines.availability_text import reply_expectation

State = ConsultationComment.State
Action = ModerationDecision.Action


def page_of(comment):
    """The consultation in the author's language: the page their links open."""
    return comment.page_in_author_language


def author_context(comment, decision=None):
    page = page_of(comment)
    rules = page.rules_page() if page is not None else None
    manager = page.community_manager() if page is not None else None
    # The manager speaks the author's language (the one the email is written in): its signature and contact line.
    voice = manager.texts_for(comment.language) if manager is not None else None
    context = {
        "author": comment.user_name,
        "page_title": page.title if page is not None else "",
        "page_link": absolute(page.url) if page is not None else "",
        "permalink": absolute(f"{page.url}comments/{comment.pk}/") if page is not None else "",
        "rules_link": absolute(rules.url) if rules is not None else "",
        "excerpt": quoted(comment.comment, 300),
        "withdraw_link": author_links.absolute_link(comment, "withdraw"),
        "download_link": author_links.absolute_link(comment, "download"),
        "signature": voice.signature if voice is not None else settings.WAGTAIL_SITE_NAME,
        # Mail comes from a no-reply sender: invite a reply only when the site names an address someone
        # reads (the Reply-To header), else point to the contact line.
        "reply_to_email": manager.reply_to_email if manager is not None else "",
        "contact_line": voice.contact_line if voice is not None else "",
    }
    context["invites_reply"] = bool(context["reply_to_email"])
    if decision is not None:
        reason = decision.reason.in_language(comment.language) if decision.reason else None
        context.update(
            reason_title=reason.title if reason else "",
            reason_explanation=reason.explanation if reason else "",
            message=decision.message,
            # What exactly happened: a removal of a public text, or of one nobody saw; a restored one;
            # a revised text received again.
            was_public=decision.from_state == State.PUBLISHED,
            restored=decision.action == Action.RESTORE,
            revised=decision.action == Action.RESUBMIT,
        )
        if decision.action == Action.RETURN:
            context["revise_link"] = author_links.absolute_link(comment, "revise", decision)
    return context


# What participants wrote (their pseudonyms, their comments).
PARTICIPANT_TEXT = ("author", "excerpt", "reply_author", "reply_excerpt")


# The only emails that quote it: about a text a moderator read and published, which the public can read.
QUOTING_TEMPLATES = ("published", "edited", "reply")


def queue_author_email(comment, template, context, headers=None):
    """Email a comment's author at the address typed with it.

    Only "published" and "reply" (about a text a moderator published) quote participants' text, and only to
    an address its owner confirmed: anyone can type anyone's address, and emails about a text nobody
    published ("received", "returned", "removed") must not carry it to whoever owns that address. The
    author sees their own text behind the emailed links, which ask for the confirmation first.
    Until it is confirmed, the address gets the confirmation link and at most
    TRIBUNE_UNCONFIRMED_EMAILS_PER_DAY emails per 24 hours: the next ones are scheduled for later.
    """
    key = comment.author_key or address_key(comment.user_email)
    confirmed = is_confirmed(key)
    if template not in QUOTING_TEMPLATES or not confirmed:
        context = {name: value for name, value in context.items() if name not in PARTICIPANT_TEXT}
    context = dict(context)
    reply_to = context.pop("reply_to_email", "")
    scheduled_time = None
    if not confirmed:
        scheduled_time = schedule_for_unconfirmed(key, template)
        context["confirm_link"] = author_links.absolute_link(comment, "confirm")
    return queue_email(
        comment.user_email,
        template,
        context,
        comment.language,
        headers=headers,
        scheduled_time=scheduled_time,
        reply_to=[reply_to] if reply_to else None,
    )


@never_blocks
def notify_author_of_new_comment(comment):
    """'We received your comment': sent when a comment waits for moderation, with when to expect a reply."""
    context = author_context(comment)
    page = page_of(comment)
    if page is not None:
        with translation.override(comment.language):
            context["reply_expectation"] = reply_expectation(page.community_manager(), timezone.now())
    if ResultsSubscription.objects.filter(comment_id=comment.pk).exists():
        # They ticked "tell me what happens with the ideas": one email later, and a way out now.
        context["results_notice"] = True
        context["unsubscribe_link"] = author_links.absolute_link(comment, "unsubscribe")
    queue_author_email(comment, "received", context)


AUTHOR_TEMPLATES = {
    Action.APPROVE: "published",
    Action.RESTORE: "published",
    Action.REMOVE: "removed",
    Action.RETURN: "returned",
    Action.RESUBMIT: "received",
    Action.EDIT_OUT: "edited",
}


PUBLISHING = (Action.APPROVE, Action.RESTORE, Action.EDIT_OUT)


# Decisions the author is emailed about; the last one says what the author was last told.
TOLD_TO_AUTHOR = (Action.APPROVE, Action.RESTORE, Action.REMOVE, Action.RETURN, Action.EDIT_OUT)


@never_blocks
def notify_author_of_decision(decision, manager_answered=False, with_approval=False):
    """``manager_answered``: the community manager's reply is published with this approval (the "published"
    email says so); ``with_approval``: this is that reply, so its notice goes only to an author who asked
    for emails about replies (``service.approve_and_reply``)."""
    comment = decision.comment
    template = AUTHOR_TEMPLATES.get(decision.action)
    # Keeping a reported comment is not news to its author; a part of their text taken out always is.
    changed = decision.from_state != decision.to_state or decision.action == Action.EDIT_OUT
    earlier = ModerationDecision.objects.filter(comment_id=comment.pk).exclude(pk=decision.pk)
    if template == "published":
        # Approved again after a hold (reports): the author was told it is published, and nothing since.
        last_told = earlier.filter(action__in=TOLD_TO_AUTHOR).order_by("-pk").values_list("action", flat=True)
        changed = changed and last_told.first() not in PUBLISHING
    if template and changed and comment.user_email and not comment.is_community_manager:
        context = author_context(comment, decision)
        context["manager_answered"] = manager_answered
        page = page_of(comment)
        if template == "received" and page is not None:  # a revised text waits for a moderator again
            with translation.override(comment.language):
                context["reply_expectation"] = reply_expectation(page.community_manager(), timezone.now())
        queue_author_email(comment, template, context)
    # A reply is news for its parent's author once a moderator published it, or kept it (post-moderation):
    # the first time only, so a hold and a second approval do not repeat it.
    if decision.action in PUBLISHING and not earlier.filter(action__in=PUBLISHING).exists():
        notify_parent_author(comment, only_if_asked=with_approval)


@never_blocks
def notify_parent_author(reply, only_if_asked=False):
    """Tell the parent's author about a published reply: only if they asked, or if the manager replied (and
    the "published" email did not already say so: ``only_if_asked``)."""
    if reply.parent_id in (0, reply.pk):
        return
    parent = ConsultationComment.objects.select_related(None).filter(pk=reply.parent_id).first()
    if parent is None or not parent.user_email or parent.state != State.PUBLISHED:
        return
    if not (parent.followup or (reply.is_community_manager and not only_if_asked)):
        return
    if parent.author_key == reply.author_key:
        return
    context = {
        **author_context(parent),
        # A participant's pseudonym is their text; the community manager's is the site's display name,
        # stored with the reply (never a staff account's name), and may be told to any address.
        "reply_author": "" if reply.is_community_manager else reply.user_name,
        "manager_name": reply.user_name if reply.is_community_manager else "",
        "reply_excerpt": quoted(reply.comment, 300),
        # Under the page in the parent author's language: the reply may be in another one.
        "reply_link": absolute(f"{page_of(parent).url}comments/{reply.pk}/"),
        "by_manager": reply.is_community_manager,
        "unsubscribe_link": author_links.absolute_link(parent, "unsubscribe"),
    }
    headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_link']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    queue_author_email(parent, "reply", context, headers=headers)
