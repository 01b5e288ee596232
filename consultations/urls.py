"""Posting a comment, and the pages an author reaches from the links in their emails."""

from django.urls import path

from consultations import author_views, ids, views  # noqa: F401  (ids registers the <id:…> converter)

# Included at the root of the language prefix (/en/, /fr/), before Wagtail's pages.
comment_urlpatterns = [
    path("comment-post/<id:page_id>/", views.post_comment_view, name="post_comment"),
]

# Included under /<language>/my-comment/.
urlpatterns = [
    path("revise/<str:token>/", author_views.revise, name="author_revise"),
    path("withdraw/<str:token>/", author_views.withdraw, name="author_withdraw"),
    path("download/<str:token>/", author_views.download, name="author_download"),
    path("unsubscribe/<str:token>/", author_views.unsubscribe, name="author_unsubscribe"),
    path("confirm/<str:token>/", author_views.confirm_address, name="author_confirm"),
]
