"""The pages an author reaches from the links in their emails. Included under /<language>/my-comment/."""

from django.urls import path

from consultations.authors import views

urlpatterns = [
    path("revise/<str:token>/", views.revise, name="author_revise"),
    path("withdraw/<str:token>/", views.withdraw, name="author_withdraw"),
    path("download/<str:token>/", views.download, name="author_download"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="author_unsubscribe"),
    path("confirm/<str:token>/", views.confirm_address, name="author_confirm"),
]
