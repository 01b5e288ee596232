"""System checks of the notification settings: a mistyped value stops `manage.py check`, runserver and
migrate with a message, instead of silently sending moderators nothing."""

from django.conf import settings
from django.core import checks

from guidelines.models import ModeratorNotifications

MODERATOR_NOTIFICATION_MODES = tuple(ModeratorNotifications.values)


def check_moderator_notifications(app_configs, **kwargs):
    mode = getattr(settings, "TRIBUNE_MODERATOR_NOTIFICATIONS", None)
    if mode in MODERATOR_NOTIFICATION_MODES:
        return []
    return [
        checks.Error(
            f'TRIBUNE_MODERATOR_NOTIFICATIONS is {mode!r}; it must be "each", "digest" or "off".',
            hint='Set the environment variable TRIBUNE_MODERATOR_NOTIFICATIONS to "each" (one email per '
            'new comment), "digest" (one email a day) or "off" (reminders only). It is the mode of sites '
            "whose organisers have not chosen one in Settings → Community manager; see README, Configuration.",
            id="consultations.E001",
        )
    ]
