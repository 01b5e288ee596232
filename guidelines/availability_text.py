"""Availability in words, in the active language: for the banner, the confirmation after posting, and emails.

A moment is said relative to the reader's day when the text is read at once (the banner, the
confirmation): "today at 09:00", "tomorrow morning", "Monday 7 December". An email may be read
later, so it names the date ("Tuesday 24 November at 09:00"). A bare weekday is never used: "Monday
09:00" read on a Monday at 4 a.m. could be today or next week.
"""

import datetime as dt

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guidelines import availability

MORNING_ENDS, AFTERNOON_ENDS, NIGHT_ENDS = 12, 18, 5


def clock(moment):
    return format_date(moment, "H:i")


def day_name(moment):
    """ "Monday 7 December": the weekday with its date, so it can never be read as another week's."""
    return format_date(moment, _("l j F"))


def days_ahead(moment, now):
    """0 for later today, 1 for tomorrow…, in the time zone of `moment` (now is converted to it)."""
    return (moment.date() - now.astimezone(moment.tzinfo).date()).days


def is_deadline(status, now):
    """True when `reply_by` is the end of the promised time rather than the next online moment:
    then it is said "before 14:00", never "from 14:00" or "at 14:00"."""
    # In UTC: adding a day to a Paris time adds 23 or 25 hours across a DST change.
    deadline = now.astimezone(dt.UTC) + dt.timedelta(hours=status.promised_hours)
    return status.kind != availability.ONLINE and status.reply_by.astimezone(dt.UTC) >= deadline


def dated(moment):
    """ "Monday 7 December at 09:00", for text that may be read on another day (emails)."""
    return _("%(day)s at %(time)s") % {"day": day_name(moment), "time": clock(moment)}


def day_and_time(moment, now):
    """ "today at 09:00", "tomorrow at 09:00", "Monday 7 December at 09:00"."""
    days = days_ahead(moment, now)
    if days <= 0:
        return _("today at %(time)s") % {"time": clock(moment)}
    if days == 1:
        return _("tomorrow at %(time)s") % {"time": clock(moment)}
    return dated(moment)


def before_time(moment, now):
    """ "today before 17:00", "tomorrow before 01:00", "Monday 7 December before 01:00"."""
    days = days_ahead(moment, now)
    if days <= 0:
        return _("today before %(time)s") % {"time": clock(moment)}
    if days == 1:
        return _("tomorrow before %(time)s") % {"time": clock(moment)}
    return _("%(day)s before %(time)s") % {"day": day_name(moment), "time": clock(moment)}


def roughly(moment, now, deadline=False):
    """ "today from 14:00", "tomorrow morning", "on Monday 7 December": when, as a person says it.

    ``deadline``: `moment` ends a promise; today or in the night it is said "before 14:00"."""
    days = days_ahead(moment, now)
    if deadline and (days <= 0 or moment.hour < NIGHT_ENDS):
        return before_time(moment, now)
    if days <= 0:
        return _("today from %(time)s") % {"time": clock(moment)}
    if days == 1:
        if moment.hour < NIGHT_ENDS:
            return _("tomorrow at %(time)s") % {"time": clock(moment)}
        if moment.hour < MORNING_ENDS:
            return _("tomorrow morning")
        if moment.hour < AFTERNOON_ENDS:
            return _("tomorrow afternoon")
        return _("tomorrow evening")
    return _("on %(day)s") % {"day": day_name(moment)}


def banner_text(status, now):
    """The sentence the banner shows for an `Availability`, in the active language."""
    now = now.astimezone(status.time_zone)
    if status.kind == availability.ONLINE:
        return _("A moderator is online now, until %(time)s.") % {"time": clock(status.online_until)}
    if status.kind == availability.AWAY:
        return _("The team is away until %(date)s.") % {"date": format_date(status.away_until, _("j F"))}
    if status.kind == availability.PROMISE:
        return ngettext(
            "Replies are expected within %(hours)d hour.",
            "Replies are expected within %(hours)d hours.",
            status.promised_hours,
        ) % {"hours": status.promised_hours}
    say = before_time if is_deadline(status, now) else day_and_time
    return _("Next moderator reply expected %(moment)s.") % {
        "moment": say(status.reply_by.astimezone(status.time_zone), now)
    }


def reply_expectation(manager, now, in_words=False):
    """One sentence telling a participant when a moderator will read their comment.

    ``in_words``: relative to today ("tomorrow morning"), for a page read at once; otherwise dated
    ("by Tuesday 24 November at 09:00"), for an email that may be read later.
    """
    status = availability.availability_status(manager, now)
    zone = status.time_zone
    if status.kind == availability.ONLINE:
        if in_words:
            online_until = status.online_until.astimezone(zone)
            if days_ahead(online_until, now) > 0:  # online past midnight (or around the clock)
                return _("A moderator is online now and will read it soon.")
            return _("A moderator is online and will read it %(when)s.") % {
                "when": before_time(online_until, now)
            }
        return _("A moderator is online now, so a reply can come soon.")
    reply_by = status.reply_by.astimezone(zone)
    if in_words:
        deadline = is_deadline(status, now)
        if status.kind == availability.AWAY and deadline:  # as the banner: no time while the team is away
            return _("The team is away until %(date)s: a moderator will read it when they are back.") % {
                "date": format_date(status.away_until, _("j F"))
            }
        return _("A moderator will read it %(when)s.") % {"when": roughly(reply_by, now, deadline)}
    return _("A reply can be expected by %(moment)s.") % {"moment": dated(reply_by)}
