from django.urls import path

from consultations import ids  # noqa: F401  (ids registers the <id:…> converter)
from consultations.moderation import views as admin_views

urlpatterns = [
    path("", admin_views.queue_view, name="queue"),
    path("history/", admin_views.history_view, name="history"),
    path("bulk/", admin_views.bulk_view, name="bulk"),
    path("comments/<id:pk>/", admin_views.comment_view, name="comment"),
    path("comments/<id:pk>/reply/", admin_views.reply_view, name="reply"),
    path("comments/<id:pk>/<slug:action>/", admin_views.decide_view, name="decide"),
]
