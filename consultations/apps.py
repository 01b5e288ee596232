from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import pre_save
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from consultations.comments import cached_pages
        from consultations.figures import freshness
        from consultations.models import ConsultationComment
        from consultations.notifications import receivers
        from consultations.notifications.checks import check_moderator_notifications

        checks.register(check_moderator_notifications, checks.Tags.compatibility)

        # xtd republishes every reply when a parent is saved public, which would leak a pending
        # reply (DESIGN.md §3). Tribune decides each comment's visibility itself.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=ConsultationComment._meta.label)

        receivers.connect()
        # The home page's figures block leaves its cache when a consultation's audience changes.
        freshness.connect()
        # A consultation's pages leave the page cache when its comments or supports change.
        cached_pages.connect()
