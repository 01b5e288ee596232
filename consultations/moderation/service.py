"""Every change of a comment's state, in one place.

Admin views, bulk actions, management commands and tests all call these functions. Each one is
atomic: it locks the comment, checks that nothing changed since the moderator saw it (its state, the
reports from readers) and that the move is allowed from its state, changes the state, records a ModerationDecision and a Wagtail log entry, and sends
``comment_decided`` inside the same transaction, so that whatever listens (the author's email)
is stored with the decision or not at all.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from consultations.models import CommentReport, ConsultationComment, ModerationDecision, ResultsSubscription
from consultations.models.moderation import edit_log_entries, forget_edited_text
from consultations.moderation.actions import ACTIONS
from consultations.moderation.screening import screen
from consultations.moderation.urgency import find_urgent

State = ConsultationComment.State
Action = ModerationDecision.Action

# Sent inside the decision's transaction with ``decision`` (a saved ModerationDecision), and what the caller
# of ``decide`` adds as ``notice``: ``manager_answered=True`` on an approval that comes with the community
# manager's reply (``approve_and_reply``), ``with_approval=True`` on that reply's own approval.
comment_decided = Signal()


@dataclass(frozen=True)
class Seen:
    """What a moderator saw of a comment when they took a decision on it: when its state last changed
    (None: never) and how many of its reports from readers were open."""

    changed_at: datetime.datetime | None
    open_reports: int = 0


# ``seen`` was not given: the caller did not see the comment (the author, the report hold).
NOT_SEEN = object()


class ModerationError(Exception):
    """A decision that cannot be taken; its message is shown to the moderator or the author."""


class StaleDecision(ModerationError):
    pass


class TransitionNotAllowed(ModerationError):
    pass


class ReasonRequired(ModerationError):
    pass


def stale(state_label):
    return StaleDecision(
        _("Someone decided on this comment in the meantime (it is now “%(state)s”). Nothing was changed.")
        % {"state": state_label}
    )


def reported_meanwhile():
    return StaleDecision(
        _(
            "Readers reported this comment since the page was shown: reload it to read the reports. "
            "Nothing was changed."
        )
    )


def decide(
    comment,
    action,
    *,
    moderator=None,
    reason=None,
    message="",
    seen=NOT_SEEN,
    new_text=None,
    erase_email=False,
    log_data=None,
    notice=None,
):
    """Move a comment to the state ``action`` leads to, and record the decision.

    ``seen`` is what the moderator saw of the comment (a ``Seen``): if someone else decided in the meantime,
    or readers reported it since, StaleDecision is raised and nothing changes; the reports the decision
    closes are those the moderator saw. ``log_data`` is added to the Wagtail log entry's data, ``notice`` to
    what ``comment_decided`` sends.
    """
    rule = ACTIONS[action]
    if rule.needs_reason and reason is None:
        raise ReasonRequired(_("Choose a reason: it is sent to the author."))
    with transaction.atomic():
        locked = ConsultationComment.objects.select_related(None).select_for_update().get(pk=comment.pk)
        # Reports are added without locking the comment: these ids are the ones checked and closed.
        open_reports = list(
            CommentReport.objects.filter(comment_id=locked.pk, reviewed_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
        if seen is not NOT_SEEN:
            if locked.state_changed_at != seen.changed_at:
                raise stale(locked.get_state_display())
            if len(open_reports) != seen.open_reports:
                raise reported_meanwhile()
        # "Keep it": a published comment nobody has read yet (post-moderation), or one that readers reported,
        # stays public; the decision marks it read and dismisses the reports.
        unread = locked.reviewed_at is None
        reported = locked.state == State.PUBLISHED and bool(open_reports)
        if not rule.allows(locked.state, unread=unread, reported=reported):
            raise TransitionNotAllowed(
                _("A comment that is “%(state)s” cannot be %(action)s.")
                % {"state": locked.get_state_display(), "action": rule.label.lower()}
            )
        from_state, to_state = locked.state, rule.leads_to
        locked.state = to_state
        locked.state_changed_at = timezone.now()
        if new_text is not None:
            locked.comment = new_text
        if erase_email:
            locked.user_email = ""
            locked.followup = False
        if rule.reviews:
            locked.reviewed_at, locked.reviewed_by = locked.state_changed_at, moderator
        elif new_text is not None:
            locked.reviewed_at, locked.reviewed_by = None, None
        locked.save()
        if rule.closes_reports and moderator is not None:
            CommentReport.objects.filter(pk__in=open_reports).update(
                reviewed_at=locked.state_changed_at, reviewed_by=moderator
            )
        decision = ModerationDecision.objects.create(
            comment=locked,
            action=action,
            from_state=from_state,
            to_state=to_state,
            reason=reason,
            message=message,
            moderator=moderator,
        )
        log(
            locked,
            rule.log_action,
            user=moderator,
            # Not str(comment), which starts with the text: a withdrawal must leave none of it behind.
            title=f"#{locked.pk}",
            data={
                "decision": decision.pk,
                "from": from_state,
                "to": to_state,
                "reason": reason.title if reason else "",
                "message": message,
                **(log_data or {}),
            },
        )
        comment_decided.send(sender=ModerationDecision, decision=decision, **(notice or {}))
    comment.__dict__.update(
        {
            name: getattr(locked, name)
            for name in (
                "state",
                "state_changed_at",
                "comment",
                "user_email",
                "followup",
                "is_public",
                "is_removed",
                "reviewed_at",
                "reviewed_by_id",
            )
        }
    )
    return decision


def approve(comment, moderator, seen=NOT_SEEN):
    """Publish a pending comment, or keep a published one not yet reviewed or reported; its reports are closed."""
    return decide(comment, Action.APPROVE, moderator=moderator, seen=seen)


def remove(comment, moderator, reason, message="", seen=NOT_SEEN):
    return decide(comment, Action.REMOVE, moderator=moderator, reason=reason, message=message, seen=seen)


def return_for_revision(comment, moderator, reason, message="", seen=NOT_SEEN):
    return decide(comment, Action.RETURN, moderator=moderator, reason=reason, message=message, seen=seen)


def restore(comment, moderator, seen=NOT_SEEN):
    return decide(comment, Action.RESTORE, moderator=moderator, seen=seen)


def hold(comment, message=""):
    """Take a published comment back into the queue (e.g. after reports); nobody decided yet."""
    return decide(comment, Action.HOLD, message=message)


def resubmit(comment, new_text):
    """The author sends a revised text: back in the queue, with its history. A text with an urgent phrase makes
    the comment urgent as a new one would be (its lane, its email); a comment once urgent stays so. The new
    text is screened again, so the moderator sees what it holds, not what the old one held."""
    found = [finding.to_json() for finding in find_urgent(new_text)]
    with transaction.atomic():
        ConsultationComment.objects.filter(pk=comment.pk).update(
            screening_reasons=[reason.to_json() for reason in screen(new_text)]
        )
        if found:
            # Before ``decide`` locks and reads the row: what its receivers read is the urgent comment. Undone
            # with it if the link was already used.
            ConsultationComment.objects.filter(pk=comment.pk).update(
                is_urgent=True,
                urgent_phrases=list(dict.fromkeys([*(comment.urgent_phrases or []), *found])),
            )
        decision = decide(comment, Action.RESUBMIT, new_text=new_text)
    comment.is_urgent, comment.urgent_phrases = decision.comment.is_urgent, decision.comment.urgent_phrases
    comment.screening_reasons = decision.comment.screening_reasons
    return decision


def withdraw(comment):
    """The author takes their comment down: its text and their address are erased, replies stay readable; so
    are the texts kept in the log of a moderator's edit. Their subscription to the consultation's results (made
    with this comment, or by the same mailbox with another) is deleted."""
    with transaction.atomic():
        decision = decide(comment, Action.WITHDRAW, new_text="", erase_email=True)
        forget_edited_text(edit_log_entries([comment.pk]), after_too=True)
        # Their wish to hear of the results goes too: the address it kept is erased with the comment's.
        ResultsSubscription.objects.of_author(comment).delete()
    return decision


def accepts_replies(comment):
    """Whether a community manager can reply to ``comment``: only a published one."""
    return comment.state == State.PUBLISHED


def manager_name_for(page, language=None):
    """The name a reply as community manager goes by on ``page``: its site's display name in ``language`` (the
    language of the reply, which is the one of the comment it answers; the page's when none is given), "" when
    none is set (readers then see "Community manager" in their language), never the staff member's own name."""
    manager = page.community_manager() if page is not None else None
    if language is None and page is not None:
        language = page.locale.language_code
    name = manager.texts_for(language).display_name if manager is not None else ""
    return Truncator(name).chars(ConsultationComment._meta.get_field("user_name").max_length)


