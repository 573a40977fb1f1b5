"""Synthetic case timelines: the events of one victim's case, consistent with the crime's outcome.

A timeline is planned in full (report, acknowledgement, support, investigation, decision or
court, sentence, closure), then cut at the anchor: what would happen after it has not happened
yet, so recent cases are naturally at earlier stages. Victims are told of the informable events
mostly on time, sometimes late, sometimes not at all, so compliance figures have something to
find. Every payload is one that victimcare.cases.events.clean_payload accepts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from victimcare.cases.events import EVENT_TYPES, INFORMABLE, Stage
from victimcare.cases.synthetic.clock import add_working_days, office_after, office_time
from victimcare.cases.synthetic.crimes import CrimeDraw
from victimcare.cases.synthetic.mapping import SEXUAL_CODES, Route, route_for

POLICE = "police"
COURT = "court"  # the Witness Care Unit passes on court events
CARE = "care"  # the victim care service (the OPCC's caseworkers)
_INFORMABLE = frozenset(INFORMABLE)
_SERIOUS = SEXUAL_CODES | {"2", "5D", "36", "3B", "34B", "56A", "8N"}
COURTS = ("Newton Aycliffe Magistrates' Court", "Teesside Magistrates' Court")
CROWN_COURTS = ("Durham Crown Court", "Teesside Crown Court")


@dataclass
class PlannedEvent:
    type: str
    at: datetime
    by: str  # POLICE, COURT or CARE: who records it
    payload: dict[str, Any] = field(default_factory=dict)
    about: PlannedEvent | None = None


@dataclass
class Plan:
    events: list[PlannedEvent]

    @property
    def outcome(self) -> PlannedEvent | None:
        """The crime's outcome as at the anchor: its latest `outcome_recorded` event (None: no
        outcome yet), which is what cases.reactions.crime_outcome_refresh keeps on the crime."""
        return max((e for e in self.events if e.type == "outcome_recorded"), key=lambda e: e.at, default=None)

    @property
    def outcome_type(self) -> int | None:
        return int(self.outcome.payload["outcome_type"]) if self.outcome else None

    @property
    def outcome_at(self) -> datetime | None:
        return self.outcome.at if self.outcome else None

    @property
    def stage(self) -> int:
        stages = [EVENT_TYPES[e.type].stage for e in self.events]
        return max([Stage.REPORTED, *(s for s in stages if s is not None)])

    @property
    def last_event_at(self) -> datetime | None:
        return max((e.at for e in self.events), default=None)


@dataclass(frozen=True)
class Contact:
    """What the timeline needs to know about the victim's contact agreement."""

    channels: tuple[str, ...]  # event channel codes the victim accepts
    frequency: str
    opened_at: datetime
    informed_late_share: float  # differs by case, so some caseworkers' figures are worse


class Builder:
    def __init__(self, rng: random.Random, crime: CrimeDraw, contact: Contact) -> None:
        self.rng, self.crime, self.contact = rng, crime, contact
        self.events: list[PlannedEvent] = []
        self.decided_at: datetime | None = None

    def add(self, type: str, at: datetime, by: str, payload: dict[str, Any] | None = None,
            about: PlannedEvent | None = None) -> PlannedEvent:  # fmt: skip
        event = PlannedEvent(type, at, by, payload or {}, about)
        self.events.append(event)
        return event

    def channel(self) -> str:
        return self.rng.choice(self.contact.channels) if self.contact.channels else "phone"

    def after(self, start: datetime, low: int, high: int) -> datetime:
        return office_after(self.rng, start, self.rng.randint(low, high))


def plan_timeline(rng: random.Random, crime: CrimeDraw, contact: Contact, anchor: datetime) -> Plan:
    """All the case's events before `anchor` (the crime's outcome among them, once decided)."""
    b = Builder(rng, crime, contact)
    b.add("crime_reported", crime.reported_at, POLICE)
    _acknowledge(b)
    _record_and_inform(b)
    _support(b)
    end = _investigate(b, route_for(crime.outcome_type, crime.category))
    if b.decided_at is not None:  # the police record the crime's outcome once it is decided
        outcome_at = b.decided_at + timedelta(minutes=b.rng.randint(20, 240))
        b.add("outcome_recorded", outcome_at, POLICE, {"outcome_type": crime.outcome_type})
    _keep_in_touch(b, end)
    _complaints_and_reviews(b)
    if end is not None:
        _close(b, end)
    opted_out = _maybe_opt_out(b)
    _inform(b, opted_out)
    return Plan(sorted((e for e in b.events if e.at < anchor), key=lambda e: e.at))


