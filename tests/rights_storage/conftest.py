"""Helpers for the stored-entitlement tests (personas and cases come from tests/conftest.py)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from victimcare.cases.models import VictimCase
from victimcare.rights.engine import evaluate
from victimcare.rights.models import Entitlement
from victimcare.rights.outcomes import Evaluation
from victimcare.rights.services import load_case_facts, stored_calendar


def stored(case: VictimCase) -> dict[str, Entitlement]:
    """The case's stored entitlements by rule id (tests use cases with one trigger per rule)."""
    return {e.rule: e for e in Entitlement.objects.filter(case=case)}


def engine_answer(case: VictimCase, as_of: datetime | None = None) -> Evaluation:
    """What the pure engine says about the case now, from the same inputs."""
    (facts,) = load_case_facts([case.id])
    return evaluate(facts.victim, facts.crime, facts.events, as_of or timezone.now(), stored_calendar())


def as_rows(case: VictimCase) -> list[tuple[object, ...]]:
    """Stored rows in the engine's shape, in the engine's order (trigger order, then rule)."""
    rows = Entitlement.objects.filter(case=case).order_by("trigger__occurred_at", "trigger_id", "rule")
    return [
        (e.rule, e.right, e.provider, str(e.trigger_id), e.due, e.status,
         None if e.fulfilled_by_id is None else str(e.fulfilled_by_id), e.code_version)
        for e in rows
    ]  # fmt: skip


def engine_rows(case: VictimCase) -> list[tuple[object, ...]]:
    return [
        (o.rule, str(o.right), o.provider, o.trigger, o.due, o.status, o.fulfilled_by, o.code_version)
        for o in engine_answer(case).obligations
    ]
