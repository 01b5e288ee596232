"""A kick-off meeting as an iCalendar file (RFC 5545), written by the ``icalendar`` library.

Every text an organiser typed (title, place, note, access) goes through the library, which escapes
commas, semicolons, backslashes and line breaks and folds long lines. Times are written in UTC (a
``Z`` suffix): the meeting's wall-clock time in the site's time zone, converted once here, so no
calendar has to know the zone's rules.
"""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

# What str.splitlines() breaks a line at, and the other control characters RFC 5545 forbids in a text value.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def text(value):
    """Typed text as RFC 5545 takes it: every kind of line break is a line break (the library escapes it as
    ``\\n``), other control characters are dropped, so no reader sees a line the organiser did not write."""
    return CONTROLS.sub("", LINE_BREAKS.sub("\n", value))


def meeting_calendar(page, meeting, block_id, page_url, host, now=None):
    """The bytes of a one-event calendar for ``meeting`` (a ``KickOffMeetingValue``) of ``page``. Its UID
    (the block's id at the site's host name) stays the same, so a second download updates the event."""
    calendar = Calendar()
    calendar.add("prodid", "-//Tribune//Kick-off meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")

    event = Event()
    event.add("uid", f"kick-off-{block_id}@{host}")
    event.add("dtstamp", (now or timezone.now()).astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at().astimezone(datetime.UTC))
    if meeting.ends_at() is not None:
        event.add("dtend", meeting.ends_at().astimezone(datetime.UTC))
    event.add("summary", text(_("Kick-off: %(title)s") % {"title": page.title}))
    location = meeting.get("place") or meeting.get("online_link") or ""
    if location:
        event.add("location", text(location))
    event.add("description", text(description(meeting, page_url)))
    event.add("url", page_url)
    calendar.add_component(event)
    return calendar.to_ical()


def description(meeting, page_url):
    parts = []
    if meeting.get("note"):
        parts.append(meeting["note"])
    if meeting.get("accessibility"):
        parts.append(_("Access: %(access)s") % {"access": meeting["accessibility"]})
    if meeting.get("online_link"):
        parts.append(_("Online: %(link)s") % {"link": meeting["online_link"]})
    if meeting.map_link():
        parts.append(_("Map: %(link)s") % {"link": meeting.map_link()})
    parts.append(page_url)
    return "\n\n".join(parts)
