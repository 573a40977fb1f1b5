"""Cases with known timelines for the compliance dashboard tests, and the recount from events.

Today (machine clock) is after every date below except the late-November case, so the statuses
are settled except that one's pending referral."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import local, make_case, make_person
from victimcare.cases.models import Crime, Event, VictimCase
from victimcare.cases.services import event_record
from victimcare.rights.engine import evaluate
from victimcare.rights.services import load_case_facts, stored_calendar


@pytest.fixture
def timelines(personas, case_a, case_b, case_court, case_other) -> list[VictimCase]:
    olly = personas["olly"]
    cara, cole = personas["cara"], personas["cole"]
    # case_a (enhanced, North): the update and the referral on time, the acknowledgement sent.
    arrest = event_record(actor=olly, case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14))
    event_record(actor=olly, case=case_a, type="victim_informed", occurred_at=local(2026, 3, 4, 9), about=arrest,
                 payload={"channel": "phone"})  # fmt: skip
    event_record(actor=cara, case=case_a, type="referred_to_support", occurred_at=local(2026, 3, 3, 10),
                 payload={"service": "Harbour"})  # fmt: skip
    event_record(actor=cara, case=case_a, type="written_acknowledgement_sent", occurred_at=local(2026, 3, 5, 10),
                 payload={"channel": "email"})  # fmt: skip
    # case_b (standard, South): the update late, the referral never made (overdue).
    arrest_b = event_record(
        actor=olly, case=case_b, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14)
    )
    event_record(actor=olly, case=case_b, type="victim_informed", occurred_at=local(2026, 3, 20, 9), about=arrest_b,
                 payload={"channel": "phone"})  # fmt: skip
    # case_court: charged, not yet sentenced; the Victim Personal Statement offer pending.
    event_record(
        actor=cole, case=case_court, type="referral_declined_by_victim", occurred_at=local(2026, 3, 2, 11)
    )
    # A case reported yesterday: its referral is still pending (due after today).
    yesterday = timezone.localtime() - timedelta(days=1)
    person = make_person(cole, first_name="Lee", last_name="Jones")
    recent = make_case(
        cole, person=person, team="Victim care South", reported_at=yesterday, reference="DU/09999/26"
    )
    return [case_a, case_b, case_court, recent, case_other]


def recount(
    case_ids: list[int], start: date, end: date
) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Statuses by rule from the pure engine, evaluated from each case's events as of now:
    (obligations due in the range, obligations with no due date triggered in the range)."""
    now = timezone.now()
    dated: dict[str, Counter[str]] = defaultdict(Counter)
    undated: dict[str, Counter[str]] = defaultdict(Counter)
    calendar = stored_calendar()
    for facts in load_case_facts(case_ids):
        answer = evaluate(facts.victim, facts.crime, facts.events, now, calendar)
        for o in answer.obligations:
            if o.due is None:
                day = timezone.localtime(Event.objects.get(id=int(o.trigger)).occurred_at).date()
                if start <= day <= end:
                    undated[o.rule][o.status] += 1
            elif start <= o.due <= end:
                dated[o.rule][o.status] += 1
    return dated, undated


def as_counters(rows) -> dict[str, Counter[str]]:
    return {row.key: Counter({s: n for s, n in row.counts.items() if n}) for row in rows}


# --- the attrition page ---------------------------------------------------------------------------

TODAY = timezone.localdate()
# A week past today, so a run that crosses midnight still counts the cases its fixtures open
# "now" (TODAY is fixed when the module is imported, the cases when each test runs).
LATER = TODAY + timedelta(days=7)
RANGE = (
    f"start_day=1&start_month=1&start_year={TODAY.year - 1}"
    f"&end_day={LATER.day}&end_month={LATER.month}&end_year={LATER.year}"
)
# (sex, charged?, withdrew?) per victim: women are charged far more often than everyone else.
VICTIMS = (
    [("female", True, False)] * 10
    + [("female", False, True)] * 2
    + [("male", False, True)] * 6
    + [("male", True, False)] * 2
    + [("prefer_not_to_say", False, False)] * 2
    + [("", False, False)] * 2
)


def load_attrition_victims(personas: dict[str, Any]) -> list[tuple[str, bool, bool]]:
    """24 victims referred to support; women charged far more often than everyone else."""
    cole, olly = personas["cole"], personas["olly"]
    when = timezone.now() - timedelta(days=1)
    for i, (sex, charged, withdrew) in enumerate(VICTIMS):
        person = make_person(cole, first_name=f"V{i}", last_name="Test", sex=sex)
        case = make_case(cole, person=person, team="Victim care South", reference=f"DU/7{i:04d}/26")
        event_record(actor=cole, case=case, type="referred_to_support", occurred_at=when,
                     payload={"service": "Harbour"})  # fmt: skip
        if charged:
            event_record(actor=olly, case=case, type="suspect_charged", occurred_at=when)
        if withdrew:
            Crime.objects.filter(id=case.crime_id).update(outcome_type=16 if i % 2 else 14)
        elif not charged:
            Crime.objects.filter(id=case.crime_id).update(outcome_type=18)
    return list(VICTIMS)


@pytest.fixture
def attrition_victims(personas) -> list[tuple[str, bool, bool]]:
    return load_attrition_victims(personas)
