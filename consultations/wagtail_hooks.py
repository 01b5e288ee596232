"""Wagtail looks for hooks here only; each room registers its own."""

from consultations.exports import wagtail_hooks as export_hooks  # noqa: F401
from consultations.figures import wagtail_hooks as figures_hooks  # noqa: F401
from consultations.moderation import wagtail_hooks  # noqa: F401
from consultations.translations import wagtail_hooks as translation_hooks  # noqa: F401
