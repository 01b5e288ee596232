import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidelines.availability import (
    AWAY,
    NEXT_REPLY,
    ONLINE,
    PROMISE,
    Absence,
    Schedule,
    WeeklyRange,
    availability_status,
    is_online,
    latest_daily_time,
    next_reply_by,
)

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


def office_hours(promised_hours=24, absences=(), extra=()):
    """Weekdays 9:00-17:00 and a Wednesday evening, as in the demo."""
    ranges = [WeeklyRange(day, dt.time(9), dt.time(17)) for day in (MON, TUE, WED, THU, FRI)]
    ranges.append(WeeklyRange(WED, dt.time(19), dt.time(21)))
    return Schedule(promised_hours=promised_hours, ranges=(*ranges, *extra), absences=tuple(absences))


# 2026-11-23 is a Monday.


def test_moderator_is_online_just_before_closing_and_reply_is_expected_now():
    now = paris(2026, 11, 23, 16, 59)

    assert is_online(office_hours(), now)
    assert next_reply_by(office_hours(), now) == now


def test_moderator_is_offline_exactly_at_closing_and_reply_comes_next_morning():
    now = paris(2026, 11, 23, 17, 0)

    assert not is_online(office_hours(), now)
    assert next_reply_by(office_hours(), now) == paris(2026, 11, 24, 9, 0)


def test_wednesday_evening_slot_is_the_next_reply_after_the_office_closes():
    assert next_reply_by(office_hours(), paris(2026, 11, 25, 17, 30)) == paris(2026, 11, 25, 19, 0)


def test_over_the_weekend_the_reply_comes_on_monday_morning_when_the_promise_allows_it():
    friday_evening = paris(2026, 11, 27, 18, 0)

    assert next_reply_by(office_hours(promised_hours=72), friday_evening) == paris(2026, 11, 30, 9, 0)


def test_over_the_weekend_the_promised_response_time_caps_the_wait():
    friday_evening = paris(2026, 11, 27, 18, 0)

    assert next_reply_by(office_hours(promised_hours=24), friday_evening) == paris(2026, 11, 28, 18, 0)


def test_days_of_absence_are_skipped():
    tuesday_and_wednesday_off = Absence(dt.date(2026, 11, 24), dt.date(2026, 11, 25), "Training")
    schedule = office_hours(promised_hours=96, absences=[tuesday_and_wednesday_off])

    assert next_reply_by(schedule, paris(2026, 11, 23, 18, 0)) == paris(2026, 11, 26, 9, 0)


def test_during_an_absence_nobody_is_online_and_the_banner_says_away_until_the_last_day():
    absence = Absence(dt.date(2026, 12, 24), dt.date(2027, 1, 1), "Happy holidays!")
    schedule = office_hours(promised_hours=240, absences=[absence])
    now = paris(2026, 12, 28, 10, 0)  # a Monday, normally open

    status = availability_status(schedule, now)

    assert not is_online(schedule, now)
    assert next_reply_by(schedule, now) == paris(2027, 1, 4, 9, 0)  # the first Monday back
    assert status.kind == AWAY
    assert status.away_until == dt.date(2027, 1, 1)
    assert status.message == "Happy holidays!"


def test_an_empty_schedule_promises_a_reply_within_the_promised_hours():
    now = utc(2026, 11, 23, 12, 0)
    schedule = Schedule(promised_hours=48)

    assert not is_online(schedule, now)
    assert next_reply_by(schedule, now) == now + dt.timedelta(hours=48)
    assert availability_status(schedule, now).kind == PROMISE


def test_online_status_tells_until_when():
    status = availability_status(office_hours(), paris(2026, 11, 23, 10, 0))

    assert status.kind == ONLINE
    assert status.online_until == paris(2026, 11, 23, 17, 0)


def test_offline_status_gives_the_next_reply_in_the_managers_time_zone():
    status = availability_status(office_hours(), utc(2026, 11, 23, 20, 0))

    assert status.kind == NEXT_REPLY
    assert status.reply_by == paris(2026, 11, 24, 9, 0)
    assert status.reply_by.utcoffset() == dt.timedelta(hours=1)


def test_a_range_ending_at_midnight_joins_the_next_days_range():
    late = (WeeklyRange(TUE, dt.time(22), dt.time(0)), WeeklyRange(WED, dt.time(0), dt.time(2)))
    schedule = Schedule(ranges=late)

    assert is_online(schedule, paris(2026, 11, 24, 23, 59))
    assert is_online(schedule, paris(2026, 11, 25, 0, 0))
    assert availability_status(schedule, paris(2026, 11, 24, 23, 0)).online_until == paris(2026, 11, 25, 2, 0)
    assert not is_online(schedule, paris(2026, 11, 25, 2, 0))


def test_just_before_midnight_the_next_reply_is_the_next_morning():
    assert next_reply_by(office_hours(), paris(2026, 11, 23, 23, 59)) == paris(2026, 11, 24, 9, 0)


def test_next_reply_after_the_spring_dst_change_uses_summer_time():
    # Europe/Paris moves from UTC+1 to UTC+2 on Sunday 29 March 2026 at 02:00.
    schedule = Schedule(promised_hours=72, ranges=(WeeklyRange(MON, dt.time(9), dt.time(17)),))

    reply_by = next_reply_by(schedule, paris(2026, 3, 27, 18, 0))

    assert reply_by == utc(2026, 3, 30, 7, 0)