def _acknowledge(b: Builder) -> None:
    r = b.rng.random()
    if r < 0.02:
        return  # never sent: the compliance figures should find it
    days = b.rng.randint(1, 5) if r < 0.93 else b.rng.randint(6, 12)
    when = office_time(b.rng, add_working_days(b.crime.reported_at, days))
    b.add("written_acknowledgement_sent", when, POLICE, {"channel": b.rng.choice(("email", "letter", "sms"))})


def _record_and_inform(b: Builder) -> None:
    """Rights 2 and 5 (docs/adr/0059): the crime recorded, mostly within the Counting Rules'
    24 hours, and information about compensation, mostly given at the report. A generator of its
    own, seeded from the report, so every other draw (and so every seed's data) stays the same."""
    rng = random.Random(int(b.crime.reported_at.timestamp()))  # noqa: S311 - invented data, not a secret
    start = b.crime.reported_at
    if rng.random() < 0.97:
        hours = rng.randint(1, 20) if rng.random() < 0.9 else rng.randint(30, 120)
        b.add("crime_recorded", start + timedelta(hours=hours), POLICE)
    r = rng.random()
    if r < 0.75:
        b.add("compensation_information_given", start + timedelta(minutes=rng.randint(5, 60)), POLICE,
              {"channel": rng.choice(("phone", "in_person", "letter"))})  # fmt: skip
    elif r < 0.9:
        when = office_time(rng, add_working_days(start, rng.randint(1, 10)))
        b.add("compensation_information_given", when, POLICE, {"channel": "letter"})


def _support(b: Builder) -> None:
    start = b.contact.opened_at
    r = b.rng.random()
    if r < 0.62:
        when = office_time(b.rng, add_working_days(start, b.rng.randint(1, 7)), not_before=start)
        if b.rng.random() < 0.7:
            b.add("needs_assessment_completed", when, CARE)
        b.add("referred_to_support", when + timedelta(minutes=20), CARE, {"service": _service(b.crime)})
    elif r < 0.87:
        when = office_time(b.rng, add_working_days(start, b.rng.randint(1, 5)), not_before=start)
        b.add("referral_declined_by_victim", when, CARE)


def _service(crime: CrimeDraw) -> str:
    if "sexual_offence" in crime.flags:
        return "Independent Sexual Violence Adviser (ISVA) service"
    if "domestic_abuse" in crime.flags:
        return "Harbour Support Services (domestic abuse)"
    if "hate_crime" in crime.flags:
        return "Hate crime advocacy service"
    return "Victim Care and Advice Service (VCAS)"


def _investigate(b: Builder, route: Route) -> datetime | None:
    """Police work up to the decision; returns when the police side ended (None: still going)."""
    if b.crime.outcome_type == 0:
        _suspect_dealt_with(b)
        return None
    if not route.suspect:
        return _no_suspect(b)
    interviewed = _suspect_dealt_with(b)
    if route.charged:
        return _court(b, b.after(interviewed, 14, 150), route)
    return _decide(b, b.after(interviewed, 7, 120))


def _no_suspect(b: Builder) -> datetime:
    outcome, start = b.crime.outcome_type, b.crime.reported_at
    if outcome == 18 and b.rng.random() < 0.35:
        when = office_time(b.rng, add_working_days(start, b.rng.randint(0, 3)), not_before=start)
        b.add("decision_not_to_investigate", when, POLICE)
    else:
        when = b.after(start, 7, 75)
        summary = {
            18: "Officer explained the investigation is complete and no suspect was identified.",
            14: "Victim told the officer they do not want further police action.",
            20: "Officer explained another organisation is now investigating.",
        }[outcome]
        b.add("contact_made", when, POLICE, {"channel": b.channel(), "summary": summary})
    b.decided_at = when
    return when


def _suspect_dealt_with(b: Builder) -> datetime:
    """Arrest or voluntary interview, then bail or release under investigation."""
    start = b.crime.reported_at
    if b.rng.random() < 0.65:
        arrested = start + timedelta(hours=b.rng.randint(1, 24 * b.rng.choice((1, 1, 3, 10))))
        b.add("suspect_arrested", arrested, POLICE)
        interviewed = arrested + timedelta(hours=b.rng.randint(2, 20))
        b.add("suspect_interviewed_under_caution", interviewed, POLICE)
        _bail_or_rui(b, interviewed)
        return interviewed
    interviewed = b.after(start, 5, 40)
    b.add("suspect_interviewed_under_caution", interviewed, POLICE)
    return interviewed


def _bail_or_rui(b: Builder, interviewed: datetime) -> None:
    released = interviewed + timedelta(minutes=b.rng.randint(30, 240))
    if b.rng.random() >= 0.35:
        b.add("suspect_released_under_investigation", released, POLICE)
        return
    bail_until = (released + timedelta(days=b.rng.randint(28, 90))).date()
    conditions = "Not to contact the victim directly or indirectly"
    if "domestic_abuse" in b.crime.flags:
        conditions += "; not to go to the victim's address"
    b.add("suspect_bailed", released, POLICE, {"bail_until": bail_until, "conditions": conditions})
    if b.rng.random() < 0.08:
        changed = b.after(released, 7, 28)
        b.add("bail_conditions_changed", changed, POLICE, {"conditions": "Curfew 19:00 to 07:00 added"})


