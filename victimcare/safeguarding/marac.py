"""The MARAC referral criteria (SafeLives), worked out from plain data. Django-free.

- visible high risk: the latest completed Dash scores 14 or more;
- professional judgement: the assessor judged the risk high below that score, or the
  referrer refers on their own judgement with a reason;
- potential escalation: N or more police-recorded crimes against the victim, and domestic
  abuse incidents the police attended for them, in the last M months (default 3 in 12;
  settings SAFEGUARDING_MARAC_ESCALATION_*);
- repeat MARAC: such a crime or incident within M months after their last MARAC referral
  (default 12; SAFEGUARDING_REPEAT_MARAC_MONTHS).

Crimes count by the day they were reported, incidents by the day the police attended. An
incident not related to domestic abuse is kept on the case but counts towards neither
(docs/adr/0028). Each criterion lists what it counted, so staff can check it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from victimcare.safeguarding import dash
from victimcare.safeguarding.windows import add_months, within

VISIBLE_HIGH_RISK = "visible_high_risk"
PROFESSIONAL_JUDGEMENT = "professional_judgement"
POTENTIAL_ESCALATION = "potential_escalation"
REPEAT_MARAC = "repeat_marac"
CRITERIA = {
    VISIBLE_HIGH_RISK: "Visible high risk",
    PROFESSIONAL_JUDGEMENT: "Professional judgement",
    POTENTIAL_ESCALATION: "Potential escalation",
    REPEAT_MARAC: "Repeat MARAC",
}


CRIME = "crime"
INCIDENT = "incident"


@dataclass(frozen=True)
class Occurrence:
    """A crime against the victim (by reported day) or an incident the police attended."""

    day: date
    kind: str = CRIME  # CRIME or INCIDENT
    label: str = ""  # what staff read, e.g. "Crime DU/00001/26, reported 2 March 2026"
    case_id: int | None = None  # the case it is recorded on, for showing only what the user may see
    domestic_abuse: bool = True  # incidents only count when related to domestic abuse

    @property
    def counts(self) -> bool:
        return self.kind == CRIME or self.domestic_abuse


@dataclass(frozen=True)
class Criterion:
    code: str
    met: bool
    detail: str
    counted: tuple[Occurrence, ...] = ()  # the crimes and incidents behind a count, oldest first

    @property
    def label(self) -> str:
        return CRITERIA[self.code]


@dataclass(frozen=True)
class Facts:
    """What the criteria need to know about one victim, as plain values."""

    today: date
    dash_score: int | None = None  # the latest completed assessment on the case
    dash_judged_high: bool = False  # its level was raised to high by professional judgement
    occurrences: Sequence[Occurrence] = ()  # the victim's crimes and incidents (all their cases)
    last_referral_day: date | None = None
    escalation_crimes: int = 3
    escalation_months: int = 12
    repeat_months: int = 12


def evaluate(facts: Facts) -> list[Criterion]:
    return [_visible(facts), _judgement(facts), _escalation(facts), _repeat(facts)]


def met_codes(facts: Facts) -> list[str]:
    return [c.code for c in evaluate(facts) if c.met]


def _visible(f: Facts) -> Criterion:
    if f.dash_score is None:
        return Criterion(VISIBLE_HIGH_RISK, False, "No Dash risk assessment has been completed on this case")
    met = f.dash_score >= dash.HIGH_FROM
    return Criterion(
        VISIBLE_HIGH_RISK,
        met,
        f"The latest Dash score is {f.dash_score} (high risk is {dash.HIGH_FROM} or more)",
    )


def _judgement(f: Facts) -> Criterion:
    if f.dash_judged_high:
        return Criterion(
            PROFESSIONAL_JUDGEMENT, True, "The assessor raised the risk to high on professional judgement"
        )
    return Criterion(
        PROFESSIONAL_JUDGEMENT,
        False,
        "Not used yet: you can refer on your professional judgement with a reason",
    )


def _counting(f: Facts) -> list[Occurrence]:
    return sorted((o for o in f.occurrences if o.counts), key=lambda o: (o.day, o.kind, o.label))


def _describe(found: Sequence[Occurrence]) -> str:
    crimes = sum(1 for o in found if o.kind == CRIME)
    incidents = len(found) - crimes
    words = f"{crimes} police-recorded crime{'s' if crimes != 1 else ''}"
    return (
        words + f" and {incidents} domestic abuse incident{'s' if incidents != 1 else ''} attended by police"
    )


def _escalation(f: Facts) -> Criterion:
    start = add_months(f.today, -f.escalation_months)
    found = [o for o in _counting(f) if start <= o.day <= f.today]
    return Criterion(
        POTENTIAL_ESCALATION,
        len(found) >= f.escalation_crimes,
        f"{_describe(found)} in the last {f.escalation_months} months: {len(found)} in all "
        f"({f.escalation_crimes} or more meets this)",
        tuple(found),
    )


def _repeat(f: Facts) -> Criterion:
    last = f.last_referral_day
    if last is None:
        return Criterion(REPEAT_MARAC, False, "The victim has not been referred to MARAC before")
    later = [o for o in _counting(f) if last < o.day <= f.today and within(last, o.day, f.repeat_months)]
    detail = f"{_describe(later)} within {f.repeat_months} months after the last referral on {last:%-d %B %Y}"
    return Criterion(REPEAT_MARAC, bool(later), detail, tuple(later))
