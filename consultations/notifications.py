"""Emails about comments: to their authors, in the author's language, and to moderators.

Every email is queued in django-post-office's table inside the transaction that caused it
(a decision, a new comment), so a rolled-back decision sends nothing and a mail server that is
down loses nothing: ``manage.py send_outbox`` delivers the queue, with retries and back-off.
Email addresses appear only as recipients, never in a body, a page or a log line.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from consultations import author_links
from consultations.address_confirmation import is_confirmed, schedule_for_unconfirmed
from consultations.models import ConsultationComment, ModerationDecision, ModeratorNotice, address_key
from consultations.screening import ScreeningReason
from guidelines.availability_text import reply_expectation
from guidelines.models import CommunityManagerSettings
from outbox.queue import enqueue, record_failure

logger = logging.getLogger(__name__)
State = ConsultationComment.State
Action = ModerationDecision.Action
MODERATOR_NOTIFICATIONS = ("each", "digest", "off")


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def queue_email(recipient, template, context, language, headers=None, scheduled_time=None):
    """Render ``consultations/emails/<template>`` in ``language`` and queue it for ``recipient``.

    What people typed reaches the templates as context values, so it is escaped (HTML part) or shown
    as typed (text parts); the finished text is then stored as data (``outbox.queue``), never
    compiled again. Building or queueing can fail without undoing what caused the email: the failure
    is a failed row in the outbox and a log line, and the caller carries on.
    """
    context = {**context, "language": language}
    try:
        with transaction.atomic(), translation.override(language):
            subject = render_to_string(f"consultations/emails/{template}_subject.txt", context)
            text = render_to_string(f"consultations/emails/{template}.txt", context)
            html = render_to_string(f"consultations/emails/{template}.html", context)
            return enqueue(
                to=[recipient],
                subject=subject,
                text=text,
                html=html,
                headers=headers,
                scheduled_time=scheduled_time,
            )
    except Exception as error:  # an email must never undo a decision or a comment
        return record_failure(
            subject=f"[{template}] not queued", reason=str(error), error_type=type(error).__name__
        )


def never_blocks(notify):
    """For what notifications run inside a decision's or a comment's transaction: a failure while
    preparing emails (a missing page, a bad value) is recorded in the outbox and logged, in a
    savepoint, and the decision or comment commits all the same."""

    @functools.wraps(notify)
    def guarded(*args, **kwargs):
        try:
            with transaction.atomic():
                return notify(*args, **kwargs)
        except Exception as error:
            logger.exception("Notification %s failed", notify.__name__)
            record_failure(
                subject=f"[{notify.__name__}] not queued", reason=str(error), error_type=type(error).__name__
            )
            return None

    return guarded


def page_of(comment):
    return comment.content_object


def author_context(comment, decision=None):
    page = page_of(comment)
    rules = page.rules_page() if page is not None else None
    manager = page.community_manager() if page is not None else None
    context = {
        "author": comment.user_name,
        "page_title": page.title if page is not None else "",
        "page_link": absolute(page.url) if page is not None else "",
        "permalink": absolute(f"{page.url}comments/{comment.pk}/") if page is not None else "",
        "rules_link": absolute(rules.url) if rules is not None else "",
        "excerpt": truncatechars(comment.comment, 300),
        "withdraw_link": author_links.absolute_link(comment, "withdraw"),
        "download_link": author_links.absolute_link(comment, "download"),
        "signature": manager.signature() if manager is not None else settings.WAGTAIL_SITE_NAME,
    }
    if decision is not None:
        reason = decision.reason.in_language(comment.language) if decision.reason else None
        context.update(
            reason_title=reason.title if reason else "",
            reason_explanation=reason.explanation if reason else "",
            message=decision.message,
        )
        if decision.action == Action.RETURN:
            context["revise_link"] = author_links.absolute_link(comment, "revise", decision)
    return context


# What participants wrote (their pseudonyms, their comments).
PARTICIPANT_TEXT = ("author", "excerpt", "reply_author", "reply_excerpt")
# The only emails that quote it: about a text a moderator read and published, which the public can read.
QUOTING_TEMPLATES = ("published", "reply")


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
    )


def signature():
    """The signature of moderator emails: the default site's community manager."""
    site = Site.objects.filter(is_default_site=True).first()
    return (
        CommunityManagerSettings.for_site_without_saving(site).signature()
        if site
        else settings.WAGTAIL_SITE_NAME
    )