def reply_as_manager(parent, moderator, text, notice=None):
    """A reply published at once under the site's community manager display name, with the "Community
    manager" badge; a decision of its own, so already reviewed. ``moderator`` is kept for the record
    (the reply's ``user`` and its decision), never shown.

    Refused (ModerationError) if the parent is not published, as its locked row says.
    """
    with transaction.atomic():
        parent = ConsultationComment.objects.select_related(None).select_for_update().get(pk=parent.pk)
        if not accepts_replies(parent):
            raise ModerationError(_("You can only reply to a published comment. Nothing was posted."))
        reply = ConsultationComment(
            content_type_id=parent.content_type_id,
            object_pk=parent.object_pk,
            site_id=parent.site_id,
            user=moderator,
            user_name=manager_name_for(parent.content_object, parent.language),
            user_email=moderator.email or "",
            comment=text,
            submit_date=timezone.now(),
            parent_id=parent.pk,
            state=State.PENDING,
            language=parent.language,
            is_community_manager=True,
        )
        reply.save()
        decide(reply, Action.APPROVE, moderator=moderator, notice=notice)
    return reply


def approve_and_reply(comment, moderator, text, seen=NOT_SEEN):
    """Publish a pending comment and the community manager's reply to it, in one transaction: both or neither.

    The author is told once that the comment is published, with a word that the community manager answered;
    the reply notice follows only where they asked for emails about replies (``notice``). Raises what
    ``decide`` and ``reply_as_manager`` raise (and xtd's MaxThreadLevelExceededException), changing nothing.
    """
    with transaction.atomic():
        locked = ConsultationComment.objects.select_related(None).select_for_update().get(pk=comment.pk)
        if seen is not NOT_SEEN and locked.state_changed_at != seen.changed_at:
            raise stale(locked.get_state_display())
        if locked.state != State.PENDING:
            raise TransitionNotAllowed(
                _("Only a comment waiting for moderation can be approved with a reply. Nothing was changed.")
            )
        decision = decide(
            comment, Action.APPROVE, moderator=moderator, seen=seen, notice={"manager_answered": True}
        )
        reply = reply_as_manager(comment, moderator, text, notice={"with_approval": True})
    return decision, reply


