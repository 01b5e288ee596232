"""Figures said in the reader's language: percentages, waits and promises (the public pages and the admin's
dashboard use the same words)."""

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext


def percent(value):
    return gettext("%(value)s%%") % {"value": number_format(value)}


def duration(delta):
    """A wait in words: "45 min", "3 h 20 min", "2 d 4 h"."""
    minutes = round(delta.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return gettext("%(days)s d %(hours)s h") % {"days": number_format(days), "hours": hours}
    if hours:
        return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return gettext("%(minutes)s min") % {"minutes": minutes}


def hours(count):
    return ngettext("%(count)s hour", "%(count)s hours", count) % {"count": number_format(count)}
