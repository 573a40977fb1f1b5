"""Who is entitled to enhanced rights under the Victims' Code (VICTIMS-CODE.md, "Enhanced rights").

The grounds live in the rule file (enhanced_rights:), in the order the contract reports them:
most serious crime, persistently targeted, vulnerable, intimidated. Every ground that holds is
reported, even where one would be enough, so staff and the returns can see all of them. A staff
override decides the result either way and is reported last, as "override".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from victimcare.rights.facts import Crime, Victim
from victimcare.rights.rule_data import EnhancedTest

OVERRIDE = "override"

_Hit = tuple[int, str]  # (position in the rule file's list, reason)


@dataclass(frozen=True, slots=True)
class EnhancedResult:
    """Whether enhanced rights apply, every reason that holds, and an override's text if any."""

    enhanced: bool
    reasons: tuple[str, ...]
    override_reason: str | None


@dataclass(frozen=True, slots=True)
class EnhancedRules:
    """A version's enhanced-rights tests, indexed by flag so a case costs a few dict look-ups."""

    by_victim_flag: Mapping[str, tuple[_Hit, ...]]
    by_crime_flag: Mapping[str, tuple[_Hit, ...]]
    under_ages: tuple[tuple[int, int, str], ...]  # (position, age, reason)

    @classmethod
    def from_tests(cls, tests: Sequence[EnhancedTest]) -> EnhancedRules:
        victim: dict[str, list[_Hit]] = {}
        crime: dict[str, list[_Hit]] = {}
        ages: list[tuple[int, int, str]] = []
        for i, test in enumerate(tests):
            if test.victim_flag is not None:
                victim.setdefault(test.victim_flag, []).append((i, test.reason))
            elif test.crime_flag is not None:
                crime.setdefault(test.crime_flag, []).append((i, test.reason))
            elif test.under_age_at_offence is not None:
                ages.append((i, test.under_age_at_offence, test.reason))
        return cls(_freeze(victim), _freeze(crime), tuple(ages))

    def evaluate(self, victim: Victim, crime: Crime) -> EnhancedResult:
        """Every reason that holds, in rule-file order; an override decides the result."""
        hits = [hit for flag in victim.flags for hit in self.by_victim_flag.get(flag, ())]
        hits += [hit for flag in crime.flags for hit in self.by_crime_flag.get(flag, ())]
        born = victim.date_of_birth
        if born is not None:
            hits += [
                (i, reason) for i, age, reason in self.under_ages if age_on(born, crime.occurred_on) < age
            ]
        hits.sort()
        reasons = tuple(reason for _, reason in hits)
        override = victim.enhanced_override
        if override is None:
            return EnhancedResult(bool(reasons), reasons, None)
        return EnhancedResult(override.enhanced, (*reasons, OVERRIDE), override.reason)


def _freeze(table: dict[str, list[_Hit]]) -> dict[str, tuple[_Hit, ...]]:
    return {key: tuple(hits) for key, hits in table.items()}


def age_on(born: date, day: date) -> int:
    """Age in whole years on `day` ("under 18 on the date of the offence", YJCEA 1999 s.16).

    Someone born on 29 February comes of age on 1 March in a common year, as the anniversary
    has not yet arrived on 28 February.
    """
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
