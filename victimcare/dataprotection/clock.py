"""The subject access clock (docs/adr/0053), Django-free.

UK GDPR art. 12(3) and DPA 2018 s.45(3)(b) with s.54: a response is due within one month of
the "relevant day", the later of the day the request is received and the day the controller
has what it asked for to confirm the requester's identity. Following the ICO's guidance, the
month runs to the same date in the next month; where that month has no such date (31 January),
to its last day; and where the date falls on a weekend or a bank holiday in England and Wales,
to the next working day.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from victimcare.rights.workdays import default_calendar


def relevant_day(received_on: date, identity_verified_on: date | None) -> date:
    if identity_verified_on is not None and identity_verified_on > received_on:
        return identity_verified_on
    return received_on


def one_month_after(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(received_on: date, identity_verified_on: date | None = None) -> date:
    """The day the response is due: one calendar month from the relevant day, moved on to the
    next working day if it falls on a weekend or bank holiday."""
    due = one_month_after(relevant_day(received_on, identity_verified_on))
    working = default_calendar()
    while not working.is_working_day(due):
        due += timedelta(days=1)
    return due


def days_left(due: date, today: date) -> int:
    """Calendar days until the due day (0 on the day, negative once overdue)."""
    return (due - today).days
