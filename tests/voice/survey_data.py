"""Survey responses for the results tests, written straight to the table (one case cannot
answer a moment twice, so each response is on its own case), with a hand count of what the
figures must say. Dates are UK local unless said otherwise."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from tests.factories import local, make_case, make_person
from victimcare.cases.models import VictimCase
from victimcare.voice.models import SurveyResponse

_refs = itertools.count(1)

# (when submitted, moment, overall answer)
RESPONSES: list[tuple[datetime, str, str]] = [
    *[(local(2026, 1, 10, 12, 0), "outcome", "very_satisfied")] * 3,
    *[(local(2026, 1, 20, 12, 0), "outcome", "satisfied")] * 3,
    *[(local(2026, 1, 31, 23, 0), "outcome", "dissatisfied")] * 2,
    (local(2026, 2, 3, 9, 0), "sentence", "satisfied"),
    *[(local(2026, 2, 4, 9, 0), "sentence", "neither")] * 2,
    *[(local(2026, 3, 2, 9, 0), "case_closed", "very_satisfied")] * 5,
    # 23:30 UTC on 30 September is 00:30 on 1 October in London (summer time): October's.
    (datetime(2025, 9, 30, 23, 30, tzinfo=UTC), "outcome", "dissatisfied"),
    # Two years back: outside the default 12 months.
    (local(2024, 3, 5, 9, 0), "outcome", "satisfied"),
]
# The hand count for the default range (April 2025 to March 2026), by month:
# (responses, satisfied or very satisfied).
BY_MONTH = {"January 2026": (8, 6), "February 2026": (3, 1), "March 2026": (5, 5), "October 2025": (1, 0)}


def another_case(actor: Any) -> VictimCase:
    n = next(_refs)
    person = make_person(actor, first_name=f"Resp{n}", last_name="Test")
    return make_case(
        actor, person=person, team="Victim care North", caseworker=actor, reference=f"DU/8{n:04d}/26"
    )


def respond(
    case: VictimCase, when: datetime, moment: str, overall: str, comments: str = ""
) -> SurveyResponse:
    return SurveyResponse.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        moment=moment,
        overall=overall,
        kept_informed="yes",
        respect="mostly",
        knew_code="no",
        comments=comments,
        respondent_label="x",
        submitted_at=when,
    )


def load(personas: dict[str, Any], case_other: VictimCase) -> None:
    for i, (when, moment, overall) in enumerate(RESPONSES):
        respond(another_case(personas["cara"]), when, moment, overall, "Private words" if i == 0 else "")
    # Another organisation's answer, in range: never in these figures.
    respond(case_other, local(2026, 1, 15, 12, 0), "outcome", "very_satisfied")
