"""The exports room in the Wagtail admin: the URL of a consultation's export, and its two download buttons in
the page's header ("…" menu of the edit view) and in the page listing's "More" menu, for moderators only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from consultations import ids  # noqa: F401  (ids registers the <id:…> converter)
from consultations.exports import views
from consultations.models import ConsultationPage
from consultations.moderation.links import EXPORT_URL_NAME, export_url
from consultations.moderation.permissions import PERMISSION


@hooks.register("register_admin_urls")
def register_export_urls():
    return [
        path(
            "consultations/<id:page_id>/comments/<str:file_format>/",
            views.export_comments,
            name=EXPORT_URL_NAME,
        ),
    ]


def download_buttons(page, user):
    specific_class = page.specific_class
    if (
        specific_class is None
        or not issubclass(specific_class, ConsultationPage)
        or not user.has_perm(PERMISSION)
    ):
        return
    yield Button(
        _("Download comments (CSV)"), url=export_url(page.pk, "csv"), icon_name="download", priority=80
    )
    yield Button(
        _("Download comments (Excel)"), url=export_url(page.pk, "xlsx"), icon_name="download", priority=81
    )


@hooks.register("register_page_header_buttons")
def page_header_download_buttons(page, user, view_name, next_url=None):
    yield from download_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def page_listing_download_buttons(page, user, next_url=None):
    yield from download_buttons(page, user)
