from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from django.db.models.signals import pre_save
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from consultations import notifications
        from consultations.models import ConsultationComment, ModerationDecision
        from consultations.moderation import comment_decided

        # xtd republishes every reply when a parent is saved public, which would leak a pending
        # reply (DESIGN.md §3). Tribune decides each comment's visibility itself.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=ConsultationComment._meta.label)

        # Connected here, not where the receiver is defined, so that a decision taken anywhere (a
        # view, a command, a worker, a shell) emails its author, whatever was imported before.
        comment_decided.connect(
            notifications.notify_author_of_decision,
            sender=ModerationDecision,
            dispatch_uid="tribune.notify_author_of_decision",
        )
