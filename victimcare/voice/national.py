"""The national Victims' Commissioner survey's questions, the agencies a victim dealt with, and
the national figures local answers are put beside (docs/adr/0049).

Which national questions a victim is asked depends on the moment (no "did you get support at
court" straight after first contact) and on the case (the court questions only where the
timeline shows a hearing or a witness warning). "Heard of the Victims' Code" is the existing
`knew_code` question: a victim is not asked the same thing twice.

The national figures live in national_figures.yaml with their source, the survey's base and
mode, and whether they were checked against the published report. Only checked figures are
printed as a comparison; the rest are kept, marked, until someone checks them (the research
note of December 2026 found seven of them in no stored source).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext_lazy as _

from victimcare.cases.models import VictimCase
from victimcare.voice.models import KnewCode, Moment, National

FIGURES_FILE = Path(__file__).resolve().parent / "national_figures.yaml"

EARLY = (Moment.FIRST_CONTACT.value,)
AFTER_CONTACT = tuple(m.value for m in Moment if m not in EARLY)
DECIDED = (Moment.OUTCOME.value, Moment.SENTENCE.value, Moment.CASE_CLOSED.value)
COURT_MOMENTS = (Moment.OUTCOME.value, Moment.SENTENCE.value)
EVERY = tuple(m.value for m in Moment)

# The timeline shows the victim dealt with the court (or was warned to give evidence).
COURT_EVENTS = (
    "hearing_listed",
    "witness_required",
    "trial_vacated",
    "trial_ineffective",
    "trial_cracked",
    "special_measures_granted",
    "sentence_received",
)


@dataclass(frozen=True)
class NationalQuestion:
    field: str  # the SurveyResponse field
    key: str  # the key in national_figures.yaml
    label: Any  # the question as the victim reads it
    short: str  # staff's name for it on the results page
    moments: tuple[str, ...]
    court_only: bool = False
    choices: type[National] | type[KnewCode] = National


NATIONAL_QUESTIONS: tuple[NationalQuestion, ...] = (
    NationalQuestion(
        "vc_kept_informed",
        "kept_informed",
        _("Have the police kept you regularly informed about the investigation?"),
        "Kept regularly informed by the police",
        AFTER_CONTACT,
    ),
    NationalQuestion(
        "vc_investigated",
        "investigated",
        _("Do you think the police investigated the crime thoroughly?"),
        "Police investigated thoroughly",
        DECIDED,
    ),
    NationalQuestion(
        "vc_referred",
        "referred",
        _("Were you offered a referral to a service that supports victims?"),
        "Referred to support",
        EVERY,
    ),
    NationalQuestion(
        "vc_court_support",
        "court_support",
        _("Did you get enough support at court?"),
        "Enough support at court",
        COURT_MOMENTS,
        court_only=True,
    ),
    NationalQuestion(
        "vc_attend_again",
        "attend_again",
        _("Would you be willing to go to court as a witness again?"),
        "Would attend court again",
        COURT_MOMENTS,
        court_only=True,
    ),
    NationalQuestion(
        "vc_waited_too_long",
        "waited_too_long",
        _("Did you wait too long for the trial?"),
        "Waited too long for the trial",
        COURT_MOMENTS,
        court_only=True,
    ),
    NationalQuestion(
        "knew_code",
        "heard_of_code",
        _("Did you know about the Victims' Code before you were given this service?"),
        "Had heard of the Victims' Code",
        EVERY,
        choices=KnewCode,
    ),
    NationalQuestion(
        "vc_aware_of_review",
        "aware_of_review",
        _(
            "Did you know you can ask for a review of a decision not to charge the suspect or to "
            "stop the case (the Right to Review)?"
        ),
        "Aware of the Right to Review",
        (Moment.INVESTIGATION.value, *DECIDED),
    ),
)
ASKED_HERE = tuple(q for q in NATIONAL_QUESTIONS if q.field != "knew_code")  # knew_code is in QUESTIONS


def went_to_court(case: VictimCase) -> bool:
    return case.events.filter(type__in=COURT_EVENTS).exists()


def national_questions_for(case: VictimCase, moment: str) -> list[NationalQuestion]:
    """The national questions (other than the Code, always asked) for this case at this moment."""
    court = None
    out = []
    for q in ASKED_HERE:
        if moment not in q.moments:
            continue
        if q.court_only:
            court = went_to_court(case) if court is None else court
            if not court:
                continue
        out.append(q)
    return out


# --- the agencies a victim dealt with ------------------------------------------------------------

AGENCY_WORDS: dict[str, Any] = {
    "police": _("the police"),
    "victim_care": _("the victim care service"),
    "cps": _("the Crown Prosecution Service (CPS)"),
    "courts": _("the court"),
    "wcu": _("the Witness Care Unit"),
    "probation": _("the Probation Service"),
}
AGENCY_EVENTS: dict[str, tuple[str, ...]] = {
    "victim_care": (
        "referred_to_support",
        "needs_assessment_completed",
        "referral_first_contact",
        "referral_engaged",
        "referral_closed",
    ),
    "cps": ("suspect_charged", "cps_decision_not_to_charge", "cps_charges_dropped_or_altered"),
    "courts": (
        "hearing_listed",
        "trial_vacated",
        "trial_ineffective",
        "trial_cracked",
        "bail_hearing_outcome_received",
        "sentence_received",
        "offender_sentenced",
    ),
    "wcu": ("witness_required", "special_measures_granted"),
    "probation": ("vcs_referral_made", "vlo_contact_made"),
}


def agencies_for(case: VictimCase) -> list[str]:
    """The agencies the timeline shows the victim dealt with, in the order of the journey: the
    police always (every case starts with a crime reported), then the others the events name."""
    types = set(case.events.values_list("type", flat=True).distinct())
    return ["police", *[a for a, events in AGENCY_EVENTS.items() if types.intersection(events)]]


# --- the national figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class NationalFigure:
    question: str  # a NationalQuestion key
    answer: str  # the answer whose share the figure is (e.g. "no" for "not kept informed")
    percent: float
    statement: str  # what the figure says, in the source's terms
    survey: str
    published: str
    base: str
    mode: str
    source: str  # address of the source read
    confidence: str  # H, M or L (research note's marks)
    verified: bool  # checked against the published report or a faithful account of it
    note: str = ""


@cache
def national_figures() -> tuple[NationalFigure, ...]:
    with FIGURES_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    keys = {q.key: q for q in NATIONAL_QUESTIONS}
    out = []
    for row in data["figures"]:
        figure = NationalFigure(**row)
        question = keys.get(figure.question)
        if question is None:
            raise ValueError(f"national_figures.yaml: no question {figure.question!r}")
        if figure.answer not in question.choices.values:
            raise ValueError(
                f"national_figures.yaml: {figure.answer!r} is not an answer to {figure.question}"
            )
        if not 0 <= figure.percent <= 100:
            raise ValueError(f"national_figures.yaml: {figure.percent} is not a percentage")
        out.append(figure)
    return tuple(out)


def figures_for(key: str) -> list[NationalFigure]:
    return [f for f in national_figures() if f.question == key]
