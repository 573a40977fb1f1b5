"""Twelve-month windows for repeat victims and MARAC criteria. Django-free.

"Within 12 months" is by calendar month and inclusive: a crime on 3 March 2027 is within
12 months of one on 3 March 2026; one on 4 March 2027 is not. A date that does not exist
in the target month (29 February, 31 April) falls back to the month's last day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

K = TypeVar("K")


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def within(earlier: date, later: date, months: int) -> bool:
    """Whether `later` falls on or after `earlier` and no more than `months` months after it."""
    return earlier <= later <= add_months(earlier, months)


def in_any_window(dated: Iterable[tuple[K, date]], *, count: int, months: int) -> set[K]:
    """The keys of every item that is one of `count` or more items falling within one window
    of `months` months (e.g. each of a person's crimes that is one of 2 or more in 12 months)."""
    items: Sequence[tuple[K, date]] = sorted(dated, key=lambda item: item[1])
    found: set[K] = set()
    if count < 1:
        return {key for key, _ in items}
    for start in range(len(items) - count + 1):
        end = start + count - 1
        if within(items[start][1], items[end][1], months):
            found.update(key for key, _ in items[start : end + 1])
    return found
