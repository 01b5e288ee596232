"""Availability in words, in the active language: for the banner, messages and emails."""

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guidelines import availability


def day_and_time(moment, now):
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
    return _("Next moderator reply expected by %(moment)s.") % {"moment": day_and_time(status.reply_by, now)}


def reply_expectation(manager, now):
    """One sentence telling a participant when a moderator's reply can be expected."""
    status = availability.availability_status(manager, now)
    if status.kind == availability.ONLINE:
        return _("A moderator is online now, so a reply can come soon.")
    moment = day_and_time(status.reply_by.astimezone(status.time_zone), now.astimezone(status.time_zone))
    return _("A reply can be expected by %(moment)s.") % {"moment": moment}
