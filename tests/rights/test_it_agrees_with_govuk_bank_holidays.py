"""The working-day calendar agrees with the official GOV.UK bank holiday data for 2018-2027.

shared/data/bank-holidays/england-and-wales_2018-2027_merged.json is the union of two copies of
https://www.gov.uk/bank-holidays.json (see shared/data/README.md); never edit it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from victimcare.rights.workdays import WorkingDayCalendar, parse_govuk_feed

# shared/ sits beside the repository, here and in CI.
BANK_HOLIDAYS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "bank-holidays"
MERGED = BANK_HOLIDAYS_DIR / "england-and-wales_2018-2027_merged.json"


def _official() -> set[date]:
    return parse_govuk_feed(json.loads(MERGED.read_text(encoding="utf-8")))


def test_it_reads_every_date_in_the_official_file() -> None:
    dates = _official()
    assert len(dates) == 83
    assert (min(dates), max(dates)) == (date(2018, 1, 1), date(2027, 12, 28))


def test_it_treats_every_official_bank_holiday_as_a_non_working_day(calendar: WorkingDayCalendar) -> None:
    assert [day for day in sorted(_official()) if calendar.is_working_day(day)] == []


def test_it_has_exactly_the_official_holidays_once_weekend_originals_are_dropped(
    calendar: WorkingDayCalendar,
) -> None:
    # The `holidays` package also lists a holiday's weekend date beside its substitute day
    # (26 Dec 2026, a Saturday, and Monday 28 Dec); weekends never count, so drop them.
    ours = {d for d in calendar.holidays if 2018 <= d.year <= 2027 and d.weekday() < 5}
    assert ours == {d for d in _official() if d.weekday() < 5}


@pytest.mark.parametrize("feed", sorted(p.name for p in BANK_HOLIDAYS_DIR.glob("govuk-bank-holidays_*.json")))
def test_it_agrees_with_each_raw_govuk_feed(feed: str, calendar: WorkingDayCalendar) -> None:
    dates = parse_govuk_feed(json.loads((BANK_HOLIDAYS_DIR / feed).read_text(encoding="utf-8")))
    assert dates
    in_years = {d for d in dates if 2018 <= d.year <= 2027}
    assert in_years <= _official()
    assert not any(calendar.is_working_day(d) for d in dates)


def test_it_builds_a_calendar_from_the_feed_alone() -> None:
    feed_calendar = WorkingDayCalendar(_official())
    assert feed_calendar.years == range(2018, 2028)
    assert feed_calendar.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert feed_calendar.add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)


def test_it_names_the_bad_entry_in_a_broken_feed() -> None:
    with pytest.raises(ValueError, match=r"events\[1\]\.date: not a YYYY-MM-DD date"):
        parse_govuk_feed({"england-and-wales": {"events": [{"date": "2026-01-01"}, {"date": "1/1/26"}]}})
    with pytest.raises(ValueError, match='no "england-and-wales" events'):
        parse_govuk_feed({"scotland": {"events": []}})