class EditRefused(ModerationError):
    pass


def redaction_marker(language):
    """What replaces a span a moderator edits out, in the comment's language."""
    with override(language):
        return gettext("[removed by moderation]")


def normalised_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def edited_out(original, edited, marker):
    """``edited`` (with plain newlines) if it is ``original`` with one or more spans replaced by ``marker`` and
    nothing else changed, else EditRefused: a moderator may take words out of a comment, never put any in.

    The pieces of ``edited`` between markers must appear in ``original`` in order, the first at its start,
    the last at its end, each replaced span non-empty; placing each piece as early as it fits finds such a
    reading whenever there is one.
    """
    original, edited = normalised_newlines(original), normalised_newlines(edited)
    refused = EditRefused(
        _(
            "The edited text changes more than the parts replaced by “%(marker)s”: only that replacement is "
            "allowed. Nothing was changed."
        )
        % {"marker": marker}
    )
    first, *middle, last = edited.split(marker) if marker in edited else (edited, None)
    if last is None:
        if edited == original:
            raise EditRefused(
                _("Replace the part to take out with “%(marker)s”. Nothing was changed.") % {"marker": marker}
            )
        raise refused
    end = len(original) - len(last)
    if not (original.startswith(first) and original.endswith(last)) or end <= len(first):
        raise refused
    position = len(first)
    for piece in middle:
        found = original.find(piece, position + 1, end - 1)
        if found < 0:
            raise refused
        position = found + len(piece)
    if edited == original:
        raise EditRefused(
            _("Nothing was taken out: replace a part of the text with “%(marker)s”.") % {"marker": marker}
        )
    if not edited.replace(marker, "").strip():
        raise EditRefused(_("Nothing would be left of this comment: remove it instead. Nothing was changed."))
    return edited


def edit_out(comment, moderator, reason, edited_text, message="", seen=NOT_SEEN):
    """Publish a comment (or keep a published one) with one or more spans replaced by the marker, after
    checking that nothing else changed (``edited_out``). The text before is kept in the Wagtail log entry, for
    moderators only, until ``privacy.retention`` erases it; the author is emailed the reason."""
    if reason is None:
        raise ReasonRequired(_("Choose a reason: it is sent to the author."))
    with transaction.atomic():
        locked = ConsultationComment.objects.select_related(None).select_for_update().get(pk=comment.pk)
        if seen is not NOT_SEEN and locked.state_changed_at != seen.changed_at:
            raise stale(locked.get_state_display())
        if locked.is_community_manager:
            raise TransitionNotAllowed(_("A reply of the community manager cannot be edited here."))
        after = edited_out(locked.comment, edited_text, redaction_marker(locked.language))
        return decide(
            comment,
            Action.EDIT_OUT,
            moderator=moderator,
            reason=reason,
            message=message,
            seen=seen,
            new_text=after,
            log_data={"before": locked.comment, "after": after, "before_erased": False},
        )
