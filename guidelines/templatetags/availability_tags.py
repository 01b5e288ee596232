"""The availability banner: when a young person can expect a moderator's reply."""

import logging

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guidelines import availability
from guidelines.blocks import manager_settings_for

register = template.Library()
logger = logging.getLogger(__name__)


def _day_and_time(moment, now):
    """ "Tuesday 09:00" within the coming week, "Tuesday 3 March 09:00" further away."""
    if (moment - now).days < 6:
        return format_date(moment, _("l H:i"))
    return format_date(moment, _("l j F H:i"))


def banner_text(status, now):
    """The sentence the banner shows for an `Availability`, in the active language."""
    now = now.astimezone(status.time_zone)
    if status.kind == availability.ONLINE:
        return _("A moderator is online now, until %(time)s.") % {
            "time": format_date(status.online_until, "H:i")
        }
    if status.kind == availability.AWAY:
        return _("The team is away until %(date)s.") % {"date": format_date(status.away_until, _("j F"))}
    if status.kind == availability.PROMISE:
        return ngettext(
            "Replies are expected within %(hours)d hour.",
            "Replies are expected within %(hours)d hours.",
            status.promised_hours,
        ) % {"hours": status.promised_hours}
    return _("Next moderator reply expected by %(moment)s.") % {"moment": _day_and_time(status.reply_by, now)}


@register.inclusion_tag("guidelines/includes/availability_banner.html", takes_context=True)
def availability_banner(context):
    """Never raises: without settings, or with broken ones, it says a moderator reads every message."""
    now = timezone.now()
    result = {"kind": "unknown", "text": "", "message": "", "contact_line": "", "manager": None}
    try:
        manager = manager_settings_for(context.get("request"))
        if manager is None:
            return result
        status = availability.availability_status(manager, now)
        result.update(
            kind=status.kind,
            text=banner_text(status, now),
            message=status.message,
            contact_line=manager.contact_line,
            manager=manager,
        )
    except Exception:
        logger.exception("Could not compute the moderator availability")
    return result
