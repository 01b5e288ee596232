"""Emails about comments: to their authors, in the author's language, and to moderators.

Every email is queued in django-post-office's table inside the transaction that caused it
(a decision, a new comment), so a rolled-back decision sends nothing and a mail server that is
down loses nothing: ``manage.py send_outbox`` delivers the queue, with retries and back-off.
Email addresses appear only as recipients, never in a body, a page or a log line.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from post_office import mail
from post_office.models import STATUS, Email, Log
from wagtail.models import Site

from consultations import author_links
from consultations.models import ConsultationComment, ModerationDecision, ModeratorNotice
from consultations.moderation import comment_decided
from consultations.screening import ScreeningReason
from guidelines.availability_text import reply_expectation
from guidelines.models import CommunityManagerSettings

logger = logging.getLogger(__name__)
State = ConsultationComment.State
Action = ModerationDecision.Action
MODERATOR_NOTIFICATIONS = ("each", "digest", "off")


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def queue_email(recipient, template, context, language, headers=None):
    """Render ``consultations/emails/<template>`` in ``language`` and queue it for ``recipient``."""
    context = {**context, "language": language}
    with translation.override(language):
        subject = " ".join(render_to_string(f"consultations/emails/{template}_subject.txt", context).split())
        text = render_to_string(f"consultations/emails/{template}.txt", context)
        html = render_to_string(f"consultations/emails/{template}.html", context)
    try:
        return mail.send(
            recipients=[recipient],
            sender=settings.DEFAULT_FROM_EMAIL,
            subject=subject,
            message=text,
            html_message=html,
            headers=headers or {},
            priority="medium",
        )
    except ValidationError:
        # An address that cannot be used: keep the failure visible in the outbox, never break the decision.
        email = Email.objects.create(
            from_email=settings.DEFAULT_FROM_EMAIL,
            subject=subject,
            message=text,
            html_message=html,
            status=STATUS.failed,
        )
        Log.objects.create(
            email=email,
            status=STATUS.failed,
            message="Invalid recipient address",
            exception_type="ValidationError",
        )
        logger.warning("Email %s not queued: invalid recipient address", email.pk)
        return email


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


def signature():
    """The signature of moderator emails: the default site's community manager."""
    site = Site.objects.filter(is_default_site=True).first()
    return (
        CommunityManagerSettings.for_site_without_saving(site).signature()
        if site
        else settings.WAGTAIL_SITE_NAME
    )


def notify_author_of_new_comment(comment):
    """'We received your comment': sent when a comment waits for moderation, with when to expect a reply."""
    context = author_context(comment)
    page = page_of(comment)
    if page is not None:
        with translation.override(comment.language):
            context["reply_expectation"] = reply_expectation(page.community_manager(), timezone.now())
    queue_email(comment.user_email, "received", context, comment.language)


AUTHOR_TEMPLATES = {
    Action.APPROVE: "published",
    Action.RESTORE: "published",
    Action.REMOVE: "removed",
    Action.RETURN: "returned",
    Action.RESUBMIT: "received",
}


@receiver(comment_decided, dispatch_uid="tribune.notify_author_of_decision")
def notify_author_of_decision(sender, decision, **kwargs):
    comment = decision.comment
    template = AUTHOR_TEMPLATES.get(decision.action)
    changed = decision.from_state != decision.to_state  # keeping a reported comment is not news to its author
    if template and changed and comment.user_email and not comment.is_community_manager:
        queue_email(comment.user_email, template, author_context(comment, decision), comment.language)
    if decision.to_state == State.PUBLISHED and decision.from_state == State.PENDING:
        notify_parent_author(comment)
    if decision.action == Action.RESUBMIT:
        notify_moderators_of_new_comment(comment)


def notify_parent_author(reply):
    """Tell the parent's author about a published reply: only if they asked, or if the manager replied."""
    if reply.parent_id in (0, reply.pk):
        return
    parent = ConsultationComment.objects.select_related(None).filter(pk=reply.parent_id).first()
    if parent is None or not parent.user_email or parent.state != State.PUBLISHED:
        return
    if not (parent.followup or reply.is_community_manager):
        return
    if parent.user_email.casefold() == (reply.user_email or "").casefold():
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
    queue_email(parent.user_email, "reply", context, parent.language, headers=headers)


def moderators():
    permission = Permission.objects.filter(
        codename="moderate_comments", content_type__app_label="consultations"
    ).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if permission is None:
        return users.none()
    return users.filter(Q(groups__permissions=permission) | Q(user_permissions=permission)).distinct()


def moderator_language(user):
    return settings.LANGUAGE_CODE


def notify_moderators_of_new_comment(comment):
    """In "each" mode, one email per comment waiting for moderation, once."""
    if settings.TRIBUNE_MODERATOR_NOTIFICATIONS != "each":
        return
    notice, created = ModeratorNotice.objects.get_or_create(
        comment=comment, kind=ModeratorNotice.Kind.NEW, threshold_hours=0
    )
    if not created:
        return
    context = {
        "comments": [moderator_item(comment)],
        "queue_link": absolute("/admin/"),
        "signature": signature(),
    }
    for user in moderators():
        queue_email(user.email, "moderator_new", context, moderator_language(user))


def notify_moderators_of_held_comment(comment, report_count):
    """Readers' reports just hid a published comment: every moderator is told at once.

    Sent whatever TRIBUNE_MODERATOR_NOTIFICATIONS says: a hidden comment is a decision nobody
    took yet. Called once per hold (a comment already held cannot be held again).
    """
    context = {
        "comments": [moderator_item(comment)],
        "report_count": report_count,
        "comment_link": absolute(reverse("tribune_moderation:comment", args=[comment.pk])),
        "signature": signature(),
    }
    for user in moderators():
        queue_email(user.email, "moderator_held", context, moderator_language(user))


def moderator_item(comment):
    page = page_of(comment)
    return {
        "author": comment.user_name,
        "page_title": page.title if page is not None else "",
        "excerpt": truncatechars(comment.comment, 200),
        "submitted": comment.submit_date,
        "screening": [ScreeningReason.from_json(value).label for value in comment.screening_reasons],
    }


def send_moderation_reminders(promised_hours, now=None):
    """Email moderators the comments waiting longer than promised, and (digest mode) the new ones.

    Returns the number of comments reported. Each comment is reported once per kind and threshold.
    """
    now = now or timezone.now()
    waiting = ConsultationComment.objects.select_related(None).filter(state=State.PENDING)
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
            "overdue": [moderator_item(c) for c in overdue],
            "new": [moderator_item(c) for c in new],
            "promised_hours": promised_hours,
            "queue_link": absolute("/admin/"),
            "signature": signature(),
        }
        for user in moderators():
            queue_email(user.email, "moderator_reminder", context, moderator_language(user))
    return len(overdue) + len(new)