@never_blocks
def notify_author_of_new_comment(comment):
    """'We received your comment': sent when a comment waits for moderation, with when to expect a reply."""
    context = author_context(comment)
    page = page_of(comment)
    if page is not None:
        with translation.override(comment.language):
            context["reply_expectation"] = reply_expectation(page.community_manager(), timezone.now())
    queue_author_email(comment, "received", context)


AUTHOR_TEMPLATES = {
    Action.APPROVE: "published",
    Action.RESTORE: "published",
    Action.REMOVE: "removed",
    Action.RETURN: "returned",
    Action.RESUBMIT: "received",
}


PUBLISHING = (Action.APPROVE, Action.RESTORE)
# Decisions the author is emailed about; the last one says what the author was last told.
TOLD_TO_AUTHOR = (Action.APPROVE, Action.RESTORE, Action.REMOVE, Action.RETURN)


@never_blocks
def notify_author_of_decision(sender, decision, **kwargs):
    comment = decision.comment
    template = AUTHOR_TEMPLATES.get(decision.action)
    changed = decision.from_state != decision.to_state  # keeping a reported comment is not news to its author
    earlier = ModerationDecision.objects.filter(comment_id=comment.pk).exclude(pk=decision.pk)
    if template == "published":
        # Approved again after a hold (reports): the author was told it is published, and nothing since.
        last_told = earlier.filter(action__in=TOLD_TO_AUTHOR).order_by("-pk").values_list("action", flat=True)
        changed = changed and last_told.first() not in PUBLISHING
    if template and changed and comment.user_email and not comment.is_community_manager:
        queue_author_email(comment, template, author_context(comment, decision))
    # A reply is news for its parent's author once a moderator published it, or kept it (post-moderation):
    # the first time only, so a hold and a second approval do not repeat it.
    if decision.action in PUBLISHING and not earlier.filter(action__in=PUBLISHING).exists():
        notify_parent_author(comment)
    if decision.action == Action.RESUBMIT:
        notify_moderators_of_new_comment(comment)


@never_blocks
def notify_parent_author(reply):
    """Tell the parent's author about a published reply: only if they asked, or if the manager replied."""
    if reply.parent_id in (0, reply.pk):
        return
    parent = ConsultationComment.objects.select_related(None).filter(pk=reply.parent_id).first()
    if parent is None or not parent.user_email or parent.state != State.PUBLISHED:
        return
    if not (parent.followup or reply.is_community_manager):
        return
    if parent.author_key == reply.author_key:
        return
    context = {
        **author_context(parent),
        "reply_author": reply.user_name,
        "reply_excerpt": truncatechars(reply.comment, 300),
        "reply_link": absolute(f"{page_of(reply).url}comments/{reply.pk}/"),
        "by_manager": reply.is_community_manager,
        "unsubscribe_link": author_links.absolute_link(parent, "unsubscribe"),
    }
    headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_link']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    queue_author_email(parent, "reply", context, headers=headers)


def moderators():
    permission = Permission.objects.filter(
        codename="moderate_comments", content_type__app_label="consultations"
    ).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if permission is None:
        return users.none()
    return users.filter(Q(groups__permissions=permission) | Q(user_permissions=permission)).distinct()


def email_moderators(template, context):
    """One email from ``consultations/emails/<template>`` to every moderator, signed by the community manager."""
    context = {**context, "signature": signature()}
    for user in moderators():
        queue_email(user.email, template, context, moderator_language(user))


def moderator_language(user):
    return settings.LANGUAGE_CODE


BURST_WINDOW = timedelta(minutes=10)


@never_blocks
def notify_moderators_of_new_comment(comment):
    """In "each" mode, one email per comment waiting for moderation or published unread (post-moderation), once.

    At most TRIBUNE_MODERATOR_EMAIL_BURST of them in any 10 minutes: past that, the new comments wait in
    the queue (and the reminders) without an email each, and one email says that many are waiting.
    """
    if settings.TRIBUNE_MODERATOR_NOTIFICATIONS != "each":
        return
    notices = ModeratorNotice.objects.filter(threshold_hours=0)
    if notices.filter(comment=comment, kind=ModeratorNotice.Kind.NEW).exists():
        return
    since = timezone.now() - BURST_WINDOW
    if (
        notices.filter(kind=ModeratorNotice.Kind.NEW, sent_at__gt=since).count()
        >= settings.TRIBUNE_MODERATOR_EMAIL_BURST
    ):
        notify_moderators_of_burst(comment, since)
        return
    notice, created = ModeratorNotice.objects.get_or_create(
        comment=comment, kind=ModeratorNotice.Kind.NEW, threshold_hours=0
    )
    if not created:
        return
    context = {
        "comments": [moderator_item(comment)],
        "already_published": comment.state == State.PUBLISHED,
        "queue_link": absolute("/admin/"),
    }
    email_moderators("moderator_new", context)