def test_a_range_across_the_spring_dst_change_lasts_one_hour_less():
    schedule = Schedule(ranges=(WeeklyRange(SUN, dt.time(1), dt.time(4)),))

    assert is_online(schedule, utc(2026, 3, 29, 0, 59))  # 01:59 winter time
    assert is_online(schedule, utc(2026, 3, 29, 1, 30))  # 03:30 summer time
    assert not is_online(schedule, utc(2026, 3, 29, 2, 0))  # 04:00 summer time


def test_next_reply_after_the_autumn_dst_change_uses_winter_time():
    # Europe/Paris moves from UTC+2 back to UTC+1 on Sunday 25 October 2026 at 03:00.
    schedule = Schedule(promised_hours=72, ranges=(WeeklyRange(MON, dt.time(9), dt.time(17)),))

    reply_by = next_reply_by(schedule, paris(2026, 10, 23, 18, 0))

    assert reply_by == utc(2026, 10, 26, 8, 0)


def test_a_range_across_the_autumn_dst_change_covers_the_repeated_hour():
    schedule = Schedule(ranges=(WeeklyRange(SUN, dt.time(2), dt.time(3)),))

    assert is_online(schedule, utc(2026, 10, 25, 0, 30))  # 02:30 summer time
    assert is_online(schedule, utc(2026, 10, 25, 1, 30))  # 02:30 winter time, the hour again
    assert not is_online(schedule, utc(2026, 10, 25, 2, 0))  # 03:00 winter time


def test_an_unknown_time_zone_falls_back_to_paris_instead_of_failing():
    schedule = Schedule(time_zone="Mars/Olympus_Mons", ranges=(WeeklyRange(MON, dt.time(9), dt.time(17)),))

    assert is_online(schedule, paris(2026, 11, 23, 9, 0))


def test_hours_are_read_in_the_managers_time_zone():
    schedule = Schedule(time_zone="America/Montreal", ranges=(WeeklyRange(MON, dt.time(9), dt.time(17)),))

    assert not is_online(schedule, paris(2026, 11, 23, 10, 0))  # 04:00 in Montreal
    assert is_online(schedule, paris(2026, 11, 23, 16, 0))  # 10:00 in Montreal


weekly_ranges = st.builds(
    lambda day, start, length: WeeklyRange(
        day, dt.time(start // 60, start % 60), dt.time(((start + length) % 1440) // 60, (start + length) % 60)
    ),
    st.integers(0, 6),
    st.integers(0, 23 * 60).map(lambda minutes: minutes - minutes % 15),
    st.integers(15, 8 * 60).map(lambda minutes: minutes - minutes % 15),
).filter(lambda weekly: weekly.end_minutes > weekly.start_minutes)
schedules = st.builds(
    Schedule,
    time_zone=st.sampled_from(["Europe/Paris", "Europe/London", "America/New_York", "UTC"]),
    promised_hours=st.integers(1, 96),
    ranges=st.lists(weekly_ranges, max_size=6).map(tuple),
    absences=st.lists(
        st.builds(
            lambda start, days: Absence(start, start + dt.timedelta(days=days)),
            st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
            st.integers(0, 10),
        ),
        max_size=2,
    ).map(tuple),
)
moments = st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2026, 12, 31), timezones=st.just(UTC))


@settings(max_examples=150, deadline=None)
@given(schedule=schedules, now=moments)
def test_next_reply_is_never_before_now_nor_after_the_promise(schedule, now):
    reply_by = next_reply_by(schedule, now)

    assert now <= reply_by <= now + dt.timedelta(hours=schedule.promised_hours)
    assert (reply_by == now) == is_online(schedule, now)


@settings(max_examples=150, deadline=None)
@given(schedule=schedules, now=moments)
def test_next_reply_before_the_promise_is_the_first_moment_a_moderator_is_online(schedule, now):
    reply_by = next_reply_by(schedule, now)

    if now < reply_by < now + dt.timedelta(hours=schedule.promised_hours):
        assert is_online(schedule, reply_by)
        assert not is_online(schedule, reply_by - dt.timedelta(minutes=1))


@pytest.mark.parametrize(
    ("now", "hour", "expected"),
    [
        # Paris: 08:00 today once passed, else yesterday's.
        (dt.datetime(2026, 3, 10, 7, 30, tzinfo=dt.UTC), 8, dt.datetime(2026, 3, 10, 7, 0, tzinfo=dt.UTC)),
        (dt.datetime(2026, 3, 10, 6, 59, tzinfo=dt.UTC), 8, dt.datetime(2026, 3, 9, 7, 0, tzinfo=dt.UTC)),
        # The day summer time starts (29 March 2026), 08:00 is 06:00 UTC; the day before, 07:00 UTC.
        (dt.datetime(2026, 3, 29, 6, 30, tzinfo=dt.UTC), 8, dt.datetime(2026, 3, 29, 6, 0, tzinfo=dt.UTC)),
        (dt.datetime(2026, 3, 29, 5, 30, tzinfo=dt.UTC), 8, dt.datetime(2026, 3, 28, 7, 0, tzinfo=dt.UTC)),
        # 02:00 does not exist that day: read as 03:00 summer time (01:00 UTC).
        (dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC), 2, dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC)),
        # Midnight.
        (dt.datetime(2026, 3, 10, 22, 59, tzinfo=dt.UTC), 0, dt.datetime(2026, 3, 9, 23, 0, tzinfo=dt.UTC)),
        (dt.datetime(2026, 3, 10, 23, 0, tzinfo=dt.UTC), 0, dt.datetime(2026, 3, 10, 23, 0, tzinfo=dt.UTC)),
    ],
)
def test_latest_daily_time_is_the_last_time_the_local_clock_read_that_hour(now, hour, expected):
    assert latest_daily_time(PARIS, hour, now) == expected
