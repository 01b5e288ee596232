"""Dates as people say them: "21 November", "Saturday 21 November", with the year only when it is not this one."""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext

register = template.Library()


@register.filter
def day_in_words(value, style=""):
    """``{{ date|day_in_words }}`` → "21 November"; ``{{ date|day_in_words:"weekday" }}`` → "Saturday 21 November".
    A datetime is read in the current time zone first."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    pattern = "l j F" if style == "weekday" else "j F"
    if value.year != timezone.localdate().year:
        pattern += " Y"
    return date_format(value, pattern)


@register.filter
def last_day_in_words(value, style=""):
    """The last day before the moment ``value``: a consultation closing at 00:00 on 16 June is open
    "until 15 June"; closing at 18:00 on the 15th, also "until 15 June"."""
    if not value:
        return ""
    return day_in_words(timezone.localtime(value) - datetime.timedelta(microseconds=1), style)


@register.filter
def moment_in_words(value, style=""):
    """``{{ datetime|moment_in_words }}`` → "1 December at 9:00" (``"weekday"``: "Monday 1 December at 9:00"),
    in the current time zone."""
    if not value:
        return ""
    value = timezone.localtime(value)
    return gettext("%(day)s at %(time)s") % {
        "day": day_in_words(value, style),
        "time": date_format(value, "G:i"),
    }
