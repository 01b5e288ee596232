"""The columns of the queue's table (Wagtail's ``ui.tables``) and of the moderation history."""

from django.middleware.csrf import get_token
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, Table, TitleColumn

from consultations.moderation import links, queue, urgency
from consultations.moderation.actions import QUEUE_ACTIONS
from consultations.moderation.filters import lane_label
from consultations.moderation.forms import seen_token
from consultations.moderation.screening import reason_labels
from consultations.moderation.service import accepts_replies

TEMPLATES = "consultations/admin/moderation/cells"


def queue_with_same_filters(request):
    """The queue as this request shows it (lane, filters, search), for the row's forms to come back to."""
    query = request.GET.copy()
    for transient in ("p", "_w_filter_fragment"):
        query.pop(transient, None)
    return links.queue_url() + (f"?{query.urlencode()}" if query else "")


class QueueTable(Table):
    """Rows past the promised response time carry ``tm-late`` (``queue.listing`` annotates ``is_late``)."""

    classname = "listing tm-queue"

    class Media:
        css = {"all": ["consultations/admin/moderation.css"]}

    def get_caption(self):
        return _("Comments waiting for moderation")

    def get_row_classname(self, instance):
        classes = ["tm-late" if getattr(instance, "is_late", False) else ""]
        if queue.is_urgent_row(instance):
            classes.append("tm-urgent")
        return " ".join(filter(None, classes))


class CommentColumn(Column):
    """The text, and the comment it answers."""

    cell_template_name = f"{TEMPLATES}/comment.html"


class LaneColumn(Column):
    """The lane; for an urgent comment, what its urgent phrases are about."""

    cell_template_name = f"{TEMPLATES}/lane.html"

    def get_value(self, instance):
        return lane_label(instance)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["urgent"] = queue.is_urgent_row(instance)
        context["urgent_about"] = urgency.categories(instance.urgent_phrases) if context["urgent"] else []
        return context


class ScreeningColumn(Column):
    cell_template_name = f"{TEMPLATES}/screening.html"

    def get_value(self, instance):
        return reason_labels(instance.screening_reasons)


class ReportsColumn(Column):
    cell_template_name = f"{TEMPLATES}/reports.html"


class WaitingColumn(Column):
    cell_template_name = f"{TEMPLATES}/waiting.html"


class DecideColumn(Column):
    """The decisions a row can take at once (approve or keep, restore), and the way to the others."""

    cell_template_name = f"{TEMPLATES}/decide.html"

    def __init__(self, name, *, get_decide_url, get_comment_url, **kwargs):
        super().__init__(name, **kwargs)
        self.get_decide_url = get_decide_url
        self.get_comment_url = get_comment_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        quick = [
            {
                "url": self.get_decide_url(instance, code),
                "label": action.button_for(instance),
                "code": code,
            }
            for code, action in QUEUE_ACTIONS.items()
            if not action.needs_reason and action.allows_comment(instance)
        ]
        context.update(
            {
                "quick": quick,
                "can_reason": any(
                    action.needs_reason and action.allows_comment(instance)
                    for action in QUEUE_ACTIONS.values()
                ),
                "can_reply": accepts_replies(instance),
                "comment_url": self.get_comment_url(instance),
                "seen": seen_token(instance),
                "next": queue_with_same_filters(parent_context["request"]),
                # A table renders its cells with a context of its own: the row's forms ask for the token.
                "csrf_token": get_token(parent_context["request"]),
            }
        )
        return context


class LogActionColumn(Column):
    """A log entry's message ("Comment removed: Personal information") and its comment (the message to the
    author), as Wagtail's history shows them."""

    cell_template_name = f"{TEMPLATES}/log_action.html"


class LoggedCommentColumn(TitleColumn):
    """The comment a log entry is about: its author and the start of its text, linked to its page."""

    cell_template_name = f"{TEMPLATES}/logged_comment.html"
