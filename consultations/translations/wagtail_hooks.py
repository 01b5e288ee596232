"""The translations room in the Wagtail admin: the URL that creates a consultation's missing translation."""

from django.urls import path
from wagtail import hooks

from consultations import ids  # noqa: F401  (ids registers the <id:…> converter)
from consultations.translations import views


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [
        path(
            "consultations/<id:page_id>/translations/<str:language_code>/",
            views.create_translation,
            name="consultations_create_translation",
        )
    ]
