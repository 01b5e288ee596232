"""Posting, linking to, reporting and supporting a comment. Included at the root of the language prefix (/en/, /fr/),
before Wagtail's pages, so that a comment's address sits under its consultation's."""

from django.urls import path, reverse
from django.utils import translation

from consultations import ids  # noqa: F401  (registers the <id:…> converter)
from consultations.comments import views

urlpatterns = [
    path("comment-post/<id:page_id>/", views.post_comment_view, name="post_comment"),
    path("<path:page_path>comments/<id:comment_id>/", views.comment_permalink, name="comment_permalink"),
    path("<path:page_path>comments/<id:comment_id>/report/", views.report_comment, name="report_comment"),
    path("<path:page_path>comments/<id:comment_id>/support/", views.support_comment, name="support_comment"),
]


def comment_post_url(page):
    """Where a page's comment form posts: outside the page's own URL, so that reading the page sets no cookie.
    A page never saved (the admin's preview of a new consultation) has nowhere to post yet: ""."""
    if page.pk is None:
        return ""
    with translation.override(page.locale.language_code):
        return reverse("post_comment", kwargs={"page_id": page.pk})
