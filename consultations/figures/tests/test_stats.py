"""The arithmetic of the public figures, on edge cases and on any input hypothesis finds."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from consultations.figures import stats

HOUR = datetime.timedelta(hours=1)
START = datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)


def test_a_share_of_nothing_is_no_share_rather_than_a_division_by_zero():
    assert stats.share(0, 0) is None
    assert stats.share(1, 3) == 33


def test_no_wait_has_no_median_nor_percentile():
    waits = stats.waits([], HOUR, HOUR, START)
    assert (waits.decided, waits.median, waits.p90, waits.within_promise_share) == (0, None, None, None)
    assert waits.urgent_within_share is None


def test_a_fresh_urgent_comment_is_not_counted_as_a_broken_promise_until_its_promise_has_passed():
    rows = [(START, None, True)]
    assert stats.waits(rows, 24 * HOUR, 2 * HOUR, START + HOUR).urgent_due == 0
    late = stats.waits(rows, 24 * HOUR, 2 * HOUR, START + 3 * HOUR)
    assert (late.urgent_due, late.urgent_within) == (1, 0)


def test_the_bar_width_follows_the_length_of_the_consultation():
    assert stats.period_for(START, START + datetime.timedelta(days=31)) == stats.DAY
    assert stats.period_for(START, START + datetime.timedelta(days=32)) == stats.WEEK
    assert stats.period_for(START, START + datetime.timedelta(days=400)) == stats.MONTH


def test_the_timeline_has_every_period_with_zeros_and_widens_to_comments_outside_the_dates():
    first, last = datetime.date(2026, 3, 2), datetime.date(2026, 3, 4)
    rows = stats.timeline(
        {datetime.date(2026, 3, 3): 2, datetime.date(2026, 3, 6): 1}, first, last, stats.DAY
    )
    assert [count for _, count in rows] == [0, 2, 0, 0, 1]
    months = stats.timeline({datetime.date(2026, 12, 1): 1}, datetime.date(2026, 11, 15), last, stats.MONTH)
    assert [day for day, _ in months] == [datetime.date(2026, 11, 1), datetime.date(2026, 12, 1)]


hours = st.integers(min_value=0, max_value=24 * 60)
rows = st.lists(st.tuples(hours, st.one_of(st.none(), hours), st.booleans()), max_size=60)


@given(rows, st.integers(min_value=1, max_value=720))
def test_the_median_and_the_90th_percentile_are_ordered_and_within_the_waits(raw, promise):
    data = [(START, None if wait is None else START + wait * HOUR / 60, urgent) for _, wait, urgent in raw]
    waits = stats.waits(data, promise * HOUR, 2 * HOUR, START + 1000 * HOUR)
    durations = sorted(decided - START for _, decided, _ in data if decided is not None)
    assert waits.decided == len(durations)
    if durations:
        assert durations[0] <= waits.median <= waits.p90 <= durations[-1]
        assert waits.p90 in durations
        assert sum(d <= waits.p90 for d in durations) >= 0.9 * len(durations)
        assert 0 <= waits.within_promise_share <= 100
    else:
        assert waits.median is None and waits.p90 is None
    assert 0 <= waits.urgent_within <= waits.urgent_due <= sum(urgent for *_, urgent in data)


@given(
    st.dictionaries(
        st.dates(datetime.date(2025, 1, 1), datetime.date(2027, 1, 1)), st.integers(0, 50), max_size=20
    ),
    st.sampled_from([stats.DAY, stats.WEEK, stats.MONTH]),
)
def test_the_timeline_loses_no_comment_and_has_no_gap(counts, period):
    by_period = {}
    for day, count in counts.items():
        start = stats.period_start(day, period)
        by_period[start] = by_period.get(start, 0) + count
    rows = stats.timeline(by_period, datetime.date(2026, 1, 1), datetime.date(2026, 1, 20), period)
    assert sum(count for _, count in rows) == sum(counts.values())
    days = [day for day, _ in rows]
    assert all(stats.next_period(a, period) == b for a, b in zip(days, days[1:], strict=False))


def test_a_comment_not_decided_yet_is_overdue_only_once_its_promise_has_passed_and_late_ones_are_counted():
    rows = [(START, None, False), (START, START + 30 * HOUR, False), (START, START + HOUR, False)]
    assert stats.waits(rows, 24 * HOUR, 2 * HOUR, START + 23 * HOUR).overdue == 0
    waits = stats.waits(rows, 24 * HOUR, 2 * HOUR, START + 25 * HOUR)
    assert (waits.overdue, waits.late, waits.within_promise) == (1, 1, 1)
