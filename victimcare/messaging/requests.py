"""A victim's request from the portal in staff's words, and the clocks it started (read from
the stored entitlements the engine wrote for it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from victimcare.cases.events import EVENT_TYPES
from victimcare.cases.models import Event
from victimcare.rights.models import Entitlement, rule_for

_COMPLAINT_ABOUT = {
    "police": "the police",
    "cps": "the Crown Prosecution Service",
    "wcu": "the Witness Care Unit",
    "service": "the victim care service",
    "other": "another organisation",
}


def request_words(event: Event) -> str:
    """What the victim asked for, in staff's words, from the request's closed choices only
    (never the victim's own words): "asked for a review of a police decision"."""
    payload = event.payload or {}
    if event.type == "vps_requested":
        if payload.get("kind") == "update":
            return "asked to update their Victim Personal Statement"
        return "asked to make a Victim Personal Statement"
    if event.type == "vrr_requested":
        who = "CPS" if payload.get("decision_maker") == "cps" else "police"
        return f"asked for a review of a {who} decision"
    return f"made a complaint about {_COMPLAINT_ABOUT.get(payload.get('against', ''), 'an organisation')}"


@dataclass(frozen=True)
class Clock:
    title: str
    due: date | None
    no_date: str  # why there is no date, when there is none


def request_clocks(event: Event) -> list[Clock]:
    """Each obligation the request started (the stored entitlements it triggered), with its
    due date or, without one, what the rule says instead."""
    clocks = []
    for entitlement in Entitlement.objects.filter(trigger=event).order_by("due", "rule"):
        rule = rule_for(entitlement.code_version, entitlement.rule)
        no_date = ""
        if entitlement.due is None:
            limit = rule.limit if rule else None
            if limit is not None and limit.kind == "before_event" and limit.event in EVENT_TYPES:
                no_date = f"no date yet (due before: {EVENT_TYPES[limit.event].label})"
            else:
                no_date = "no time limit is set: it stays in the work queue until it is done"
        clocks.append(Clock(title=entitlement.title, due=entitlement.due, no_date=no_date))
    return clocks
