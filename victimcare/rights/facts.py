"""The plain facts the Victims' Code engine reads: the victim, the crime and the event timeline.

Callers build these from whatever they hold (model rows, the code_evaluate JSON, a benchmark
generator). They are frozen so an evaluation can never change its own input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

NO_PAYLOAD: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class EnhancedOverride:
    """A staff decision that the victim does (or does not) get enhanced rights, with the reason."""

    enhanced: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Victim:
    """Victim facts: date of birth if known, flags from vocabulary.VICTIM_FLAGS, any override."""

    date_of_birth: date | None = None
    flags: frozenset[str] = frozenset()
    enhanced_override: EnhancedOverride | None = None


@dataclass(frozen=True, slots=True)
class Crime:
    """Crime facts: the date of the offence and flags from vocabulary.CRIME_FLAGS."""

    occurred_on: date
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Event:
    """One timeline entry. `at` must be timezone-aware; its Europe/London date is what counts.

    about: the id of the event this one answers (for victim_informed, the event the victim was
    told of). corrects: the id of an earlier event this one replaces.
    """

    id: str
    type: str
    at: datetime
    about: str | None = None
    corrects: str | None = None
    payload: Mapping[str, Any] = field(default_factory=lambda: NO_PAYLOAD)
