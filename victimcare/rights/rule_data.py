"""The frozen shapes of the Victims' Code rule data (see rules/code_2020.yaml for the format)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

WORKING_DAYS = "working_days"
CALENDAR_MONTHS = "calendar_months"
BEFORE_EVENT = "before_event"
LIMIT_KINDS = (WORKING_DAYS, CALENDAR_MONTHS, BEFORE_EVENT)

# Rights with a number are the 2020 Code's Rights 1-12; the Victims' Right to Review schemes sit
# beside the Code and are reported as "review".
REVIEW = "review"


class RuleDataError(ValueError):
    """A rule file is malformed; the message names the file and the field."""


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule comes from: every rule carries one (STYLE.md, "rule data cites its source")."""

    title: str
    url: str
    section: str | None


@dataclass(frozen=True, slots=True)
class Limit:
    """A time limit: N working days or calendar months (standard / enhanced), or before an event."""

    kind: str
    standard: int | None = None
    enhanced: int | None = None
    event: str | None = None

    def amount(self, enhanced: bool) -> int | None:
        """The number of days or months that applies to this victim."""
        return self.enhanced if enhanced else self.standard


@dataclass(frozen=True, slots=True)
class LocalTarget:
    """A locally set target where the Code sets none; reported apart from the Code figure."""

    working_days: int
    note: str


@dataclass(frozen=True, slots=True)
class Condition:
    """A test of a trigger event's payload: any_of / all_of parts, or a field at_least / equals /
    not_equals."""

    op: str
    field: str = ""
    value: Any = None
    parts: tuple[Condition, ...] = ()

    def holds(self, payload: Mapping[str, Any]) -> bool:
        """True when the payload satisfies the condition. An absent field never satisfies
        at_least or equals, and always satisfies not_equals."""
        if self.op == "any_of":
            return any(part.holds(payload) for part in self.parts)
        if self.op == "all_of":
            return all(part.holds(payload) for part in self.parts)
        found = payload.get(self.field)
        if self.op == "at_least":
            return bool(_is_number(found) and found >= self.value)
        if self.op == "not_equals":
            return bool(found != self.value)
        return bool(type(found) is type(self.value) and found == self.value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class Fulfilment:
    """Which events fulfil a rule.

    about_trigger: only an event whose `about` names the trigger counts (victim_informed).
    from_case_start: an event before the trigger counts too (otherwise it must come at or after).
    """

    types: frozenset[str]
    about_trigger: bool = False
    from_case_start: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """One timed obligation of the Code (VICTIMS-CODE.md, "Timed obligations")."""

    id: str
    right: int | str
    provider: str
    title: str
    victim_text: str
    triggers: tuple[str, ...]
    trigger_condition: Condition | None
    fulfilment: Fulfilment
    limit: Limit | None
    local_target: LocalTarget | None
    not_applicable_after: frozenset[str]
    citation: Citation
    confidence: str


@dataclass(frozen=True, slots=True)
class EnhancedTest:
    """One ground for enhanced rights; it holds on a victim flag, a crime flag or an age."""

    reason: str
    victim_flag: str | None
    crime_flag: str | None
    under_age_at_offence: int | None
    citation: Citation
    confidence: str


@dataclass(frozen=True, slots=True)
class ReviewWindowRule:
    """How long a victim has to ask for a review of one kind of decision (VRR schemes).

    ask_within_months runs from when the victim is told; ask_promptly_working_days is the
    scheme's "ask promptly" window, or None where it sets none."""

    decision: str
    decided_by: str
    ask_within_months: int
    ask_promptly_working_days: int | None
    citation: Citation
    confidence: str
