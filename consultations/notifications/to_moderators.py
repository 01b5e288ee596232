"""Emails to the moderators: a new comment, a burst of them, a comment readers' reports hid, the reminders."""

import logging
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from consultations.models.comments import ConsultationComment
from consultations.models.notices import ModeratorNotice
from consultations.moderation import links, queue, urgency
from consultations.moderation.permissions import moderate_permission
from consultations.moderation.screening import ScreeningReason
from consultations.notifications.mail import absolute, never_blocks, queue_email, quoted, unlinked
from guidelines.models import CommunityManagerSettings, ModeratorNotifications
from outbox.queue import record_failure

logger = logging.getLogger(__name__)
State = ConsultationComment.State


def manager_settings():
    """The default site's community manager settings: the signature, the notification mode, the digest hour."""
    return CommunityManagerSettings.for_site_without_saving()


def notification_mode():
    """each, digest or off: as the organiser chose in the admin, else TRIBUNE_MODERATOR_NOTIFICATIONS."""
    return manager_settings().moderator_notifications


def signature(language=None):
    """The signature of moderator emails: the default site's community manager, in ``language``."""
    return manager_settings().signature(language)


def moderators():
    permission = moderate_permission().first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if permission is None:
        return users.none()
    # A subquery rather than DISTINCT: each moderator once, with their Wagtail profile (language, time zone).
    allowed = users.filter(Q(groups__permissions=permission) | Q(user_permissions=permission)).values("pk")
    return users.filter(pk__in=allowed).select_related("wagtail_userprofile")


def email_moderators(template, context):
    """One email from ``consultations/emails/<template>`` to every moderator, signed by the community
    manager, in the moderator's own admin language and time zone (the signature too)."""
    manager = manager_settings()
    for user in moderators():
        language = moderator_language(user)
        with timezone.override(moderator_time_zone(user)):
            queue_email(user.email, template, {**context, "signature": manager.signature(language)}, language)


def _profile(user):
    try:
        return user.wagtail_userprofile
    except UserProfile.DoesNotExist:
        return None


def moderator_language(user):
    """The language the moderator chose for the Wagtail admin, if the site speaks it, else the site's.

    Without a choice, Wagtail's profile answers with whatever language is active (in a notification,
    the participant's): the site's default is asked for instead. A regional variant the site lacks
    ("fr-ca") is served by its language ("fr").
    """
    profile = _profile(user)
    if profile is None:
        return settings.LANGUAGE_CODE
    with translation.override(settings.LANGUAGE_CODE):
        preferred = profile.get_preferred_language()
    try:
        return translation.get_supported_language_variant(preferred)
    except LookupError:
        return settings.LANGUAGE_CODE


def moderator_time_zone(user):
    """The time zone the moderator chose in the Wagtail admin (dates in their emails), else the site's."""
    profile = _profile(user)
    try:
        return (
            zoneinfo.ZoneInfo(profile.get_current_time_zone()) if profile else timezone.get_default_timezone()
        )
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


BURST_WINDOW = timedelta(minutes=10)


@never_blocks
def notify_moderators_of_new_comment(comment):
    """In "each" mode, one email per comment waiting for moderation or published unread (post-moderation), once.

    At most TRIBUNE_MODERATOR_EMAIL_BURST of them in any 10 minutes: past that, the new comments wait in
    the queue (and the reminders) without an email each, and one email says that many are waiting.
    """
    if notification_mode() != ModeratorNotifications.EACH or comment.is_urgent:
        return  # an urgent comment has an email of its own (notify_moderators_of_urgent_comment)
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
        "queue_link": absolute(links.queue_url()),
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
        "queue_link": absolute(links.queue_url()),
    }
    email_moderators("moderator_burst", context)


@never_blocks
def notify_moderators_of_held_comment(comment, report_count):
    """Readers' reports just hid a published comment: every moderator is told at once.

    Sent whatever the notification mode: a hidden comment is a decision nobody
    took yet. Called once per hold (a comment already held cannot be held again).
    """
    context = {
        "comments": [moderator_item(comment)],
        "report_count": report_count,
        "queue_link": absolute(links.queue_url()),
    }
    email_moderators("moderator_held", context)


