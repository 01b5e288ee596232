"""System checks of the notification settings: a mistyped value stops `manage.py check`, runserver and
migrate with a message, instead of silently sending moderators nothing."""

from django.conf import settings
from django.core import checks

MODERATOR_NOTIFICATION_MODES = ("each", "digest", "off")


def check_moderator_notifications(app_configs, **kwargs):
    mode = getattr(settings, "TRIBUNE_MODERATOR_NOTIFICATIONS", None)
    if mode in MODERATOR_NOTIFICATION_MODES:
        return []
    return [
        checks.Error(
            f'TRIBUNE_MODERATOR_NOTIFICATIONS is {mode!r}; it must be "each", "digest" or "off".',
            hint='Set the environment variable TRIBUNE_MODERATOR_NOTIFICATIONS to "each" (one email per '
            'new comment), "digest" (new comments in the reminders) or "off" (reminders only); see README, '
            "Configuration.",
            id="consultations.E001",
        )
    ]
