"""When a moderator will read a comment, in words, at frozen times, in both languages."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from guidelines.availability import Absence, Schedule, WeeklyRange
from guidelines.availability_text import day_and_time, reply_expectation

PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


def office_hours(promised_hours=24):
    """Weekdays 9:00-17:00, as in the demo. 2026-11-23 and 2026-12-07 are Mondays."""
    return Schedule(
        promised_hours=promised_hours,
        ranges=tuple(WeeklyRange(day, dt.time(9), dt.time(17)) for day in range(5)),
    )


def said(language, schedule, now):
    with translation.override(language):
        return reply_expectation(schedule, now, in_words=True)


@pytest.mark.parametrize(
    ("now", "english", "french"),
    [
        (
            paris(2026, 11, 23, 10, 0),
            "A moderator is online and will read it today before 17:00.",
            "Quelqu'un de l'équipe de modération est en ligne et le lira aujourd'hui avant 17:00.",
        ),
        (
            paris(2026, 11, 23, 7, 30),
            "A moderator will read it today from 09:00.",
            "L'équipe de modération le lira aujourd'hui à partir de 09:00.",
        ),
        (
            paris(2026, 11, 23, 18, 0),
            "A moderator will read it tomorrow morning.",
            "L'équipe de modération le lira demain matin.",
        ),
    ],
)
def test_the_confirmation_says_when_in_words(now, english, french):
    assert said("en", office_hours(), now) == english
    assert said("fr", office_hours(), now) == french


def test_after_tomorrow_the_confirmation_names_the_weekday_and_the_date():
    friday_evening = paris(2026, 12, 4, 18, 0)

    assert said("en", office_hours(72), friday_evening) == "A moderator will read it on Monday 7 December."
    assert said("fr", office_hours(72), friday_evening) == "L'équipe de modération le lira lundi 7 décembre."


def test_a_promise_that_falls_tomorrow_afternoon_is_said_so():
    friday_evening = paris(2026, 12, 4, 17, 30)  # the 24-hour promise ends on Saturday at 17:30

    assert said("en", office_hours(24), friday_evening) == "A moderator will read it tomorrow afternoon."
    assert said("fr", office_hours(24), friday_evening) == "L'équipe de modération le lira demain après-midi."


def test_today_and_tomorrow_follow_the_managers_time_zone_not_utc():
    # 23:30 UTC on Monday is already Tuesday 00:30 in Paris: 09:00 is "today" there.
    late = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)

    assert said("en", office_hours(), late) == "A moderator will read it today from 09:00."


def test_an_email_names_the_date_since_it_may_be_read_another_day():
    with translation.override("en"):
        assert (
            reply_expectation(office_hours(), paris(2026, 11, 23, 18, 0))
            == "A reply can be expected by Tuesday 24 November at 09:00."
        )
    with translation.override("fr"):
        assert (
            reply_expectation(office_hours(), paris(2026, 11, 23, 18, 0))
            == "Tu peux attendre une réponse d'ici mardi 24 novembre à 09:00."
        )


def test_day_and_time_is_never_a_bare_weekday():
    monday_4am = paris(2026, 12, 7, 4, 0)
    with translation.override("en"):
        assert day_and_time(paris(2026, 12, 7, 9, 0), monday_4am) == "today at 09:00"
        assert day_and_time(paris(2026, 12, 8, 9, 0), monday_4am) == "tomorrow at 09:00"
        assert day_and_time(paris(2026, 12, 14, 9, 0), monday_4am) == "Monday 14 December at 09:00"


def test_a_moderator_online_past_midnight_will_read_it_soon():
    around_the_clock = Schedule(ranges=tuple(WeeklyRange(day, dt.time(0), dt.time(0)) for day in range(7)))

    assert (
        said("en", around_the_clock, paris(2026, 11, 23, 23, 0))
        == "A moderator is online now and will read it soon."
    )
    assert said("fr", around_the_clock, paris(2026, 11, 23, 23, 0)) == (
        "Quelqu'un de l'équipe de modération est en ligne et le lira bientôt."
    )


def test_a_promise_ending_today_is_said_as_a_deadline_not_as_a_start():
    # Replies promised within 4 hours, no weekly hours: at 10:00 a moderator reads it *by* 14:00, not from 14:00.
    four_hours = Schedule(promised_hours=4)

    assert (
        said("en", four_hours, paris(2026, 11, 23, 10, 0)) == "A moderator will read it today before 14:00."
    )
    assert said("fr", four_hours, paris(2026, 11, 23, 10, 0)) == (
        "L'équipe de modération le lira aujourd'hui avant 14:00."
    )
    # Office hours, but a 2-hour promise ends before the office opens again.
    assert said("en", office_hours(2), paris(2026, 11, 23, 18, 0)) == (
        "A moderator will read it today before 20:00."
    )


def test_a_promise_ending_in_the_night_is_said_as_a_deadline():
    at_2am = paris(2026, 11, 23, 2, 0)  # the 24-hour promise ends tomorrow at 02:00

    assert said("en", Schedule(), at_2am) == "A moderator will read it tomorrow before 02:00."
    assert said("fr", Schedule(), at_2am) == "L'équipe de modération le lira demain avant 02:00."


def test_a_promise_across_the_spring_dst_change_names_the_day_and_the_deadline():
    # Saturday 28 March 2026 at 23:30 in Paris + 24 hours = Monday 30 March at 00:30 (clocks go forward on Sunday).
    saturday_night = paris(2026, 3, 28, 23, 30)

    assert said("en", Schedule(), saturday_night) == "A moderator will read it Monday 30 March before 00:30."


def test_an_opening_time_is_still_said_as_a_start():
    assert (
        said("en", office_hours(), paris(2026, 11, 23, 7, 30)) == "A moderator will read it today from 09:00."
    )


def test_while_the_team_is_away_the_confirmation_does_not_promise_a_time_the_banner_does_not_give():
    # The banner says "The team is away until 4 December" (and no reply time): the confirmation agrees.
    away = Schedule(
        ranges=office_hours().ranges, absences=(Absence(dt.date(2026, 11, 20), dt.date(2026, 12, 4)),)
    )
    monday = paris(2026, 11, 23, 10, 0)

    assert (
        said("en", away, monday)
        == "The team is away until 4 December: a moderator will read it when they are back."
    )
    assert said("fr", away, monday) == "L'équipe est absente jusqu'au 4 décembre : elle le lira à son retour."


def test_on_the_last_day_away_the_confirmation_says_when_the_team_is_back():
    away_until_today = Schedule(
        ranges=office_hours().ranges, absences=(Absence(dt.date(2026, 11, 20), dt.date(2026, 11, 23)),)
    )

    assert (
        said("en", away_until_today, paris(2026, 11, 23, 18, 0))
        == "A moderator will read it tomorrow morning."
    )


def test_a_promise_across_the_autumn_dst_change_is_still_said_as_a_deadline():
    # Sunday 25 October 2026, 01:30 in Paris; clocks go back at 03:00, so 24 hours later is Monday 00:30.
    sunday_night = paris(2026, 10, 25, 1, 30)

    assert said("en", office_hours(), sunday_night) == "A moderator will read it tomorrow before 00:30."
