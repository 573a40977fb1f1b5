"""The MARAC referral criteria (SafeLives), worked out from plain data. Django-free.

- visible high risk: the latest completed Dash scores 14 or more;
- professional judgement: the assessor judged the risk high below that score, or the
  referrer refers on their own judgement with a reason;
- potential escalation: N or more police-recorded crimes against the victim in the last M
  months (default 3 in 12; settings SAFEGUARDING_MARAC_ESCALATION_*);
- repeat MARAC: a crime against the victim within M months after their last MARAC referral
  (default 12; SAFEGUARDING_REPEAT_MARAC_MONTHS).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from victimcare.safeguarding import dash
from victimcare.safeguarding.windows import count_since, within

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


@dataclass(frozen=True)
class Criterion:
    code: str
    met: bool
    detail: str

    @property
    def label(self) -> str:
        return CRITERIA[self.code]


@dataclass(frozen=True)
class Facts:
    """What the criteria need to know about one victim, as plain values."""

    today: date
    dash_score: int | None = None  # the latest completed assessment on the case
    dash_judged_high: bool = False  # its level was raised to high by professional judgement
    crime_days: Sequence[date] = ()  # the days the victim's crimes were reported (all their cases)
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


def _escalation(f: Facts) -> Criterion:
    count = count_since(f.crime_days, today=f.today, months=f.escalation_months)
    return Criterion(
        POTENTIAL_ESCALATION,
        count >= f.escalation_crimes,
        f"{count} police-recorded crime{'s' if count != 1 else ''} against the victim in the last "
        f"{f.escalation_months} months ({f.escalation_crimes} or more meets this)",
    )


def _repeat(f: Facts) -> Criterion:
    last = f.last_referral_day
    if last is None:
        return Criterion(REPEAT_MARAC, False, "The victim has not been referred to MARAC before")
    later = [d for d in f.crime_days if d > last and d <= f.today and within(last, d, f.repeat_months)]
    detail = (
        f"{len(later)} crime{'s' if len(later) != 1 else ''} reported within {f.repeat_months} months "
        f"after the last referral on {last:%-d %B %Y}"
    )
    return Criterion(REPEAT_MARAC, bool(later), detail)
