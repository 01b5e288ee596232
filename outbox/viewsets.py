"""The email outbox in the Wagtail admin: what was sent, what waits, what failed and why. Read-only."""

from django.utils.translation import gettext_lazy as _
from post_office.models import Email
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Emails are never written by hand: anyone allowed may look, nobody may add, edit or delete."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def last_error(email):
    log = email.logs.order_by("-date").first()
    return f"{log.exception_type}: {log.message}"[:200] if log is not None and log.exception_type else ""


class OutboxViewSet(ModelViewSet):
    model = Email
    icon = "mail"
    menu_label = _("Email outbox")
    add_to_settings_menu = True
    url_prefix = "outbox"
    name = "outbox"
    inspect_view_enabled = True
    inspect_view_fields = [
        "to",
        "subject",
        "status",
        "number_of_retries",
        "created",
        "last_updated",
        "scheduled_time",
        "message",
    ]
    list_filter = ["status"]
    form_fields = ["subject"]  # required by ModelViewSet; the policy forbids every edit
    ordering = ["-created"]
    list_display = [
        "subject",
        Column("status", label=_("status"), accessor="get_status_display"),
        Column("number_of_retries", label=_("attempts")),
        DateColumn("last_updated", label=_("last attempt")),
        Column("last_error", label=_("last error"), accessor=last_error),
    ]


register_permission_policy(Email, ReadOnlyPermissionPolicy(Email))
outbox_viewset = OutboxViewSet()
