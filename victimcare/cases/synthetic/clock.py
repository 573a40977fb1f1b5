"""Dates and times for synthetic timelines: working days and plausible times of day.

Working days skip weekends and England and Wales bank holidays (the `holidays` package, as
the rights calendar uses), so that "told within 5 working days" in a seeded timeline means
what the compliance figures will count. Everything is local (Europe/London) and aware.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(moment: datetime, n: int) -> date:
    """The nth working day after `moment`'s local date (n=0: that date itself)."""
    day = moment.astimezone(LONDON).date()
    while n > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def office_time(rng: random.Random, day: date, *, not_before: datetime | None = None) -> datetime:
    """A time between 08:30 and 17:30 on `day`, and never before `not_before`."""
    minutes = rng.randint(8 * 60 + 30, 17 * 60 + 30)
    at = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=LONDON)
    if not_before is not None and at <= not_before:
        at = not_before + timedelta(minutes=rng.randint(5, 90))
    return at


def office_after(rng: random.Random, start: datetime, days: int) -> datetime:
    """An office-hours time `days` calendar days after `start` (never before it)."""
    day = (start + timedelta(days=days)).astimezone(LONDON).date()
    return office_time(rng, day, not_before=start)


# Crimes are reported at all hours, most in the afternoon and evening.
_HOUR_WEIGHTS = (2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 6, 5, 4, 3, 2)


def report_time(rng: random.Random, day: date) -> datetime:
    hour = rng.choices(range(24), weights=_HOUR_WEIGHTS)[0]
    return datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=LONDON)
