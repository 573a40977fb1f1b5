"""Shared set-up for the retention tests (docs/adr/0052): the seeded case_a (tests/dataprotection
conftest: Jane Smith's message naming Mark Jones, a referral to Harbour with what was shared)
with a timeline note, looked at in March 2026; seven years later it is past the default six."""

from __future__ import annotations

import time_machine

from tests.factories import local
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record

NOTE = "Jane said her ex-partner Mark Jones followed her home"
SEVEN_YEARS_ON = local(2033, 4, 1, 10, 0)


def with_a_note(vcase: VictimCase) -> VictimCase:
    event_record(
        actor=None,
        case=vcase,
        type="sentence_received",
        occurred_at=local(2026, 3, 4, 9, 0),
        payload={"summary": "Jane Smith's attacker was given 18 months"},
        notes=NOTE,
    )
    return vcase


def later() -> time_machine.travel:
    return time_machine.travel(SEVEN_YEARS_ON, tick=False)
