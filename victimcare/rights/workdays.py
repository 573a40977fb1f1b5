"""Working days in England and Wales, counted the way the Victims' Code engine counts them.

A working day is Monday to Friday except an England and Wales bank holiday (VICTIMS-CODE.md,
"Working days"). "Within N working days of X": day 1 is the first working day after X's local
date, and the due date is the Nth working day. X's own date never counts, even when X happens
early on a working day.

The calendar is pure: it is built from a set of dates and never reads the clock or the database.
Every date it answers for must fall inside the years it covers; outside them it raises
CalendarRangeError rather than quietly treating unknown bank holidays as working days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

# The years default_calendar() covers. The `holidays` package projects the regular bank holidays
# forward by rule; one-off days (jubilees, state funerals) appear only once proclaimed.
DEFAULT_FIRST_YEAR = 2000
DEFAULT_LAST_YEAR = 2060


class CalendarRangeError(ValueError):
    """A date, or a due date, falls outside the years a calendar covers."""


def local_date(moment: datetime) -> date:
    """The Europe/London calendar date of an aware datetime (the contract's "local date")."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no UTC offset")
    return moment.astimezone(LONDON).date()


def local_day_of_utc(moment: datetime) -> date:
    """The Europe/London date of a datetime whose tzinfo is UTC (a fast path for the engine).

    London has been UTC+0 or UTC+1 since 1972, so the local date differs from the UTC date only
    from 23:00 UTC; only those instants need the time-zone database. A test checks the offsets.
    """
    if moment.hour < 23:
        return moment.date()
    return moment.astimezone(LONDON).date()


class WorkingDayCalendar:
    """Working-day arithmetic over a fixed span of years, with O(1) lookups.

    `holidays` may include bank holidays that fall at a weekend (the `holidays` package lists
    both 26 December and its substitute day): they change nothing, as weekends never count.
    """

    __slots__ = ("_base", "_count_to", "_due", "_first_year", "_holidays", "_last_year", "_working")

    def __init__(
        self, holidays: Iterable[date], first_year: int | None = None, last_year: int | None = None
    ) -> None:
        self._holidays = frozenset(holidays)
        years = [d.year for d in self._holidays]
        self._first_year = first_year if first_year is not None else min(years)
        self._last_year = last_year if last_year is not None else max(years)
        if self._first_year > self._last_year:
            raise ValueError("first_year is after last_year")
        self._build_index()
        # Memo of add_working_days: the engine asks the same (date, n) again and again, and a dict
        # hit is several times cheaper than the arithmetic. Bounded by days covered x distinct n.
        self._due: dict[tuple[date, int], date] = {}

    def _build_index(self) -> None:
        # _count_to[i] is how many working days fall on or before day i of the span; _working
        # lists the working days' ordinals. Adding N working days is then two list look-ups.
        self._base = date(self._first_year, 1, 1).toordinal()
        end = date(self._last_year, 12, 31).toordinal()
        self._count_to: list[int] = []
        self._working: list[int] = []
        for ordinal in range(self._base, end + 1):
            day = date.fromordinal(ordinal)
            if day.weekday() < 5 and day not in self._holidays:
                self._working.append(ordinal)
            self._count_to.append(len(self._working))

    @property
    def holidays(self) -> frozenset[date]:
        """The bank holidays the calendar was built from (weekend originals included)."""
        return self._holidays

    @property
    def years(self) -> range:
        """The years this calendar answers for."""
        return range(self._first_year, self._last_year + 1)

    def _index(self, day: date) -> int:
        index = day.toordinal() - self._base
        if index < 0 or index >= len(self._count_to):
            raise CalendarRangeError(f"{day.isoformat()} is outside the calendar's years {self._span()}")
        return index

    def _span(self) -> str:
        return f"{self._first_year}-{self._last_year}"

    def is_working_day(self, day: date) -> bool:
        """True when `day` is Monday to Friday and not a bank holiday."""
        index = self._index(day)
        return self._count_to[index] != (self._count_to[index - 1] if index else 0)

    def add_working_days(self, day: date, n: int) -> date:
        """The Nth working day after `day` (n >= 1); `day` itself never counts."""
        key = (day, n)
        due = self._due.get(key)
        if due is None:
            due = self._due[key] = self._add_working_days(day, n)
        return due

    def _add_working_days(self, day: date, n: int) -> date:
        if n < 1:
            raise ValueError(f"n must be at least 1, not {n}")
        position = self._count_to[self._index(day)] + n - 1
        if position >= len(self._working):
            raise CalendarRangeError(f"{n} working days after {day.isoformat()} is after {self._last_year}")
        return date.fromordinal(self._working[position])

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall after `start` and on or before `end` (0 if end <= start)."""
        if end <= start:
            return 0
        return self._count_to[self._index(end)] - self._count_to[self._index(start)]


def default_calendar(
    extra_holidays: Iterable[date] = (),
    first_year: int = DEFAULT_FIRST_YEAR,
    last_year: int = DEFAULT_LAST_YEAR,
) -> WorkingDayCalendar:
    """England and Wales calendar from the `holidays` package, plus any `extra_holidays`.

    Use `extra_holidays` for a one-off bank holiday proclaimed after the installed `holidays`
    release (take it from the GOV.UK feed with parse_govuk_feed).
    """
    return _calendar(frozenset(extra_holidays), first_year, last_year)


@cache
def _calendar(extra_holidays: frozenset[date], first_year: int, last_year: int) -> WorkingDayCalendar:
    # Built once per process for each set of arguments: the index takes a few milliseconds.
    import holidays as holidays_package  # imported here: only this constructor needs it

    years = range(first_year, last_year + 1)
    official = holidays_package.country_holidays("GB", subdiv="ENG", years=years)
    return WorkingDayCalendar(set(official) | extra_holidays, first_year, last_year)


def parse_govuk_feed(json_data: Mapping[str, Any]) -> set[date]:
    """The England and Wales dates in a GOV.UK bank-holidays.json document.

    The feed's shape: {"england-and-wales": {"division": ..., "events": [{"date": "YYYY-MM-DD",
    "title": ..., "notes": ..., "bunting": ...}]}, "scotland": ..., "northern-ireland": ...}.
    Raises ValueError naming the entry when the document is not in that shape.
    """
    try:
        events = json_data["england-and-wales"]["events"]
    except (KeyError, TypeError) as exc:
        raise ValueError('bank holidays feed: no "england-and-wales" events') from exc
    return {_feed_date(i, event) for i, event in enumerate(events)}


def _feed_date(i: int, event: Any) -> date:
    try:
        return date.fromisoformat(event["date"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"bank holidays feed: events[{i}].date: not a YYYY-MM-DD date") from exc
