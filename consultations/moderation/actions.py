"""The moderation actions, in one table: what each one does to a comment and how the admin names it.

The service (``service.decide``), the queue's forms and views, the bulk actions, the log actions registered
with Wagtail and the templates read this table and nothing else. ``ModerationDecision.Action`` stays the
list of stored values; each row here is keyed by one of them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from consultations.models import ConsultationComment, ModerationDecision

State = ConsultationComment.State
Action = ModerationDecision.Action


@dataclass(frozen=True)
class ModerationAction:
    """One action on a comment.

    ``keeps_published``: on a published comment that no moderator has read yet, or that readers reported, the
    action is allowed although "published" is not among ``starts_from``: it keeps the comment public and
    records that a moderator read it ("keep it", the approve of a published comment).
    """

    code: str
    starts_from: frozenset
    leads_to: str
    needs_reason: bool
    closes_reports: bool
    reviews: bool
    from_queue: bool
    button_label: str
    log_label: str
    log_message: str
    done: object  # ngettext_lazy with a "count" placeholder
    bulk_label: str = ""
    bulk_aria_label: str = ""
    button_classname: str = "button"
    explanation: str = ""
    keeps_published: bool = False
    keep_label: str = ""
    keep_unread_label: str = ""
    keep_reported_label: str = ""
    keep_unread_explanation: str = ""
    keep_reported_explanation: str = ""

    @property
    def log_action(self):
        """The action name of this decision's Wagtail log entries."""
        return f"tribune.comment.{self.code}"

    @property
    def label(self):
        """The stored choice's label (``ModerationDecision.Action``), e.g. "Returned for revision"."""
        return Action(self.code).label

    def keeps(self, state, *, unread=False, reported=False):
        """Whether, on a comment in ``state``, this is a "keep it" (published and unread or reported)."""
        return self.keeps_published and state == State.PUBLISHED and (unread or reported)

    def allows(self, state, *, unread=False, reported=False):
        """Whether the action can be taken on a comment in ``state`` (``unread``: published, never reviewed;
        ``reported``: with open reader reports)."""
        return state in self.starts_from or self.keeps(state, unread=unread, reported=reported)

    def allows_comment(self, comment):
        """``allows`` for a comment loaded with the queue's ``has_open_reports`` annotation (or without it)."""
        return self.allows(
            comment.state,
            unread=comment.awaits_review,
            reported=bool(getattr(comment, "has_open_reports", False)),
        )

    def button_for(self, comment, short=False):
        """The button's label for this comment: "Keep it (…)" where the action keeps a published comment."""
        if not (self.keeps_published and comment.state == State.PUBLISHED):
            return self.button_label
        if short:
            return self.keep_label
        if getattr(comment, "has_open_reports", False):
            return self.keep_reported_label
        return self.keep_unread_label

    def explanation_for(self, comment):
        """What taking the action does to this comment, in one sentence for the moderator (or "")."""
        if self.keeps_published and comment.state == State.PUBLISHED:
            if getattr(comment, "has_open_reports", False):
                return self.keep_reported_explanation
            return self.keep_unread_explanation
        return self.explanation

    def done_message(self, count):
        """What the moderator reads once ``count`` comments went through, e.g. "3 comments removed."."""
        return self.done % {"count": count}


