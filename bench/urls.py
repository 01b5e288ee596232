"""The site's URLs plus django-comments-xtd's, which its stock tree needs to render (bench only)."""

from django.urls import include, path

from site_project.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("comments/", include("django_comments_xtd.urls")), *site_urlpatterns]