@never_blocks
def notify_moderators_of_urgent_comment(comment):
    """A comment says its author may be hurt or in danger: every moderator is told at once, "URGENT" in the
    subject, whatever TRIBUNE_MODERATOR_NOTIFICATIONS and TRIBUNE_MODERATOR_EMAIL_BURST say.

    The email names what it is about (suicide, abuse…) and links to the comment in the queue; it quotes no word
    of it, in the subject or the body: a young person's disclosure is read in the queue, not on a lock screen.
    At most TRIBUNE_MODERATOR_URGENT_EMAIL_BURST of them in any 10 minutes; past that, one "many urgent
    comments" email per 10 minutes (still "URGENT"), and the others are first in the queue.
    """
    notices = ModeratorNotice.objects.filter(threshold_hours=0)
    if notices.filter(comment=comment, kind=ModeratorNotice.Kind.URGENT).exists():
        return
    since = timezone.now() - BURST_WINDOW
    context = {"queue_link": absolute(links.queue_url()), "urgent_hours": urgent_response_hours()}
    if (
        notices.filter(kind=ModeratorNotice.Kind.URGENT, sent_at__gt=since).count()
        >= settings.TRIBUNE_MODERATOR_URGENT_EMAIL_BURST
    ):
        if notices.filter(kind=ModeratorNotice.Kind.URGENT_BURST, sent_at__gt=since).exists():
            return
        ModeratorNotice.objects.get_or_create(comment=comment, kind=ModeratorNotice.Kind.URGENT_BURST)
        logger.warning("Burst of urgent comments: one email to the moderators instead of one per comment")
        email_moderators(
            "moderator_urgent", {**context, "burst": settings.TRIBUNE_MODERATOR_URGENT_EMAIL_BURST}
        )
        return
    ModeratorNotice.objects.get_or_create(comment=comment, kind=ModeratorNotice.Kind.URGENT)
    page = comment.content_object
    context.update(
        {
            "link": absolute(links.comment_url(comment.pk)),
            "page_title": page.title if page is not None else "",
            "submitted": comment.submit_date,
            "categories": urgency.categories(comment.urgent_phrases),
        }
    )
    email_moderators("moderator_urgent", context)


def urgent_response_hours():
    return CommunityManagerSettings.for_site_without_saving().urgent_response_hours


def moderator_item(comment):
    """What a moderator email says of a comment, and the one link it carries: to the comment in the queue."""
    page = comment.content_object
    return {
        "link": absolute(links.comment_url(comment.pk)),
        "author": unlinked(comment.author_name),
        "page_title": page.title if page is not None else "",
        # An urgent comment is never quoted in an email (notify_moderators_of_urgent_comment).
        "excerpt": gettext("Urgent: read it in the queue")
        if comment.is_urgent
        else unlinked(quoted(comment.comment, 200)),
        "urgent": comment.is_urgent,
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


def digest_comments(manager, waiting, now):
    """In digest mode, the comments of the day's digest: none until the digest hour (in the manager's time
    zone) has passed since the last digest; then every waiting comment no email has announced yet, if one of
    them arrived before that hour (a comment arriving after it waits for the next day's, or for the reminder
    of comments waiting too long)."""
    if manager.moderator_notifications != ModeratorNotifications.DIGEST:
        return []
    due_since = manager.latest_digest_time(now)
    if ModeratorNotice.objects.filter(kind=ModeratorNotice.Kind.NEW, sent_at__gte=due_since).exists():
        return []  # the digest went out since that hour
    announced = ModeratorNotice.objects.filter(
        kind__in=[ModeratorNotice.Kind.NEW, ModeratorNotice.Kind.OVERDUE]
    )
    new = waiting.filter(submit_date__lte=now).exclude(pk__in=announced.values("comment_id"))
    if not new.filter(submit_date__lt=due_since).exists():
        return []
    return list(new)


def send_moderation_reminders(promised_hours=None, now=None):
    """Email moderators the comments waiting longer than promised (by default, the community manager's
    promise), and (digest mode, once a day after the digest hour) the new ones.

    Waiting means pending, or published but not yet reviewed (post-moderation). Returns the number
    of comments reported. Each comment is reported once per kind and threshold. ``now`` is the clock
    (tests freeze it).
    """
    now = now or timezone.now()
    manager = manager_settings()
    promised_hours = promised_hours or manager.promised_response_hours
    waiting = ConsultationComment.objects.select_related(None).filter(
        Q(state=State.PENDING) | queue.awaits_review()
    )
    overdue = list(
        waiting.filter(submit_date__lte=now - timedelta(hours=promised_hours)).exclude(
            moderator_notices__kind=ModeratorNotice.Kind.OVERDUE,
            moderator_notices__threshold_hours=promised_hours,
        )
    )
    overdue_ids = {comment.pk for comment in overdue}
    new = [comment for comment in digest_comments(manager, waiting, now) if comment.pk not in overdue_ids]
    if not overdue and not new:
        return 0
    with transaction.atomic():
        ModeratorNotice.objects.bulk_create(
            [
                ModeratorNotice(
                    comment=c, kind=ModeratorNotice.Kind.OVERDUE, threshold_hours=promised_hours, sent_at=now
                )
                for c in overdue
            ]
            + [
                ModeratorNotice(comment=c, kind=ModeratorNotice.Kind.NEW, threshold_hours=0, sent_at=now)
                for c in new
            ],
            ignore_conflicts=True,
        )
        context = {
            "overdue": moderator_items(overdue),
            "new": moderator_items(new),
            "promised_hours": promised_hours,
            "waiting_count": queue.waiting_count(),
            "queue_link": absolute(links.queue_url()),
        }
        email_moderators("moderator_reminder", context)
    return len(overdue) + len(new)
