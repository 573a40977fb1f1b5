"""Everything held about a person, gathered for a subject access request (docs/adr/0053).

`gather(person)` reads every record type the service keeps about someone, in a fixed order,
and turns each record into plain JSON: its fields by name (a choice as its words, a date in
ISO 8601, a related record by its name), leaving out only the service's own machinery (search
keys, hash links, worker claims). Nothing is left out because it is awkward: third parties are
redacted by a person in review, not by this code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from victimcare.audit.models import AuditEvent
from victimcare.cases.models import Crime, Event, VictimCase
from victimcare.justice.models import RestorativeJustice
from victimcare.messaging.models import Message
from victimcare.notify.models import Audience, NotificationPreference, OutboundMessage
from victimcare.people.models import Person, ProcessingRestriction
from victimcare.safeguarding.models import MaracReferral, PoliceIncident, ProtectiveOrder, RiskAssessment
from victimcare.support.models import NeedsAssessment, Referral
from victimcare.voice.models import SurveyResponse

# Fields that are the service's machinery, not information about the person.
MACHINERY = frozenset(
    {
        "first_name_key",
        "last_name_key",
        "prev_hash",
        "hash",
        "claimed_by",
        "claimed_at",
        "dedupe_key",
        "provider_reference",
        "errors",
        "ip_address",
    }
)

# The archive's files, in the order they appear in the PDF: (record type, heading).
RECORD_TYPES: tuple[tuple[str, str], ...] = (
    ("person", "Your details"),
    ("contact_preferences", "How you want to be contacted"),
    ("restrictions", "Restrictions of processing"),
    ("cases", "Your cases"),
    ("crimes", "The crimes you reported"),
    ("timeline", "What happened on your cases"),
    ("messages", "Messages between you and the service"),
    ("notifications", "Messages we sent you"),
    ("referrals", "Referrals to support services and what was shared"),
    ("needs_assessments", "Assessments of your needs"),
    ("safeguarding", "Safeguarding records"),
    ("restorative_justice", "Restorative justice"),
    ("survey_answers", "Your answers to our surveys"),
    ("record_looks", "Who has looked at or changed your record"),
)


@dataclass(frozen=True)
class Gathered:
    record_type: str
    source: str
    title: str
    data: dict[str, Any]


def value_of(obj: models.Model, field: models.Field[Any, Any]) -> Any:
    """One field's value as plain JSON, in words a person can read."""
    if field.choices and not field.is_relation:
        raw = getattr(obj, field.attname)
        return str(dict(field.flatchoices).get(raw, raw)) if raw not in (None, "") else raw
    if field.is_relation:
        related = getattr(obj, field.name, None)
        return None if related is None else _related_name(related)
    return jsonable(getattr(obj, field.attname))


def _related_name(related: Any) -> str:
    display = getattr(related, "display_name", None) or getattr(related, "full_name", None)
    return str(display or related)


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def row(obj: models.Model, *, leave_out: Iterable[str] = ()) -> dict[str, Any]:
    skip = MACHINERY | set(leave_out)
    return {f.name: value_of(obj, f) for f in obj._meta.concrete_fields if f.name not in skip}


def _items(
    record_type: str, objects: Iterable[models.Model], title: Callable[[Any], str], **options: Any
) -> Iterator[Gathered]:
    for obj in objects:
        label = obj._meta.label_lower
        yield Gathered(record_type, f"{label}:{obj.pk}", title(obj)[:300], row(obj, **options))


def _when(moment: datetime | None) -> str:
    return f"{timezone.localtime(moment):%d %B %Y}" if moment else "date not recorded"


def gather(person: Person) -> list[Gathered]:
    """Every record held about `person`, in RECORD_TYPES order."""
    cases = list(VictimCase.objects.filter(person=person).select_related("crime").order_by("opened_at", "id"))
    on_cases = Q(case__in=cases)
    out: list[Gathered] = []
    out += _items("person", [person], lambda p: f"Your details: {p.full_name}")
    out += _items(
        "contact_preferences",
        NotificationPreference.objects.filter(person=person),
        lambda p: "Updates and discreet mode",
    )
    out += _items(
        "restrictions",
        ProcessingRestriction.objects.filter(person=person).order_by("restricted_at"),
        lambda r: f"Processing restricted from {_when(r.restricted_at)}",
    )
    out += _items("cases", cases, lambda c: f"Case for crime {c.crime.crime_reference}")
    crimes = Crime.objects.filter(cases__in=cases).distinct().order_by("id")
    out += _items("crimes", crimes, lambda c: f"Crime {c.crime_reference}")
    events = Event.objects.filter(on_cases).select_related("case__crime").order_by("occurred_at", "id")
    out += _items("timeline", events, lambda e: f"{_when(e.occurred_at)}: {e.type_label}")
    messages = Message.objects.filter(on_cases).order_by("sent_at", "id")
    out += _items("messages", messages, lambda m: f"{_when(m.sent_at)}: message from {m.sender_label}")
    sent = OutboundMessage.objects.filter(person=person, audience=Audience.VICTIM).order_by(
        "created_at", "id"
    )
    out += _items(
        "notifications", sent, lambda m: f"{_when(m.created_at)}: {m.subject or m.get_channel_display()}"
    )
    referrals = Referral.objects.filter(on_cases).select_related("service").order_by("created_at", "id")
    out += _items("referrals", referrals, lambda r: f"Referral to {r.service.name}")
    out += _needs(cases)
    out += _safeguarding(person, cases)
    rj = RestorativeJustice.objects.filter(on_cases).order_by("created_at", "id")
    out += _items("restorative_justice", rj, lambda r: f"Restorative justice offered {_when(r.created_at)}")
    answers = SurveyResponse.objects.filter(on_cases).order_by("submitted_at", "id")
    out += _items("survey_answers", answers, lambda s: f"Survey answered {_when(s.submitted_at)}")
    looks = AuditEvent.objects.filter(Q(person=person) | Q(case__in=cases)).order_by("at", "id")
    out += _items(
        "record_looks",
        looks,
        lambda a: f"{_when(a.at)}: {a.get_action_display()} by {a.actor_label}",
        leave_out=("actor", "organisation", "person", "case"),
    )
    return out


def _needs(cases: list[VictimCase]) -> Iterator[Gathered]:
    for assessment in NeedsAssessment.objects.filter(case__in=cases).order_by("created_at", "id"):
        data = row(assessment, leave_out=("event",))
        data["areas"] = [row(a, leave_out=("assessment",)) for a in assessment.areas.all()]
        title = f"Needs assessment {_when(assessment.completed_at or assessment.created_at)}"
        yield Gathered("needs_assessments", f"support.needsassessment:{assessment.pk}", title, data)


def _safeguarding(person: Person, cases: list[VictimCase]) -> Iterator[Gathered]:
    yield from _items(
        "safeguarding",
        RiskAssessment.objects.filter(case__in=cases).order_by("created_at", "id"),
        lambda r: f"Risk assessment (DASH) {_when(r.completed_at or r.created_at)}",
    )
    yield from _items(
        "safeguarding",
        MaracReferral.objects.filter(person=person).order_by("id"),
        lambda r: "Referral to a MARAC (multi-agency risk assessment conference)",
    )
    yield from _items(
        "safeguarding",
        ProtectiveOrder.objects.filter(case__in=cases).order_by("id"),
        lambda o: f"Protective order: {o}",
    )
    yield from _items(
        "safeguarding",
        PoliceIncident.objects.filter(person=person).order_by("occurred_on", "id"),
        lambda i: f"Police incident on {i.occurred_on:%d %B %Y}",
    )
