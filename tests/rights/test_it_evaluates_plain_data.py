"""The engine is a pure function of plain data: no database, no clock, any aware time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

import pytest

from victimcare.rights.engine import Crime, Event, Obligation, Victim, evaluate
from victimcare.rights.workdays import WorkingDayCalendar

LONDON = ZoneInfo("Europe/London")
VICTIM = Victim(date_of_birth=date(1980, 1, 1), flags=frozenset({"bereaved"}))
CRIME = Crime(occurred_on=date(2026, 5, 30))


def _case(tz: tzinfo | None = None) -> list[Event]:
    zone = LONDON if tz is None else tz
    return [
        Event("e1", "suspect_arrested", datetime(2026, 6, 1, 9, tzinfo=LONDON).astimezone(zone)),
        Event("e2", "victim_informed", datetime(2026, 6, 2, 9, tzinfo=LONDON).astimezone(zone), about="e1"),
    ]


def test_it_gives_the_same_answer_whatever_the_time_zone(
    calendar: WorkingDayCalendar,
) -> None:
    as_of = datetime(2026, 6, 20, tzinfo=UTC)
    in_london = evaluate(VICTIM, CRIME, _case(), as_of, calendar)
    in_utc = evaluate(VICTIM, CRIME, _case(UTC), as_of, calendar)
    in_tokyo = evaluate(VICTIM, CRIME, _case(ZoneInfo("Asia/Tokyo")), as_of.astimezone(LONDON), calendar)
    expected = (Obligation("R6_ARREST", 6, "police", "e1", date(2026, 6, 2), "met", "e2", "2020"),)
    assert in_london.obligations == in_utc.obligations == in_tokyo.obligations == expected
    assert in_london.enhanced_reasons == ("most_serious_crime:bereaved",)


def test_it_lists_obligations_in_time_order_whatever_the_input_order(calendar: WorkingDayCalendar) -> None:
    events = [*reversed(_case()), Event("e0", "crime_reported", datetime(2026, 5, 31, 9, tzinfo=UTC))]
    result = evaluate(VICTIM, CRIME, events, datetime(2026, 6, 20, tzinfo=UTC), calendar)
    assert [(o.trigger, o.rule) for o in result.obligations] == [
        ("e0", "R2_CRIME_RECORDED"),
        ("e0", "R3_WRITTEN_ACK"),
        ("e0", "R4_REFERRAL"),
        ("e0", "R5_COMPENSATION_INFO"),
        ("e1", "R6_ARREST"),
    ]


def test_it_refuses_times_without_a_time_zone(calendar: WorkingDayCalendar) -> None:
    events = [Event("e1", "suspect_arrested", datetime(2026, 6, 1, 9))]
    with pytest.raises(ValueError, match="no UTC offset"):
        evaluate(VICTIM, CRIME, events, datetime(2026, 6, 20, tzinfo=UTC), calendar)
