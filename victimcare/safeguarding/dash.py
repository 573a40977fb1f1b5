"""The SafeLives Dash risk checklist (2009): its 24 questions, scoring and risk levels.

Pure Python: no ORM, no clock, so the scoring is tested with plain data and used by the
services, the forms and the case panel alike.

Source: SafeLives, "Dash risk checklist for the identification of high risk cases of domestic
abuse, stalking and 'honour'-based violence" (with Laura Richards for ACPO, 2009). The wording
below is the published wording; "(....)" stands where the form names the abuser. Each question
is answered yes, no or not known; the score is the number of yes answers. SafeLives' guidance:
14 or more ticks is "visible high risk" and should be referred to a Marac; professional
judgement may refer a case below that. The medium band (10 to 13) follows the practice
guidance's grading used by forces (standard 0 to 9, medium 10 to 13, high 14 or more).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

YES, NO, NOT_KNOWN = "yes", "no", "not_known"
ANSWERS = ((YES, "Yes"), (NO, "No"), (NOT_KNOWN, "Not known"))
ANSWER_LABELS = dict(ANSWERS)

STANDARD, MEDIUM, HIGH = "standard", "medium", "high"
LEVELS = ((STANDARD, "Standard"), (MEDIUM, "Medium"), (HIGH, "High"))
LEVEL_LABELS = dict(LEVELS)
_RANK = {STANDARD: 0, MEDIUM: 1, HIGH: 2}

MEDIUM_FROM = 10
HIGH_FROM = 14  # "visible high risk": refer to a Marac


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    hint: str = ""

    @property
    def key(self) -> str:
        return str(self.number)


QUESTIONS: tuple[Question, ...] = (
    Question(1, "Has the current incident resulted in injury?", "Please state what and whether this is the first injury."),
    Question(2, "Are you very frightened?"),
    Question(3, "What are you afraid of? Is it further injury or violence?", "Please give an indication of what you think (....) might do and to whom, including children."),
    Question(4, "Do you feel isolated from family/friends i.e. does (....) try to stop you from seeing friends/family/doctor or others?"),
    Question(5, "Are you feeling depressed or having suicidal thoughts?"),
    Question(6, "Have you separated or tried to separate from (....) within the past year?"),
    Question(7, "Is there conflict over child contact?"),
    Question(8, "Does (....) constantly text, call, contact, follow, stalk or harass you?", "Please expand to identify what and whether you believe that this is done deliberately to intimidate you. Consider the context and behaviour of what is being done."),
    Question(9, "Are you pregnant or have you recently had a baby (within the last 18 months)?"),
    Question(10, "Is the abuse happening more often?"),
    Question(11, "Is the abuse getting worse?"),
    Question(12, "Does (....) try to control everything you do and/or are they excessively jealous?", "In terms of relationships, who you see, being 'policed at home', telling you what to wear for example. Consider 'honour'-based violence and specify behaviour."),
    Question(13, "Has (....) ever used weapons or objects to hurt you?"),
    Question(14, "Has (....) ever threatened to kill you or someone else and you believed them?", "If yes, say who: you, children, or someone else."),
    Question(15, "Has (....) ever attempted to strangle/choke/suffocate/drown you?"),
    Question(16, "Does (....) do or say things of a sexual nature that make you feel bad or that physically hurt you or someone else?", "If someone else, specify who."),
    Question(17, "Is there any other person who has threatened you or who you are afraid of?", "If yes, please specify whom and why. Consider extended family if 'honour'-based violence."),
    Question(18, "Do you know if (....) has hurt anyone else?", "Please specify whom, including the children, siblings or elderly relatives. Consider 'honour'-based violence."),
    Question(19, "Has (....) ever mistreated an animal or the family pet?"),
    Question(20, "Are there any financial issues? For example, are you dependent on (....) for money/have they recently lost their job/other financial issues?"),
    Question(21, "Has (....) had problems in the past year with drugs (prescription or other), alcohol or mental health leading to problems in leading a normal life?", "If yes, please specify which and give relevant details if known."),
    Question(22, "Has (....) ever threatened or attempted suicide?"),
    Question(23, "Has (....) ever broken bail/an injunction and/or formal agreement for when they can see you and/or the children?", "For example bail conditions, a non-molestation order, an occupation order, child contact arrangements or a forced marriage protection order."),
    Question(24, "Do you know if (....) has ever been in trouble with the police or has a criminal history?", "If yes, please specify: domestic abuse, sexual violence, other violence, or other."),
)  # fmt: skip
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)


def score(answers: Mapping[str, str]) -> int:
    """The number of yes answers. "Not known" and unanswered questions score nothing."""
    return sum(1 for key in QUESTION_KEYS if answers.get(key) == YES)


def unanswered(answers: Mapping[str, str]) -> list[int]:
    return [q.number for q in QUESTIONS if answers.get(q.key) not in ANSWER_LABELS]


def band(points: int) -> str:
    """The level the score alone gives: standard 0-9, medium 10-13, high 14 or more."""
    if points >= HIGH_FROM:
        return HIGH
    if points >= MEDIUM_FROM:
        return MEDIUM
    return STANDARD


def is_lower(level: str, than: str) -> bool:
    return _RANK[level] < _RANK[than]


def final_level(points: int, judgement: str = "") -> str:
    """The risk level: the score's band, raised (never lowered) by professional judgement.

    A judgement below the band is ignored here; the service refuses it with a reason."""
    scored = band(points)
    if judgement and not is_lower(judgement, scored):
        return judgement
    return scored
