"""The rules page: every rule of every version of the Code, in words, with its source.

For policy officers and staff who must trust the figures: what each obligation is, who owes
it, what starts and ends its clock, its limit, and where it comes from. Read-only; the rule
files in rights/rules/ are the source, so this page can never disagree with the engine."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render

from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.cases.events import EVENT_TYPES
from victimcare.rights.loader import default_rule_sets
from victimcare.rights.models import PROVIDER_LABELS, RIGHT_NAMES
from victimcare.rights.rule_data import BEFORE_EVENT, CALENDAR_MONTHS, Rule

CONFIDENCE = {"H": "High", "M": "Medium", "L": "Low"}


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    right: str
    provider: str
    starts: str
    ends: str
    limit: str
    not_applicable: str
    confidence: str


def describe(rule: Rule) -> RuleRow:
    return RuleRow(
        rule=rule,
        right=_right(rule.right),
        provider=PROVIDER_LABELS.get(rule.provider, rule.provider.capitalize()),
        starts=_events(rule.triggers),
        ends=_events(sorted(rule.fulfilment.types))
        + (
            " (telling the victim about the event that started the clock)"
            if rule.fulfilment.about_trigger
            else ""
        ),
        limit=_limit(rule),
        not_applicable=_events(sorted(rule.not_applicable_after)) or "Never",
        confidence=CONFIDENCE.get(rule.confidence, rule.confidence),
    )


def _right(right: int | str) -> str:
    name = RIGHT_NAMES.get(str(right), "")
    return name if right == "review" else f"Right {right}: {name}"


def _events(types: tuple[str, ...] | list[str]) -> str:
    return ", ".join(EVENT_TYPES[t].label if t in EVENT_TYPES else t for t in types)


def _limit(rule: Rule) -> str:
    limit = rule.limit
    if limit is None:
        target = ""
        if rule.local_target is not None:
            days = rule.local_target.working_days
            target = f"; local target {days} working day{'' if days == 1 else 's'}"
        return f"No time limit in the Code{target}"
    if limit.kind == BEFORE_EVENT:
        return f"Before: {_events([limit.event or ''])}"
    unit = "calendar months" if limit.kind == CALENDAR_MONTHS else "working days"
    if limit.standard == limit.enhanced:
        return f"{limit.standard} {unit}"
    return f"{limit.standard} {unit} (enhanced rights: {limit.enhanced})"


@staff_required
def rules(request: StaffRequest) -> HttpResponse:
    versions = [
        (rule_set, [describe(rule) for rule in rule_set.rules]) for rule_set in default_rule_sets().versions
    ]
    return render(request, "rights/rules.html", {"versions": versions})