_DISPOSALS = {
    8: ("Community resolution",),
    3: ("Simple caution", "Simple caution", "Simple caution", "Conditional caution"),
    2: ("Youth caution", "Youth conditional caution"),
    6: ("Penalty notice for disorder",),
    22: ("Referral to a diversionary course; no further action",),
}


def _decide(b: Builder, when: datetime) -> datetime:
    outcome = b.crime.outcome_type
    b.decided_at = when
    if outcome in _DISPOSALS:
        b.add("out_of_court_disposal", when, POLICE, {"disposal": b.rng.choice(_DISPOSALS[outcome])})
    elif outcome == 9 or (outcome == 15 and b.rng.random() < 0.3):
        b.add("cps_decision_not_to_charge", when, POLICE)
    else:
        if outcome == 16:
            summary = "Victim told the officer they do not support a prosecution."
            b.add(
                "contact_made", when - timedelta(days=2), POLICE, {"channel": b.channel(), "summary": summary}
            )
        b.add("suspect_released_no_further_action", when, POLICE)
    return when


def _court(b: Builder, charged: datetime, route: Route) -> datetime | None:
    b.add("suspect_charged", charged, POLICE)
    b.decided_at = charged
    first = _listing(b, charged, 7, 28, crown=False)
    if b.rng.random() < 0.25:
        b.add("bail_hearing_outcome_received", first, COURT)
    if b.rng.random() < 0.06:
        b.add("cps_charges_dropped_or_altered", b.after(charged, 3, 20), POLICE)
    if b.crime.category == "Suspect charged as part of another case":
        return None  # the court case is another crime's: this one's outcome never arrives here
    if b.rng.random() < 0.55:
        result_at, result = first, "Guilty plea"
    else:
        result_at, result = _trial(b, first)
    if not route.court_result:
        return None  # awaiting the court outcome
    b.add("case_outcome_received", result_at, COURT, {"outcome": result})
    if result in ("Not guilty", "Prosecution offered no evidence"):
        return result_at
    return _sentence(b, result_at)


def _listing(b: Builder, listed: datetime, low: int, high: int, *, crown: bool) -> datetime:
    """Record a hearing listed the day after `listed`; returns the hearing's start time."""
    hearing = office_after(b.rng, listed, b.rng.randint(low, high)).replace(hour=10, minute=0)
    court = b.rng.choice(CROWN_COURTS if crown else COURTS)
    b.add("hearing_listed", b.after(listed, 0, 2), COURT, {"hearing_date": hearing.date(), "court": court})
    return hearing


def _trial(b: Builder, first: datetime) -> tuple[datetime, str]:
    crown = b.crime.offence in _SERIOUS and b.rng.random() < 0.7
    trial = _listing(b, first, 42, 180, crown=crown)
    b.add("witness_required", b.after(first, 1, 10), COURT)
    b.add("vps_offered", b.after(first, 5, 20), CARE)
    if b.rng.random() < 0.5:
        b.add("vps_made", b.after(first, 21, 40), CARE)
    if b.rng.random() < 0.03:
        b.add("warrant_outcome_received", b.after(first, 1, 30), COURT)
    result = b.rng.choices(
        (
            "Found guilty after trial",
            "Not guilty",
            "Guilty plea on the day of trial",
            "Prosecution offered no evidence",
        ),
        weights=(45, 30, 15, 10),
    )[0]
    if b.rng.random() < 0.3:
        claim = b.add("expenses_claim_received", b.after(trial, 1, 14), COURT)
        if b.rng.random() < 0.9:
            b.add("expenses_paid", b.after(claim.at, 5, 30), COURT, about=claim)
    return trial + timedelta(hours=b.rng.randint(2, 7)), result


def _sentence(b: Builder, convicted: datetime) -> datetime:
    later = b.rng.random() < 0.6  # adjourned for a pre-sentence report
    when = b.after(convicted, 21, 42) if later else convicted + timedelta(minutes=30)
    custodial = b.rng.random() < (0.45 if b.crime.offence in _SERIOUS else 0.15)
    months = b.rng.choice((4, 6, 8, 12, 18, 24, 36, 48, 72)) if custodial else 0
    specified = b.crime.offence in _SERIOUS and custodial
    b.add("sentence_received", when, COURT, {"summary": _sentence_summary(b.rng, months)})
    b.add("offender_sentenced", when + timedelta(minutes=5), COURT,
          {"custodial_months": months, "specified_violent_or_sexual": specified,
           "hospital_order": b.rng.random() < 0.005})  # fmt: skip
    if specified and months >= 12:
        vcs = b.add("vcs_referral_made", b.after(when, 1, 20), CARE)
        if b.rng.random() < 0.6:
            b.add("vlo_contact_made", b.after(vcs.at, 10, 40), CARE)
    return when


