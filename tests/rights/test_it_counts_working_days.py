"""Properties of working-day arithmetic (VICTIMS-CODE.md, "Working days"), checked by hypothesis."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimcare.rights.workdays import (
    LONDON,
    CalendarRangeError,
    WorkingDayCalendar,
    default_calendar,
    local_date,
    local_day_of_utc,
)

triggers = st.dates(min_value=date(2018, 1, 1), max_value=date(2059, 12, 31))
limits = st.integers(min_value=1, max_value=60)


@given(triggers, limits)
def test_it_always_falls_due_on_a_working_day_after_the_trigger(day: date, n: int) -> None:
    calendar = _calendar()
    due = calendar.add_working_days(day, n)
    assert due > day
    assert calendar.is_working_day(due)


@given(triggers, limits)
def test_it_is_monotonic_in_the_number_of_days(day: date, n: int) -> None:
    calendar = _calendar()
    assert calendar.add_working_days(day, n) < calendar.add_working_days(day, n + 1)


@given(triggers, limits)
def test_it_counts_exactly_n_working_days_between_trigger_and_due(day: date, n: int) -> None:
    calendar = _calendar()
    due = calendar.add_working_days(day, n)
    assert calendar.working_days_between(day, due) == n
    # ... and by brute force, without the calendar's index.
    between = [day + timedelta(days=i) for i in range(1, (due - day).days + 1)]
    assert sum(calendar.is_working_day(d) for d in between) == n


@given(triggers)
def test_it_never_counts_a_weekend(day: date) -> None:
    assert _calendar().is_working_day(day) is (day.weekday() < 5 and day not in _calendar().holidays)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 12, 31)))
def test_it_takes_the_london_date_of_a_utc_instant(naive: datetime) -> None:
    moment = naive.replace(tzinfo=UTC)
    assert local_day_of_utc(moment) == moment.astimezone(LONDON).date() == local_date(moment)


def test_it_relies_on_london_being_utc_or_one_hour_ahead() -> None:
    # local_day_of_utc assumes Europe/London is UTC+0 or UTC+1; check every day it may see.
    offsets = {
        datetime(year, 1, 1, tzinfo=UTC).astimezone(LONDON).utcoffset() for year in range(2000, 2061)
    } | {datetime(year, 7, 1, tzinfo=UTC).astimezone(LONDON).utcoffset() for year in range(2000, 2061)}
    assert offsets == {timedelta(0), timedelta(hours=1)}


def test_it_refuses_dates_outside_its_years() -> None:
    calendar = WorkingDayCalendar({date(2026, 1, 1)}, 2026, 2026)
    with pytest.raises(CalendarRangeError, match="outside the calendar's years 2026-2026"):
        calendar.add_working_days(date(2025, 12, 31), 1)
    with pytest.raises(CalendarRangeError, match="after 2026"):
        calendar.add_working_days(date(2026, 12, 30), 5)


def test_it_refuses_zero_days_and_naive_times() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        _calendar().add_working_days(date(2026, 6, 1), 0)
    with pytest.raises(ValueError, match="no UTC offset"):
        local_date(datetime(2026, 6, 1, 12, 0))


def _calendar() -> WorkingDayCalendar:
    return default_calendar()  # built once per process and cached
