"""Pure arithmetic of the public figures: no database, no clock, no language (tested with hypothesis)."""

import datetime
import math
import statistics
from dataclasses import dataclass

DAY, WEEK, MONTH = "day", "week", "month"


def period_for(opens_at, closes_at):
    """The width of a bar of "contributions over time": a day for a consultation of up to 31 days, a week up to
    half a year, a month beyond (so a chart never has more than about 30 bars for a typical consultation)."""
    length = closes_at - opens_at
    if length <= datetime.timedelta(days=31):
        return DAY
    if length <= datetime.timedelta(days=183):
        return WEEK
    return MONTH


def period_start(day, period):
    if period == WEEK:
        return day - datetime.timedelta(days=day.weekday())
    if period == MONTH:
        return day.replace(day=1)
    return day


def next_period(day, period):
    if period == WEEK:
        return day + datetime.timedelta(days=7)
    if period == MONTH:
        return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return day + datetime.timedelta(days=1)


def timeline(counts, first_day, last_day, period):
    """Every period from ``first_day`` to ``last_day`` (widened to include any period that has comments) with
    its count, zeros included: ``counts`` maps a period's first day to a number."""
    days = [period_start(day, period) for day in counts]
    start = min([period_start(first_day, period), *days])
    end = max([period_start(last_day, period), *days])
    rows, day = [], start
    while day <= end:
        rows.append((day, counts.get(day, 0)))
        day = next_period(day, period)
    return rows


def share(part, whole):
    """``part`` out of ``whole`` as a percentage (0–100, rounded to a whole number), None when ``whole`` is 0."""
    if not whole:
        return None
    return round(100 * part / whole)


def median(values):
    """The median of sorted ``values`` (None for none)."""
    return statistics.median(values) if values else None


def percentile(values, rank):
    """The nearest-rank percentile of sorted ``values``: the smallest value that at least ``rank`` % of them do
    not exceed (None for none). Always one of the values, unlike an interpolated one."""
    if not values:
        return None
    return values[max(0, math.ceil(rank / 100 * len(values)) - 1)]


@dataclass(frozen=True)
class Waits:
    """How long comments waited for a moderator's first decision."""

    decided: int
    median: datetime.timedelta | None
    p90: datetime.timedelta | None
    within_promise: int
    urgent_due: int
    urgent_within: int
    # Not decided yet and older than the ordinary promise (what a moderator can still act on).
    overdue: int = 0

    @property
    def late(self):
        """Decided, but after the promised time."""
        return self.decided - self.within_promise

    @property
    def within_promise_share(self):
        return share(self.within_promise, self.decided)

    @property
    def urgent_within_share(self):
        return share(self.urgent_within, self.urgent_due)


def waits(rows, promised, urgent_promised, now):
    """``rows`` are (submitted, first decided or None, urgent) of each comment. The median and 90th percentile
        are over the comments a moderator decided on. An urgent comment counts once it is due: decided, or waiting
        for longer than its promise (a fresh one is not a broken promise yet). ``overdue`` counts the comments not
    decided yet that have waited longer than the ordinary promise."""
    durations = sorted(
        max(decided - submitted, datetime.timedelta(0)) for submitted, decided, _ in rows if decided
    )
    urgent_due = urgent_within = overdue = 0
    for submitted, decided, urgent in rows:
        if decided is None and now - submitted > promised:
            overdue += 1
        if not urgent:
            continue
        if decided is not None:
            urgent_due += 1
            urgent_within += decided - submitted <= urgent_promised
        elif now - submitted > urgent_promised:
            urgent_due += 1
    return Waits(
        decided=len(durations),
        median=median(durations),
        p90=percentile(durations, 90),
        within_promise=sum(1 for duration in durations if duration <= promised),
        urgent_due=urgent_due,
        urgent_within=urgent_within,
        overdue=overdue,
    )
