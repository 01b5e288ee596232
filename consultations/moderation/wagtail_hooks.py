"""The moderation room in the Wagtail admin: the queue's viewset (with its menu item) and bulk actions,
the dashboard panel, the permission, the log actions, the reasons, blocklist and urgent phrases snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations.models.moderation import BlockedWord, ReasonCategory, UrgentPhrase
from consultations.moderation import links, queue
from consultations.moderation.actions import ACTIONS
from consultations.moderation.bulk_actions import BULK_ACTIONS
from consultations.moderation.permissions import PERMISSION, moderate_permission
from consultations.moderation.views import response_hours
from consultations.moderation.viewsets import ModerationViewSet

ADMIN_CSS = "consultations/admin/moderation.css"


class DecisionLogFormatter(LogFormatter):
    """A decision in Wagtail's history: "Comment removed: Personal information", and the message to the author
    as the entry's comment. One subclass per action sets ``label`` and ``message`` from the table."""

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason")
        if reason:
            return _("%(message)s: %(reason)s") % {"message": self.message, "reason": reason}
        return str(self.message)

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("message", "")


@hooks.register("register_log_actions")
def register_comment_log_actions(registry):
    for action in ACTIONS.values():
        formatter = type(
            f"{action.code.capitalize()}LogFormatter",
            (DecisionLogFormatter,),
            {"label": action.log_label, "message": action.log_message},
        )
        registry.register_action(action.log_action)(formatter)


@hooks.register("register_admin_viewset")
def register_moderation_viewset():
    return ModerationViewSet()


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


class ModerationPanel(Component):
    name = "tribune_moderation"
    template_name = "consultations/admin/dashboard_panel.html"
    order = 50

    class Media:
        css = {"all": [ADMIN_CSS]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        promise, urgent = response_hours(self.request)
        context["summary"] = queue.summary(promise_hours=promise, urgent_hours=urgent)
        context["urgent_url"] = f"{links.queue_url()}?state={queue.URGENT}"
        context["queue_url"] = links.queue_url()
        return context


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if request.user.has_perm(PERMISSION):
        panels.append(ModerationPanel(request))


@hooks.register("register_permissions")
def register_moderation_permission():
    return moderate_permission()


class ReasonCategoryViewSet(SnippetViewSet):
    model = ReasonCategory
    icon = "comment"
    menu_label = _("Moderation reasons")
    list_display = ["title", "sort_order"]
    add_to_admin_menu = False


class BlockedWordViewSet(SnippetViewSet):
    model = BlockedWord
    icon = "warning"
    menu_label = _("Blocked words")
    list_display = ["word", "note"]
    search_fields = ["word", "note"]
    add_to_admin_menu = False


class UrgentPhraseViewSet(SnippetViewSet):
    """The urgent phrases, one list per locale (Wagtail's locale filter), editable by moderators and organisers."""

    model = UrgentPhrase
    icon = "warning"
    menu_label = _("Urgent phrases")
    list_display = ["phrase", "kind", "category"]
    list_filter = ["kind", "category"]
    search_fields = ["phrase"]
    add_to_admin_menu = False


register_snippet(ReasonCategoryViewSet)
register_snippet(BlockedWordViewSet)
register_snippet(UrgentPhraseViewSet)