def notify_moderators_of_burst(comment, since):
    """Once per 10 minutes of a burst: "many new comments are waiting", with no comment in it."""
    burst = ModeratorNotice.Kind.BURST
    if ModeratorNotice.objects.filter(kind=burst, sent_at__gt=since).exists():
        return
    ModeratorNotice.objects.get_or_create(comment=comment, kind=burst, threshold_hours=0)
    logger.info("Burst of new comments: one email to the moderators instead of one per comment")
    context = {
        "burst": settings.TRIBUNE_MODERATOR_EMAIL_BURST,
        "queue_link": absolute(reverse("tribune_moderation:queue")),
    }
    email_moderators("moderator_burst", context)


@never_blocks
def notify_moderators_of_held_comment(comment, report_count):
    """Readers' reports just hid a published comment: every moderator is told at once.

    Sent whatever TRIBUNE_MODERATOR_NOTIFICATIONS says: a hidden comment is a decision nobody
    took yet. Called once per hold (a comment already held cannot be held again).
    """
    context = {
        "comments": [moderator_item(comment)],
        "report_count": report_count,
        "comment_link": absolute(reverse("tribune_moderation:comment", args=[comment.pk])),
    }
    email_moderators("moderator_held", context)


def moderator_item(comment):
    page = page_of(comment)
    return {
        "author": comment.user_name,
        "page_title": page.title if page is not None else "",
        "excerpt": truncatechars(comment.comment, 200),
        "submitted": comment.submit_date,
        "screening": [ScreeningReason.from_json(value).label for value in comment.screening_reasons],
        "published": comment.state == State.PUBLISHED,
    }


def moderator_items(comments):
    """The digest's entries; a comment that cannot be described is recorded in the outbox and skipped,
    so one bad item never stops the reminders of all the others."""
    items = []
    for comment in comments:
        try:
            items.append(moderator_item(comment))
        except Exception as error:
            logger.exception("Comment %s left out of the moderator reminder", comment.pk)
            record_failure(
                subject=f"[moderator_reminder] comment {comment.pk} left out",
                reason=str(error),
                error_type=type(error).__name__,
            )
    return items


def send_moderation_reminders(promised_hours, now=None):
    """Email moderators the comments waiting longer than promised, and (digest mode) the new ones.

    Waiting means pending, or published but not yet reviewed (post-moderation). Returns the number
    of comments reported. Each comment is reported once per kind and threshold.
    """
    now = now or timezone.now()
    waiting = ConsultationComment.objects.select_related(None).filter(
        Q(state=State.PENDING) | Q(state=State.PUBLISHED, reviewed_at__isnull=True)
    )
    overdue = list(
        waiting.filter(submit_date__lte=now - timedelta(hours=promised_hours)).exclude(
            moderator_notices__kind=ModeratorNotice.Kind.OVERDUE,
            moderator_notices__threshold_hours=promised_hours,
        )
    )
    new = []
    if settings.TRIBUNE_MODERATOR_NOTIFICATIONS == "digest":
        new = list(
            waiting.exclude(moderator_notices__kind=ModeratorNotice.Kind.NEW).exclude(
                pk__in=[c.pk for c in overdue]
            )
        )
    if not overdue and not new:
        return 0
    with transaction.atomic():
        ModeratorNotice.objects.bulk_create(
            [
                ModeratorNotice(comment=c, kind=ModeratorNotice.Kind.OVERDUE, threshold_hours=promised_hours)
                for c in overdue
            ]
            + [ModeratorNotice(comment=c, kind=ModeratorNotice.Kind.NEW, threshold_hours=0) for c in new],
            ignore_conflicts=True,
        )
        context = {
            "overdue": moderator_items(overdue),
            "new": moderator_items(new),
            "promised_hours": promised_hours,
            "queue_link": absolute("/admin/"),
        }
        email_moderators("moderator_reminder", context)
    return len(overdue) + len(new)
