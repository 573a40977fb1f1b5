"""What the Victims' Code engine returns: plain, immutable data ready to store or print.

Obligation and LocalTargetResult are NamedTuples rather than frozen dataclasses because the
engine makes several per case and must evaluate 20,000 cases a second on one core; a NamedTuple
is built several times faster and is just as immutable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


class LocalTargetResult(NamedTuple):
    """A local target judged on its own clock, apart from the Code's statutory figure."""

    working_days: int
    due: date
    status: str


class Obligation(NamedTuple):
    """One timed obligation owed to the victim (an Entitlement row is a cache of this).

    due is a Europe/London date, or None where the rule has no date clock. status is one of
    pending, overdue, met, late, not_applicable, done, not_done (VICTIMS-CODE.md, "Statuses").
    local_target is set only for rules with no Code limit and a local target (e.g. Right 3).
    """

    rule: str
    right: int | str
    provider: str
    trigger: str
    due: date | None
    status: str
    fulfilled_by: str | None
    code_version: str
    local_target: LocalTargetResult | None = None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The engine's answer for one case."""

    code_version: str
    enhanced: bool
    enhanced_reasons: tuple[str, ...]
    override_reason: str | None
    obligations: tuple[Obligation, ...]
