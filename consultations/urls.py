"""Pages an author reaches from the links in their emails; the signed token is their key."""

from django.urls import path

from consultations import author_views

urlpatterns = [
    path("revise/<str:token>/", author_views.revise, name="author_revise"),
    path("withdraw/<str:token>/", author_views.withdraw, name="author_withdraw"),
    path("download/<str:token>/", author_views.download, name="author_download"),
    path("unsubscribe/<str:token>/", author_views.unsubscribe, name="author_unsubscribe"),
]
