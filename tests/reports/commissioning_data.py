"""Seeded records for the commissioning evidence tests, each figure worked out by hand.

Fifteen victims on team South, their cases opened Monday 1 June 2026 at 09:00, each referred the
next hour to one of two external services (staff record every step):

- Alpha Support (capacity 2 a month, meets health and safety): cases 0-11. Accepted on the
  Wednesday (2 working days): cases 0-9; declined: 10-11. First contact the next Monday
  (5 working days): 0-7. Engaged: 0-5.
- Beta Advice (no capacity given, meets housing): cases 12-14. Case 12 accepted, contacted and
  engaged; 13 and 14 waiting.
- Every accepted referral (0-9, 12) closed on 20 June (CLOSES): needs met 0-3 and 12, partly met
  4-5, not met 6, the victim stopped taking part 7-8 (could not reach them; another reason), and
  9 closed with words only, through the API (no outcome recorded).

Cases 0-9 are victims born in 2010 (under 18); the rest were born in 1987. Cases 0-7 are in
County Durham, 8-14 in Darlington. Cases 0-11: a needs assessment with health (medium) and
housing (low) needs, a domestic abuse flag; a high-risk Dash on 0-5, a MARAC referral on 0-1.
Declines of support on cases 0-11 (6 not needed, 3 has support, 2 other, 1 with no reason).
Restorative justice offered on 0-9 (2 June): 0-6 accept, 7-8 decline, 9 waiting; 0-4 assessed
suitable; 0-2 a conference; 0-1 an outcome agreement; 0 followed up; 5 withdrew.
Protective orders on 0-9: four DAPOs in June, three non-molestation orders in July, three
restraining orders in August.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tests.factories import agree_safe_contact, local, make_case, make_person
from tests.safeguarding.conftest import make_answers
from victimcare.cases.models import Crime, VictimCase
from victimcare.cases.services import victim_care_organisation
from victimcare.justice import workflow
from victimcare.justice.services import StepInput, rj_offer, rj_step_record
from victimcare.safeguarding.services import (
    AssessmentInput,
    OrderInput,
    marac_referral_make,
    protective_order_record,
    risk_assessment_complete,
)
from victimcare.support.services import (
    NeedsInput,
    needs_assessment_save,
    referral_consent_record,
    referral_create,
    referral_send,
    referral_step,
    service_create,
    support_decline_by_victim,
)

OPENED = local(2026, 6, 1, 9)
SENT = local(2026, 6, 1, 10)
ACCEPTED = local(2026, 6, 3, 10)
CONTACTED = local(2026, 6, 8, 10)
ENGAGED = local(2026, 6, 9, 10)
YEAR = "start_day=1&start_month=1&start_year=2026&end_day=31&end_month=12&end_year=2026"
DECLINES = ["not_needed"] * 6 + ["has_support"] * 3 + ["other"] * 2 + [""]


def _service(actor: Any, name: str, capacity: int | None, needs: list[str]) -> Any:
    data = {"name": name, "description": f"{name} helps victims", "needs_met": needs, "capacity": capacity,
            "covers_everywhere": True, "reach": ["phone"], "how_to_refer": ["email"]}  # fmt: skip
    return service_create(actor=actor, directory=victim_care_organisation(actor), data=data)


def _referral(actor: Any, case: VictimCase, service: Any) -> Any:
    agree_safe_contact(actor, case.person)
    r = referral_create(actor=actor, case=case, service=service)
    r = referral_consent_record(actor=actor, referral=r, by="victim", method="phone",
                                at=local(2026, 6, 1, 9, 30), items=["name", "safe_contact"])  # fmt: skip
    return referral_send(actor=actor, referral=r, occurred_at=SENT)


def _step(actor: Any, referral: Any, action: str, at: datetime, **kw: Any) -> Any:
    return referral_step(actor=actor, referral=referral, action=action, occurred_at=at, **kw)


RJ_PATH = [
    workflow.ACCEPTED,
    workflow.ASSESSED,
    workflow.OFFENDER_CONSENTED,
    workflow.PREPARED,
    workflow.CONFERENCE_HELD,
    workflow.OUTCOME_AGREED,
    workflow.FOLLOWED_UP,
]


def _rj(actor: Any, case: VictimCase, i: int) -> None:
    record = rj_offer(actor=actor, case=case, occurred_on=date(2026, 6, 2))
    if i in (7, 8):
        steps = [workflow.DECLINED]
    elif i == 9:
        steps = []
    elif i == 5:
        steps = [workflow.ACCEPTED, workflow.WITHDRAWN_BY_VICTIM]
    else:
        reach = {0: 7, 1: 6, 2: 5, 3: 2, 4: 2, 6: 1}[i]
        steps = RJ_PATH[:reach]
    for n, step in enumerate(steps):
        data = StepInput(step, date(2026, 6, 3 + n), suitable=True if step == workflow.ASSESSED else None,
                         offender_consents=True, offender_admits_responsibility=True)  # fmt: skip
        record = rj_step_record(actor=actor, record=record, data=data)


# Case number -> how its referral is closed on 20 June.
CLOSES: dict[int, dict[str, Any]] = {
    **{i: {"outcome_code": "needs_met"} for i in (0, 1, 2, 3, 12)},
    4: {"outcome_code": "partly_met"},
    5: {"outcome_code": "partly_met", "outcome": "Housing still to sort"},
    6: {"outcome_code": "not_met"},
    7: {"outcome_code": "disengaged", "disengaged_reason": "could_not_contact"},
    8: {"outcome_code": "disengaged", "disengaged_reason": "other", "outcome": "Went abroad"},
    9: {"outcome": "Support completed", "source": "api"},  # words only: no outcome recorded
}
CLOSED = local(2026, 6, 20, 10)


def load_commissioning(personas: dict[str, Any]) -> list[VictimCase]:
    cole = personas["cole"]
    alpha = _service(cole, "Alpha Support", 2, ["health", "safety"])
    beta = _service(cole, "Beta Advice", None, ["housing"])
    cases = []
    for i in range(15):
        born = date(2010, 1, 1) if i < 10 else date(1987, 2, 14)
        person = make_person(cole, first_name=f"K{i}", last_name="Commission", date_of_birth=born)
        case = make_case(cole, person=person, team="Victim care South", reference=f"DU/6{i:04d}/26")
        VictimCase.objects.filter(id=case.id).update(opened_at=OPENED)
        area = "County Durham 001A" if i < 8 else "Darlington 002B"
        Crime.objects.filter(id=case.crime_id).update(lsoa_name=area, domestic_abuse=i < 12)
        case.refresh_from_db()
        cases.append(case)
        referral = _referral(cole, case, alpha if i < 12 else beta)
        if i in (10, 11):
            _step(cole, referral, "decline", ACCEPTED, reason="No space this month")
        elif i in (13, 14):
            pass
        else:
            referral = _step(cole, referral, "accept", ACCEPTED)
            if i < 8 or i == 12:
                referral = _step(cole, referral, "first_contact", CONTACTED, channel="phone")
            if i < 6 or i == 12:
                referral = _step(cole, referral, "engage", ENGAGED)
            _step(cole, referral, "close", CLOSED, **CLOSES[i])
        if i < 12:
            levels = {a: "none" for a in ("health", "safety", "practical", "housing", "family", "justice",
                                          "communication")}  # fmt: skip
            levels.update(health="medium", housing="low")
            needs_assessment_save(actor=cole, case=case, complete=True,
                                  data=NeedsInput(levels=levels, notes={}, prompts={}))  # fmt: skip
            reason = DECLINES[i]
            support_decline_by_victim(actor=cole, case=case, occurred_at=local(2026, 6, 2, 9), reason=reason,
                                      reason_other="Moving away" if reason == "other" else "")  # fmt: skip
        if i < 6:
            risk_assessment_complete(actor=cole, case=case, data=AssessmentInput(answers=make_answers(14)))
        if i < 2:
            marac_referral_make(actor=cole, case=case)
        if i < 10:
            _rj(cole, case, i)
            kind, month = ("dapo", 6) if i < 4 else ("nmo", 7) if i < 7 else ("restraining", 8)
            protective_order_record(actor=cole, case=case, data=OrderInput(
                order_type=kind, conditions="No contact", court="Durham", starts_on=date(2026, month, 10)))  # fmt: skip
    return cases
