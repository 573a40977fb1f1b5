"""Which services suit a victim, and why: pure functions over plain data (no ORM).

A service is suggested only if the victim is eligible (age, sex, crime type or flags), the
service covers the victim's area, and it reaches them (a victim who cannot travel needs outreach,
phone or online). Ranking: how much of the victim's assessed need it meets (high counts 3,
medium 2, low 1), then fewer things to check, then the shorter wait, then the name.
What is not known about the victim (age, sex, area) never hides a service: it adds a "Check"
note instead, so missing data does not silently narrow the support offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from victimcare.support.models import NEED_SHORT, NEED_WEIGHT, REACHES_ISOLATED, NeedArea


@dataclass(frozen=True)
class Victim:
    """What matching needs to know about one victim's case."""

    age: int | None
    sex: str  # "female", "male", or "" when not recorded or not said
    crime_type: str
    crime_flags: frozenset[str]
    area: str  # local authority, "" if not known
    needs: Mapping[str, str]  # {area: level} from the latest completed assessment; {} if none
    hard_to_travel: bool = False


@dataclass(frozen=True)
class ServiceFacts:
    id: int
    name: str
    needs_met: Sequence[str]
    crime_types: Sequence[str]
    crime_flags: Sequence[str]
    min_age: int | None
    max_age: int | None
    sex: str
    areas: Sequence[str]
    covers_everywhere: bool
    reach: Sequence[str]
    waiting_weeks: int
    active: bool = True


@dataclass(frozen=True)
class Suggestion:
    service_id: int
    score: int
    meets: tuple[str, ...]  # need areas met, highest need first
    checks: tuple[str, ...] = ()  # what staff must check (unknown age, sex, area)
    reasons: str = ""
    sort_key: tuple[Any, ...] = field(default=(), compare=False)


SEX_WORDS = {"female": "women and girls", "male": "men and boys"}


def eligible(victim: Victim, s: ServiceFacts) -> tuple[bool, list[str]]:
    """(eligible, checks). Ineligible when a known fact rules the victim out."""
    checks: list[str] = []
    crime_limited = bool(s.crime_types or s.crime_flags)
    if (
        crime_limited
        and victim.crime_type not in s.crime_types
        and not victim.crime_flags & set(s.crime_flags)
    ):
        return False, []
    if s.min_age is not None or s.max_age is not None:
        if victim.age is None:
            checks.append(f"Check their age: ages {_age_words(s)}")
        elif (s.min_age is not None and victim.age < s.min_age) or (
            s.max_age is not None and victim.age > s.max_age
        ):
            return False, []
    if s.sex:
        if not victim.sex:
            checks.append(f"Check: for {SEX_WORDS.get(s.sex, s.sex)} only")
        elif victim.sex != s.sex:
            return False, []
    if not s.covers_everywhere:
        if not victim.area:
            checks.append(f"Check where they live: covers {', '.join(s.areas) or 'no areas'}")
        elif victim.area not in s.areas:
            return False, []
    if victim.hard_to_travel and not REACHES_ISOLATED & set(s.reach):
        return False, []
    return True, checks


def _age_words(s: ServiceFacts) -> str:
    if s.min_age is not None and s.max_age is not None:
        return f"{s.min_age} to {s.max_age}"
    if s.min_age is not None:
        return f"{s.min_age} and over"
    return f"up to {s.max_age}"


def suggest(victim: Victim, services: Iterable[ServiceFacts]) -> list[Suggestion]:
    """The services to suggest, best first, each with its reasons in words."""
    order = [a.value for a in NeedArea]
    assessed = {area: NEED_WEIGHT.get(level, 0) for area, level in victim.needs.items()}  # type: ignore[call-overload]
    out = []
    for s in services:
        if not s.active:
            continue
        ok, checks = eligible(victim, s)
        if not ok:
            continue
        met = [a for a in s.needs_met if assessed.get(a, 0) > 0]
        if victim.needs and not met:
            continue  # assessed, and it meets none of the needs found
        met.sort(key=lambda a: (-assessed[a], order.index(a) if a in order else 99))
        score = sum(assessed[a] for a in met)
        out.append(
            Suggestion(
                service_id=s.id,
                score=score,
                meets=tuple(met),
                checks=tuple(checks),
                reasons=_reasons(victim, s, met),
                sort_key=(-score, len(checks), s.waiting_weeks, s.name.lower(), s.id),
            )
        )
    out.sort(key=lambda g: g.sort_key)
    return out


def _reasons(victim: Victim, s: ServiceFacts, met: list[str]) -> str:
    parts = []
    if met:
        parts.append("Meets: " + ", ".join(NEED_SHORT.get(a, a) for a in met) + ".")  # type: ignore[call-overload]
    if s.covers_everywhere:
        parts.append("Covers everywhere.")
    elif victim.area:
        parts.append(f"Covers {victim.area}.")
    if victim.hard_to_travel:
        parts.append("Reaches people who cannot travel.")
    if s.waiting_weeks == 0:
        parts.append("No wait.")
    else:
        parts.append(f"Waiting {s.waiting_weeks} week{'s' if s.waiting_weeks != 1 else ''}.")
    return " ".join(parts)
