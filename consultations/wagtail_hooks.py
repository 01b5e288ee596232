from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from consultations.models import ModerationDecision
from consultations.moderation import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    labels = {
        ModerationDecision.Action.APPROVE: (_("Approve comment"), _("Comment approved")),
        ModerationDecision.Action.REMOVE: (_("Remove comment"), _("Comment removed")),
        ModerationDecision.Action.RETURN: (
            _("Return comment for revision"),
            _("Comment returned for revision"),
        ),
        ModerationDecision.Action.RESTORE: (_("Restore comment"), _("Comment restored")),
        ModerationDecision.Action.HOLD: (_("Hold comment"), _("Comment held for moderation")),
        ModerationDecision.Action.RESUBMIT: (_("Resubmit comment"), _("Comment resubmitted by its author")),
        ModerationDecision.Action.WITHDRAW: (_("Withdraw comment"), _("Comment withdrawn by its author")),
    }
    for action, (label, message) in labels.items():
        actions.register_action(LOG_ACTIONS[action], label, message)


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    from consultations.outbox_admin import outbox_viewset

    return outbox_viewset
