"""Message wording: templates in English and Welsh (message_templates/*.yaml), rendered as
plain text with Django's template language (no HTML escaping: these are not web pages).

`render` is the one place a message's words are made, so discreet mode cannot be forgotten:
a discreet message is always the neutral template, whatever it was about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.template import Context, Engine, Template

from victimcare.cases.events import EVENT_TYPES, INFORMABLE
from victimcare.cases.outcome_words import outcome_sentence
from victimcare.rights.loader import RuleSets
from victimcare.rights.review_windows import window_rule

TEMPLATES_DIR = Path(__file__).resolve().parent / "message_templates"
LANGUAGES = ("en", "cy")
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh (Cymraeg)"}
DISCREET = "discreet"

# Event types that send an automatic update, each with its template (the key events of the
# issue: arrest, interview, release, bail, RUI, charge, decisions with review, hearings,
# outcome, sentence, referral).
# Every event a victim must be told of under Rights 6, 8 and 9, and a referral made for them.
UPDATE_TEMPLATES = (*INFORMABLE, "referred_to_support")
VICTIM_TEMPLATES = (
    *UPDATE_TEMPLATES,
    "message_received",
    "sign_in_code",
    "record_corrected",
    "survey_invitation",
    DISCREET,
)
STAFF_TEMPLATES = (
    "reminder_due_soon",
    "reminder_overdue",
    "reminder_escalated",
    "reminder_contact_due",
    "reminder_digest",
    "message_failed",
    "victim_message_received",
    "victim_message_urgent",
    "victim_message_unanswered",
    "victim_request_received",
    "referral_arrived",
    "referral_target_missed",
    "referral_target_missed_caseworker",
)

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "cy": [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ],
}
_DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "cy": ["dydd Llun", "dydd Mawrth", "dydd Mercher", "dydd Iau", "dydd Gwener", "dydd Sadwrn", "dydd Sul"],
}


class UnknownTemplate(KeyError):
    pass


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


@cache
def _catalogue(language: str) -> dict[str, dict[str, str]]:
    with (TEMPLATES_DIR / f"{language}.yaml").open(encoding="utf-8") as handle:
        data: dict[str, dict[str, str]] = yaml.safe_load(handle)
    return data


@cache
def _engine() -> Engine:
    return Engine(autoescape=False)


@cache
def _compiled(language: str, key: str, part: str) -> Template:
    return _engine().from_string(_catalogue(language)[key][part])


def template_label(key: str) -> str:
    """Staff-readable name of a template (the event's label, or a description)."""
    spec = EVENT_TYPES.get(key)
    if spec is not None:
        return spec.label
    return {
        "message_received": "New message in the victim portal",
        "sign_in_code": "One-time sign-in code",
        "survey_invitation": "Invitation to the feedback survey",
        DISCREET: "Discreet message (neutral wording)",
        "reminder_due_soon": "Staff reminder: due soon",
        "reminder_overdue": "Staff reminder: overdue",
        "reminder_escalated": "Staff reminder: still overdue, to a supervisor",
        "reminder_contact_due": "Staff reminder: agreed update due",
        "reminder_digest": "Staff reminder: daily digest",
        "message_failed": "Staff alert: a message to a victim failed",
        "victim_message_received": "Staff alert: a victim sent a message in the portal",
        "victim_message_urgent": "Staff alert: a victim's message is marked urgent",
        "victim_message_unanswered": "Staff alert: a victim's message is unanswered past its reply-by",
        "victim_request_received": "Staff alert: a victim asked for something in the portal",
        "referral_arrived": "Provider alert: a referral has arrived",
        "referral_target_missed": "Provider alert: a referral missed a response target",
        "referral_target_missed_caseworker": "Staff alert: a service missed a response target",
    }.get(key, key)


def languages_for(key: str) -> tuple[str, ...]:
    return LANGUAGES if key in VICTIM_TEMPLATES else ("en",)


def render(key: str, language: str, context: dict[str, Any], *, discreet: bool = False) -> Rendered:
    """The subject and body of template `key` in `language` (Welsh falls back to English only
    for staff templates, which exist in English alone). Discreet mode always uses the
    neutral template; a sign-in code is already neutral and keeps its code."""
    if discreet and key != "sign_in_code":
        key = DISCREET
    if language not in LANGUAGES or key not in _catalogue(language):
        language = "en"
    source = _catalogue(language).get(key)
    if source is None:
        raise UnknownTemplate(key)
    ctx = Context(context, autoescape=False)
    subject = _compiled(language, key, "subject").render(ctx)
    body = _compiled(language, key, "body").render(ctx)
    return Rendered(subject=" ".join(subject.split()), body=_tidy(body))


def _tidy(text: str) -> str:
    """Trim trailing spaces and collapse runs of blank lines left by {% if %} blocks."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out)


def format_date(day: date, language: str) -> str:
    """'Tuesday 7 April 2026' or 'dydd Mawrth 7 Ebrill 2026'."""
    lang = language if language in _MONTHS else "en"
    return f"{_DAYS[lang][day.weekday()]} {day.day} {_MONTHS[lang][day.month - 1]} {day.year}"


def sends_update(event_type: str, payload: dict[str, Any]) -> bool:
    """Whether an event of this type and payload has an automatic update to send: an outcome
    only when it has words for the victim (not outcome 0, "not yet assigned")."""
    if event_type not in UPDATE_TEMPLATES:
        return False
    return event_type != "outcome_recorded" or outcome_sentence(payload) is not None


def event_context(payload: dict[str, Any], language: str) -> dict[str, Any]:
    """The event's details as template variables, dates written out in the victim's language;
    an outcome type becomes `outcome_words`, never its number."""
    ctx: dict[str, Any] = {}
    if "outcome_type" in payload:
        ctx["outcome_words"] = outcome_sentence(payload, language) or ""
        payload = {k: v for k, v in payload.items() if k != "outcome_type"}
    for name, value in payload.items():
        if name.endswith(("_date", "_until")) and isinstance(value, str):
            try:
                ctx[name] = format_date(date.fromisoformat(value), language)
            except ValueError:
                ctx[name] = value
        else:
            ctx[name] = value
    return ctx


def review_context(event_type: str, day: date, rule_sets: RuleSets | None = None) -> dict[str, Any]:
    """The review window a decision's message states, from the same rule data as the window the
    case tracks (rights rules, `review_windows`): `review_months` and `review_prompt_days`.
    Empty for a decision that is not reviewable, whose message must then offer no review."""
    rule = window_rule(event_type, day, rule_sets)
    if rule is None:
        return {}
    return {"review_months": rule.ask_within_months, "review_prompt_days": rule.ask_promptly_working_days}


SAMPLE_CONTEXT: dict[str, Any] = {
    "first_name": "Jane",
    "crime_reference": "DU/12345/26",
    "service_name": "Victim Care and Advice Service",
    "portal_url": "https://victim-care.example/portal/",
    "bail_until": date(2026, 5, 7),
    "conditions": "Not to contact you or go to your street",
    "hearing_date": date(2026, 6, 2),
    "new_hearing_date": date(2026, 9, 14),
    "court": "Durham Crown Court",
    "disposal": "a caution",
    "outcome": "guilty plea",
    "summary": "18 months in prison",
    "service": "Harbour Support Services",
    "code": "482 913",
    "title": "Tell the victim about the arrest (Right 6)",
    "due": date(2026, 4, 7),
    "case_url": "https://victim-care.example/cases/1/",
    "thread_url": "https://victim-care.example/cases/1/messages/",
    "inbox_url": "https://victim-care.example/inbox/",
    "frequency": "every two weeks",
    "count": 2,
    "queue_url": "https://victim-care.example/work/",
    "channel": "text message",
    "reason": "The phone number is not a real mobile number",
    "asked": "asked for a review of a police decision",
    "asked_on": date(2026, 3, 16),
    "reply_by": "14:00 on Monday 16 March 2026",
    "sent_on": "10:00 on Monday 16 March 2026",
    "urgent": True,
    "unassigned": True,
    "caseworker": "Cara Walsh",
    "corrected": "your phone number and your address",
    "survey_url": "https://victim-care.example/portal/feedback/link/example/",
    "link_days": 28,
    "reference": "Referral 1234",
    "referral_url": "https://victim-care.example/provider/referrals/1234/",
    "list_url": "https://victim-care.example/provider/",
    "accept_by": "Wednesday 8 April 2026",
    "contact_by": "Friday 10 April 2026",
    "target": "accept the referral",
    "overdue": "2 working days",
}


def sample_context(language: str, key: str = "", today: date | None = None) -> dict[str, Any]:
    """Example values for staff previews, dates written in `language`; a reviewable decision's
    preview states the review window of the rules in force `today`."""
    ctx = dict(SAMPLE_CONTEXT)
    ctx.update(review_context(key, today or date.today()))
    for name in ("bail_until", "hearing_date", "new_hearing_date", "due", "asked_on"):
        ctx[name] = format_date(ctx[name], language)
    ctx["outcome_words"] = outcome_sentence({"outcome_type": 18}, language)
    ctx["clocks"] = [
        {"title": "Acknowledge a request for a police review of a decision", "due": ctx["due"]},
        {"title": "Decide a request for a police review of a decision", "due": ctx["due"]},
    ]
    ctx["items"] = [
        {
            "kind_label": "Overdue",
            "title": "Tell the victim about the arrest (Right 6)",
            "crime_reference": "DU/12345/26",
            "due": ctx["due"],
            "case_url": ctx["case_url"],
        },
        {
            "kind_label": "Due soon",
            "title": "Tell the victim the hearing date (Right 8)",
            "crime_reference": "DU/12346/26",
            "due": ctx["due"],
            "case_url": ctx["case_url"],
        },
    ]
    return ctx
