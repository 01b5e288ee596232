"""When is a moderator online, and by when can a young person expect a reply?

Pure functions over a `Schedule` snapshot: no database access, no clock. A
`CommunityManagerSettings` instance may be passed instead; it is turned into a snapshot first
(`settings.as_schedule()`, which reads its weekly ranges and absences).

Times are local wall-clock times in the manager's time zone; every comparison is made in UTC, so
DST changes and the ambiguous autumn hour are handled by zoneinfo, not by arithmetic on local times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = dt.UTC
MIDNIGHT = dt.time(0, 0)
DEFAULT_TIME_ZONE = "Europe/Paris"
DEFAULT_PROMISED_HOURS = 24  # the promise until an organiser sets one (README, Configuration)

ONLINE = "online"
NEXT_REPLY = "next_reply"
AWAY = "away"
PROMISE = "promise"


@dataclass(frozen=True)
class WeeklyRange:
    weekday: int  # Monday is 0, as in datetime.date.weekday()
    starts_at: dt.time
    ends_at: dt.time  # 00:00 means midnight at the end of the day

    @property
    def start_minutes(self):
        return self.starts_at.hour * 60 + self.starts_at.minute

    @property
    def end_minutes(self):
        if self.ends_at == MIDNIGHT:
            return 24 * 60
        return self.ends_at.hour * 60 + self.ends_at.minute


@dataclass(frozen=True)
class Absence:
    starts_on: dt.date
    ends_on: dt.date  # inclusive: the last day away
    message: str = ""

    def covers(self, day):
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Schedule:
    time_zone: str = DEFAULT_TIME_ZONE
    promised_hours: int = DEFAULT_PROMISED_HOURS
    ranges: tuple[WeeklyRange, ...] = ()
    absences: tuple[Absence, ...] = ()

    @property
    def zone(self):
        """The manager's time zone; an unknown name falls back to Europe/Paris rather than failing."""
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            return ZoneInfo(DEFAULT_TIME_ZONE)

    @property
    def promise(self):
        hours = self.promised_hours if self.promised_hours and self.promised_hours > 0 else 0
        return dt.timedelta(hours=hours or DEFAULT_PROMISED_HOURS)


@dataclass(frozen=True)
class Availability:
    """What the banner says. `kind` is one of ONLINE, NEXT_REPLY, AWAY, PROMISE."""

    kind: str
    reply_by: dt.datetime
    online_until: dt.datetime | None = None
    away_until: dt.date | None = None
    message: str = ""
    promised_hours: int = DEFAULT_PROMISED_HOURS
    time_zone: ZoneInfo = ZoneInfo(DEFAULT_TIME_ZONE)


def as_schedule(settings):
    if isinstance(settings, Schedule):
        return settings
    return settings.as_schedule()


def _aware_utc(now):
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(UTC)


def _local_instant(day, minutes, zone):
    """The UTC instant of a wall-clock time on a local day (minutes may be 24 * 60: next midnight)."""
    day = day + dt.timedelta(days=minutes // (24 * 60))
    minutes %= 24 * 60
    local = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=zone)
    return local.astimezone(UTC)


def latest_daily_time(zone, hour, now):
    """The latest instant at or before ``now`` when the local clock in ``zone`` read ``hour``:00 (in UTC).

    On the spring-forward day an hour that does not exist is read before the change (02:00 in Paris is
    03:00 summer time); in the repeated autumn hour, the first one counts.
    """
    now = _aware_utc(now)
    day = now.astimezone(zone).date()
    instant = _local_instant(day, hour * 60, zone)
    if instant > now:
        instant = _local_instant(day - dt.timedelta(days=1), hour * 60, zone)
    return instant


def _absence_on(schedule, day):
    return next((absence for absence in schedule.absences if absence.covers(day)), None)


def open_intervals(schedule, start, end):
    """Open (start, end) UTC intervals overlapping [start, end], merged when they touch, in order."""
    zone = schedule.zone
    first_day = start.astimezone(zone).date() - dt.timedelta(days=1)
    last_day = end.astimezone(zone).date() + dt.timedelta(days=1)
    intervals = []
    day = first_day
    while day <= last_day:
        if _absence_on(schedule, day) is None:
            for weekly in schedule.ranges:
                if weekly.weekday == day.weekday() and weekly.end_minutes > weekly.start_minutes:
                    opens = _local_instant(day, weekly.start_minutes, zone)
                    closes = _local_instant(day, weekly.end_minutes, zone)
                    if opens < closes:
                        intervals.append((opens, closes))
        day += dt.timedelta(days=1)
    intervals.sort()
    merged = []
    for opens, closes in intervals:
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return [(opens, closes) for opens, closes in merged if closes > start and opens <= end]


def _current_interval(schedule, now):
    # A week ahead, so that ranges chained across midnight give the real closing time.
    for opens, closes in open_intervals(schedule, now, now + dt.timedelta(days=7)):
        if opens <= now < closes:
            return opens, closes
    return None


def is_online(settings, now):
    """True when now falls inside an open range that is not cancelled by an absence."""
    schedule = as_schedule(settings)
    return _current_interval(schedule, _aware_utc(now)) is not None


def next_reply_by(settings, now):
    """Now when online; else the start of the next open range, capped by now + the promised hours."""
    schedule = as_schedule(settings)
    now = _aware_utc(now)
    deadline = now + schedule.promise
    for opens, closes in open_intervals(schedule, now, deadline):
        if opens <= now < closes:
            return now
        if opens > now:
            return min(opens, deadline)
    return deadline


def availability_status(settings, now):
    """Everything the availability banner needs, as an `Availability`."""
    schedule = as_schedule(settings)
    now = _aware_utc(now)
    zone = schedule.zone
    common = {"promised_hours": int(schedule.promise.total_seconds() // 3600), "time_zone": zone}
    current = _current_interval(schedule, now)
    if current is not None:
        return Availability(ONLINE, reply_by=now, online_until=current[1].astimezone(zone), **common)
    absence = _absence_on(schedule, now.astimezone(zone).date())
    reply_by = next_reply_by(schedule, now).astimezone(zone)
    if absence is not None:
        return Availability(
            AWAY, reply_by=reply_by, away_until=absence.ends_on, message=absence.message, **common
        )
    if not schedule.ranges:
        return Availability(PROMISE, reply_by=reply_by, **common)
    return Availability(NEXT_REPLY, reply_by=reply_by, **common)
