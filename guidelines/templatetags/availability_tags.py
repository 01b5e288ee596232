"""The availability banner: when a young person can expect a moderator's reply."""

import logging

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from guidelines import availability
from guidelines.availability_text import banner_text
from guidelines.blocks import manager_settings_for

register = template.Library()
logger = logging.getLogger(__name__)


@register.inclusion_tag("guidelines/includes/availability_banner.html", takes_context=True)
def availability_banner(context):
    """Never raises: without settings, or with broken ones, it says a moderator reads every message."""
    now = timezone.now()
    result = {"kind": "unknown", "text": "", "message": "", "contact_line": "", "manager": None}
    try:
        manager = manager_settings_for(context.get("request"))
        if manager is None:
            return result
        # The page's language: the absence message and the contact line in it (else the main ones).
        language = get_language()
        status = availability.availability_status(manager.as_schedule(language), now)
        result.update(
            kind=status.kind,
            text=banner_text(status, now),
            message=status.message,
            contact_line=manager.texts_for(language).contact_line,
            manager=manager,
        )
    except Exception:
        logger.exception("Could not compute the moderator availability")
    return result