ACTIONS = {
    action.code: action
    for action in (
        ModerationAction(
            code=Action.APPROVE,
            starts_from=frozenset({State.PENDING}),
            leads_to=State.PUBLISHED,
            needs_reason=False,
            closes_reports=True,
            reviews=True,
            from_queue=True,
            button_label=_("Approve"),
            bulk_label=_("Approve or keep"),
            bulk_aria_label=_("Approve the selected comments, or keep the published ones"),
            explanation=_("The comment is published at once."),
            keeps_published=True,
            keep_unread_explanation=_(
                "The comment stays public and is marked as reviewed. Its author receives no email."
            ),
            keep_reported_explanation=_("The comment stays public and its reports are closed."),
            keep_label=_("Keep it"),
            keep_unread_label=_("Keep it (mark as reviewed)"),
            keep_reported_label=_("Keep it (dismiss the reports)"),
            log_label=_("Approve comment"),
            log_message=_("Comment approved"),
            done=ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count"),
        ),
        ModerationAction(
            code=Action.REMOVE,
            starts_from=frozenset({State.PENDING, State.PUBLISHED, State.RETURNED}),
            leads_to=State.REMOVED,
            needs_reason=True,
            closes_reports=True,
            reviews=True,
            from_queue=True,
            button_label=_("Remove"),
            bulk_label=_("Remove"),
            bulk_aria_label=_("Remove the selected comments"),
            button_classname="button serious",
            log_label=_("Remove comment"),
            log_message=_("Comment removed"),
            done=ngettext_lazy("%(count)d comment removed.", "%(count)d comments removed.", "count"),
        ),
        ModerationAction(
            code=Action.RETURN,
            starts_from=frozenset({State.PENDING, State.PUBLISHED}),
            leads_to=State.RETURNED,
            needs_reason=True,
            closes_reports=True,
            reviews=True,
            from_queue=True,
            button_label=_("Return for revision"),
            bulk_label=_("Return for revision"),
            bulk_aria_label=_("Return the selected comments to their authors for revision"),
            button_classname="button button-secondary",
            log_label=_("Return comment for revision"),
            log_message=_("Comment returned for revision"),
            done=ngettext_lazy(
                "%(count)d comment returned for revision.",
                "%(count)d comments returned for revision.",
                "count",
            ),
        ),
        ModerationAction(
            code=Action.RESTORE,
            starts_from=frozenset({State.REMOVED}),
            leads_to=State.PUBLISHED,
            needs_reason=False,
            closes_reports=False,
            reviews=True,
            from_queue=True,
            button_label=_("Restore"),
            bulk_label=_("Restore"),
            bulk_aria_label=_("Restore the selected comments"),
            explanation=_("The comment is published again."),
            log_label=_("Restore comment"),
            log_message=_("Comment restored"),
            done=ngettext_lazy("%(count)d comment restored.", "%(count)d comments restored.", "count"),
        ),
        ModerationAction(
            code=Action.HOLD,
            starts_from=frozenset({State.PUBLISHED}),
            leads_to=State.PENDING,
            needs_reason=False,
            closes_reports=False,
            reviews=False,
            from_queue=False,
            button_label=_("Hold"),
            log_label=_("Hold comment"),
            log_message=_("Comment held for moderation"),
            done=ngettext_lazy(
                "%(count)d comment held for moderation.", "%(count)d comments held for moderation.", "count"
            ),
        ),
        ModerationAction(
            code=Action.RESUBMIT,
            starts_from=frozenset({State.RETURNED}),
            leads_to=State.PENDING,
            needs_reason=False,
            closes_reports=False,
            reviews=False,
            from_queue=False,
            button_label=_("Resubmit"),
            log_label=_("Resubmit comment"),
            log_message=_("Comment resubmitted by its author"),
            done=ngettext_lazy("%(count)d comment resubmitted.", "%(count)d comments resubmitted.", "count"),
        ),
        ModerationAction(
            code=Action.WITHDRAW,
            starts_from=frozenset({State.PENDING, State.PUBLISHED, State.RETURNED, State.REMOVED}),
            leads_to=State.WITHDRAWN,
            needs_reason=False,
            closes_reports=False,
            reviews=False,
            from_queue=False,
            button_label=_("Withdraw"),
            log_label=_("Withdraw comment"),
            log_message=_("Comment withdrawn by its author"),
            done=ngettext_lazy("%(count)d comment withdrawn.", "%(count)d comments withdrawn.", "count"),
        ),
        # One comment at a time, from its page (service.edit_out): never in the queue's rows or bulk actions.
        ModerationAction(
            code=Action.EDIT_OUT,
            starts_from=frozenset({State.PENDING, State.PUBLISHED}),
            leads_to=State.PUBLISHED,
            needs_reason=True,
            closes_reports=True,
            reviews=True,
            from_queue=False,
            button_label=_("Edit out and publish"),
            explanation=_(
                "Replace what must not be published (a phone number, an address…) with the marker, and "
                "publish the rest. Nothing else may change. The author is told why."
            ),
            log_label=_("Edit out and publish comment"),
            log_message=_("Comment edited out and published"),
            done=ngettext_lazy(
                "%(count)d comment edited out and published.",
                "%(count)d comments edited out and published.",
                "count",
            ),
        ),
    )
}
# What a moderator can do from the queue, in the order the admin offers it.
QUEUE_ACTIONS = {code: action for code, action in ACTIONS.items() if action.from_queue}
