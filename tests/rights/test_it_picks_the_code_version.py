"""Rules are chosen by the version of the Code in force on each trigger's local date; a date
before every version, or an unknown rule id, is an error (VICTIMS-CODE.md, "Principles")."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from victimcare.rights.engine import Crime, Event, Victim, evaluate
from victimcare.rights.loader import (
    RULES_DIR,
    NoCodeVersionError,
    UnknownRuleError,
    default_rule_sets,
    load_rule_sets,
    rule_set_for,
)
from victimcare.rights.workdays import WorkingDayCalendar

ADULT = Victim(date_of_birth=date(1980, 1, 1))
CRIME = Crime(occurred_on=date(2020, 12, 1))


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_it_applies_the_2020_code_from_1_april_2021_with_no_end() -> None:
    assert rule_set_for(date(2021, 4, 1)).version == "2020"
    assert rule_set_for(date(2059, 12, 31)).version == "2020"
    with pytest.raises(NoCodeVersionError, match="in force on 2021-03-31"):
        rule_set_for(date(2021, 3, 31))


def test_it_refuses_an_unknown_rule_id() -> None:
    assert default_rule_sets().rule("R4_REFERRAL", date(2026, 1, 1)).right == 4
    with pytest.raises(UnknownRuleError, match="no rule 'R13_PARKING'"):
        default_rule_sets().rule("R13_PARKING", date(2026, 1, 1))


def test_it_names_the_trigger_that_falls_before_every_version(calendar: WorkingDayCalendar) -> None:
    events = [Event("e1", "crime_reported", _at("2021-03-31T10:00:00+01:00"))]
    with pytest.raises(NoCodeVersionError) as error:
        evaluate(ADULT, CRIME, events, _at("2021-05-01T10:00:00+01:00"), calendar)
    assert error.value.event_id == "e1"


def test_it_uses_as_of_when_there_is_no_trigger(calendar: WorkingDayCalendar) -> None:
    assert evaluate(ADULT, CRIME, [], _at("2021-04-01T00:00:00+01:00"), calendar).code_version == "2020"
    with pytest.raises(NoCodeVersionError):
        evaluate(ADULT, CRIME, [], _at("2021-03-31T23:59:00+01:00"), calendar)


def _two_versions(folder: Path) -> None:
    """The 2020 Code ending on 1 January 2027, and an imagined successor with a 3-day referral."""
    original: dict[str, Any] = yaml.safe_load((RULES_DIR / "code_2020.yaml").read_text(encoding="utf-8"))
    old = {**original, "in_force_until": "2027-01-01"}
    new = {**original, "version": "2027", "in_force_from": "2027-01-01"}
    new["rules"] = [dict(rule) for rule in original["rules"]]
    new["rules"][1]["limit"] = {"kind": "working_days", "standard": 3, "enhanced": 3}
    for name, data in (("code_2020.yaml", old), ("code_2027.yaml", new)):
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_it_applies_each_trigger_the_version_in_force_on_its_date(
    tmp_path: Path, calendar: WorkingDayCalendar
) -> None:
    _two_versions(tmp_path)
    rule_sets = load_rule_sets(tmp_path)
    events = [
        Event("old", "crime_reported", datetime(2026, 12, 31, 10, tzinfo=UTC)),
        Event("new", "crime_reported", datetime(2027, 1, 4, 10, tzinfo=UTC)),
    ]
    result = evaluate(ADULT, CRIME, events, datetime(2027, 2, 1, tzinfo=UTC), calendar, rule_sets)
    referrals = [(o.trigger, o.code_version, o.due) for o in result.obligations if o.rule == "R4_REFERRAL"]
    # 31 Dec 2026 + 2: 1 Jan is a bank holiday, so 4 and 5 Jan; 4 Jan 2027 + 3 working days: 7 Jan.
    assert referrals == [("old", "2020", date(2027, 1, 5)), ("new", "2027", date(2027, 1, 7))]
    assert result.code_version == "2020"  # the case's version is its first trigger's