def _sentence_summary(rng: random.Random, months: int) -> str:
    if months:
        return f"{months} months' imprisonment"
    return rng.choice(_NON_CUSTODIAL)


_NON_CUSTODIAL = (
    "Community order with 120 hours' unpaid work",
    "Community order with a rehabilitation activity requirement",
    "Fine of £300 and compensation of £150",
    "Conditional discharge for 12 months",
    "Suspended sentence of 6 months, suspended for 18 months",
    "Restraining order for 2 years",
)


def _keep_in_touch(b: Builder, end: datetime | None) -> None:
    """Regular updates as agreed; capped, as real logs thin out on long cases."""
    gap = {"weekly": 7, "fortnightly": 14, "monthly": 30}.get(b.contact.frequency)
    if gap is None:
        return
    when, stop = b.contact.opened_at, end or b.contact.opened_at + timedelta(days=120)
    for _ in range(6):
        when = b.after(when, gap - 2, gap + 4)
        if when >= stop:
            return
        b.add(
            "contact_made",
            when,
            CARE,
            {"channel": b.channel(), "summary": "Update on the investigation given."},
        )


def _complaints_and_reviews(b: Builder) -> None:
    if b.rng.random() < 0.015:
        complaint = b.add("complaint_received", b.after(b.crime.reported_at, 10, 90), CARE,
                          {"against": b.rng.choice(("police", "police", "cps", "service")),
                           "summary": "Unhappy about how long updates took."})  # fmt: skip
        b.add("complaint_acknowledged", b.after(complaint.at, 1, 6), CARE, about=complaint)
        # The full reply and any escalation, from a generator of their own (see _record_and_inform).
        side = random.Random(int(complaint.at.timestamp()))  # noqa: S311 - invented data, not a secret
        if side.random() < 0.8:
            outcome = side.choice(("upheld", "partly_upheld", "not_upheld", "not_upheld"))
            b.add("complaint_responded", office_after(side, complaint.at, side.randint(5, 30)), CARE,
                  {"outcome": outcome, "told_how_to_escalate": side.random() < 0.85}, about=complaint)  # fmt: skip
            if outcome != "upheld" and side.random() < 0.2:
                route = side.choice(("own_process", "own_process", "ombudsman", "victims_commissioner"))
                when = office_after(side, complaint.at, side.randint(35, 80))
                b.add("complaint_escalated", when, CARE, {"route": route}, about=complaint)
    reviewable = ("suspect_released_no_further_action", "cps_decision_not_to_charge")
    decisions = [e for e in b.events if e.type in reviewable]
    if decisions and b.rng.random() < 0.04:
        maker = "cps" if decisions[0].type.startswith("cps") else "police"
        request = b.add("vrr_requested", b.after(decisions[0].at, 3, 60), CARE, {"decision_maker": maker})
        b.add("vrr_acknowledged", b.after(request.at, 1, 10), CARE, about=request)
        result = "upheld" if b.rng.random() < 0.85 else "overturned"
        b.add("vrr_decided", b.after(request.at, 30, 120), CARE, {"result": result}, about=request)


_CLOSE_REASONS = (
    "Support complete",
    "Victim no longer wants contact",
    "Outcome given; no further support needed",
    "Could not make contact after three attempts",
)


def _close(b: Builder, end: datetime) -> None:
    if b.rng.random() < 0.85:
        latest = max(e.at for e in b.events)
        b.add(
            "case_closed", b.after(max(end, latest), 14, 90), CARE, {"reason": b.rng.choice(_CLOSE_REASONS)}
        )


def _maybe_opt_out(b: Builder) -> datetime | None:
    if b.rng.random() >= 0.03:
        return None
    when = b.after(b.contact.opened_at, 3, 60)
    b.add("victim_opted_out_of_updates", when, CARE)
    return when


def _inform(b: Builder, opted_out: datetime | None) -> None:
    """victim_informed about each informable event: mostly within 1-5 working days, some late, some never."""
    for event in [e for e in b.events if e.type in _INFORMABLE]:
        r = b.rng.random()
        if r < 0.08:
            continue
        days = b.rng.randint(0, 1) if r < 0.62 else b.rng.randint(2, 5)
        if r >= 1.0 - b.contact.informed_late_share:
            days = b.rng.randint(6, 20)
        when = office_time(b.rng, add_working_days(event.at, days), not_before=event.at)
        if opted_out is not None and when > opted_out:
            continue
        by = CARE if b.rng.random() < 0.3 else event.by
        b.add("victim_informed", when, by, {"channel": b.channel()}, about=event)
