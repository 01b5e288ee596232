"""The moderation queue as a Wagtail viewset, at /admin/moderation/ (its bulk decisions are Wagtail bulk
actions, ``bulk_actions.py``, registered in ``wagtail_hooks.py``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.viewsets.base import ViewSet

from consultations import ids  # noqa: F401  (ids registers the <id:…> converter)
from consultations.moderation import links, queue, views
from consultations.moderation.permissions import PERMISSION


class ModerationMenuItem(MenuItem):
    """ "Moderation", with the number of comments waiting for a decision; only for moderators."""

    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)

    def render_component(self, request):
        count = queue.counts_for_request(request).waiting
        label = _("Moderation (%(count)d)") % {"count": count} if count else str(self.label)
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


class ModerationViewSet(ViewSet):
    """The queue, a comment's page with its decisions and history, the history of all decisions.

    A plain ViewSet rather than a ModelViewSet: comments are never created, edited or deleted here, and the
    model's add/change/delete permissions are not what lets a moderator in (``moderate_comments`` is).
    """

    name = links.NAMESPACE
    url_prefix = "moderation"
    icon = "comment"
    menu_label = _("Moderation")
    menu_name = "moderation"
    menu_order = 150
    add_to_admin_menu = True
    menu_item_class = ModerationMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.QueueView.as_view(), name="index"),
            path("results/", views.QueueView.as_view(results_only=True), name="index_results"),
            path("history/", views.DecisionHistoryView.as_view(), name="history"),
            path(
                "history/results/",
                views.DecisionHistoryView.as_view(results_only=True),
                name="history_results",
            ),
            path("comments/<id:pk>/", views.CommentView.as_view(), name="comment"),
            path("comments/<id:pk>/reply/", views.ReplyView.as_view(), name="reply"),
            path(
                "comments/<id:pk>/approve-and-reply/",
                views.ApproveAndReplyView.as_view(),
                name="approve_and_reply",
            ),
            path("comments/<id:pk>/edit-out/", views.EditOutView.as_view(), name="edit_out"),
            path("comments/<id:pk>/<slug:action>/", views.DecideView.as_view(), name="decide"),
        ]
