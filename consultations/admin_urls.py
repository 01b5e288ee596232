from django.urls import path

from consultations import admin_views

urlpatterns = [
    path("", admin_views.queue_view, name="queue"),
    path("history/", admin_views.history_view, name="history"),
    path("bulk/", admin_views.bulk_view, name="bulk"),
    path("comments/<int:pk>/", admin_views.comment_view, name="comment"),
    path("comments/<int:pk>/reply/", admin_views.reply_view, name="reply"),
    path("comments/<int:pk>/<slug:action>/", admin_views.decide_view, name="decide"),
]
