"""A kick-off meeting's calendar file, under its consultation's address: ``<page path>meeting/<block id>.ics``.
Included at the root of the language prefix (/en/, /fr/), before Wagtail's pages."""

from django.urls import path

from consultations.meetings import views

urlpatterns = [
    path("<path:page_path>meeting/<str:block_id>.ics", views.meeting_ics, name="meeting_ics"),
]
