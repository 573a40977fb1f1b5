"""The subject access clock: one calendar month from the later of receipt and identity
verified (DPA 2018 s.54), to the month's last day where it has no such date, and on to the next
working day from a weekend or bank holiday (the ICO's guidance; docs/adr/0053)."""

from __future__ import annotations

from datetime import date

import pytest

from victimcare.dataprotection.clock import due_on


@pytest.mark.parametrize(
    ("received", "verified", "due"),
    [
        (date(2026, 3, 2), None, date(2026, 4, 2)),  # Monday to Thursday
        (date(2026, 1, 30), None, date(2026, 3, 2)),  # no 30 February: Saturday 28th, then Monday
        (date(2026, 3, 31), None, date(2026, 4, 30)),  # no 31 April: the 30th
        (date(2026, 3, 6), None, date(2026, 4, 7)),  # 6 April 2026 is Easter Monday
        (date(2026, 11, 25), None, date(2026, 12, 29)),  # Christmas Day, then the Boxing Day holiday
        (date(2026, 3, 2), date(2026, 3, 9), date(2026, 4, 9)),  # from identity verified, if later
        (date(2026, 3, 9), date(2026, 3, 9), date(2026, 4, 9)),
        (date(2026, 12, 15), None, date(2027, 1, 15)),  # over the year end
    ],
)
def test_the_response_is_due(received, verified, due):
    assert due_on(received, verified) == due
