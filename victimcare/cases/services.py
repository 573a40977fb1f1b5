"""State changes to crimes, cases and the timeline. Views, the portal, imports and the
API all call these; each runs in one transaction and writes its audit row, so a failed
save leaves nothing half-written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from victimcare.accounts.models import Organisation, Team, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes, snapshot
from victimcare.cases.events import EVENT_TYPES, PayloadError, Stage, clean_payload
from victimcare.cases.models import Crime, Event, EventSource, VictimCase
from victimcare.cases.pipeline import CaseEvents, event_reactions_run
from victimcare.cases.vocab import CRIME_FLAGS, offence_codes, police_uk_crime_types
from victimcare.people.models import Person
from victimcare.refusals import Refusal

CaseError = Refusal  # the one refusal type (victimcare/refusals.py)


def victim_care_organisation(user: User) -> Organisation:
    """The victim care service (the OPCC) that holds victims' cases in the user's force area."""
    org = user.organisation
    if org is None:
        raise CaseError("organisation", "Your account has no organisation.")
    if org.kind == Organisation.Kind.OPCC:
        return org
    force_id = org.id if org.kind == Organisation.Kind.POLICE_FORCE else org.force_id
    found = Organisation.objects.filter(kind=Organisation.Kind.OPCC, force_id=force_id).first()
    if found is None:
        raise CaseError("organisation", "No victim care service is set up for this force area.")
    return found


def force_for(user: User) -> Organisation:
    org = user.organisation
    if org is not None and org.kind == Organisation.Kind.POLICE_FORCE:
        return org
    if org is None or org.force is None:
        raise CaseError("force", "Your organisation is not linked to a police force.")
    return org.force


@dataclass(frozen=True)
class CrimeInput:
    crime_reference: str
    ho_offence_code: str
    crime_type: str
    reported_at: datetime
    occurred_at: datetime | None = None
    flags: tuple[str, ...] = ()
    lsoa_code: str = ""
    lsoa_name: str = ""
    summary: str = ""
    team: Team | None = None


@dataclass(frozen=True)
class CaseInput:
    team: Team | None = None
    caseworker: User | None = None
    officer_in_charge: User | None = None
    role: str = "victim"


@transaction.atomic
def case_open(
    *,
    actor: User,
    person: Person,
    crime: CrimeInput,
    case: CaseInput,
    source: str = EventSource.STAFF,
    pending: list[EventInput] | None = None,
) -> VictimCase:
    """Record a crime and the person's case on it, and start the timeline with `crime_reported`
    (with `pending`, see victim_case_start).

    A crime reference already recorded for the force is refused (CaseError on
    crime_reference); nothing is written in that case."""
    force = force_for(actor)
    new_crime = _crime_create(force=force, data=crime)
    vcase = VictimCase.objects.create(
        organisation=victim_care_organisation(actor),
        team=case.team,
        person=person,
        crime=new_crime,
        role=case.role,
        caseworker=case.caseworker,
        officer_in_charge=case.officer_in_charge,
        opened_at=timezone.now(),
    )
    audit_record(actor=actor, action=Action.CREATE, obj=new_crime, person=person, case=vcase)
    victim_case_start(actor=actor, case=vcase, reported_at=crime.reported_at, source=source, pending=pending)
    return vcase


@transaction.atomic
def victim_case_start(
    *,
    actor: User,
    case: VictimCase,
    reported_at: datetime,
    source: str,
    pending: list[EventInput] | None = None,
) -> None:
    """What every new case gets (case_open, and crime_services.case_add_to_crime): its audit row,
    the `crime_reported` event that starts its clocks, and the repeat-victim check.

    With `pending`, the event is checked (CaseError, as event_record would refuse it) and added
    to that list instead of recorded: the caller records the list with events_record_bulk in
    the same transaction, so the reactions run once for many cases (the feed import does, a
    batch at a time). Until then the case has no timeline and no rights."""
    audit_record(actor=actor, action=Action.CREATE, obj=case, person=case.person, case=case)
    item = EventInput(case=case, type="crime_reported", occurred_at=reported_at, source=source)
    if pending is not None:
        event_check(item=item)
        pending.append(item)
        return
    # Its reactions store the rights and the derived flags (vulnerable, repeat victim).
    event_record(actor=actor, case=case, type="crime_reported", occurred_at=reported_at, source=source)


class ReferenceTaken(CaseError):
    """A crime reference the force has already recorded. The words are the same whether or not
    the user may see that crime (they name no force, victim or team), and the staff page limits
    how many a user may try (cases.views), since a reference is half of a portal sign-in."""

    def __init__(self, reference: str) -> None:
        super().__init__(
            "crime_reference",
            f"Crime reference {reference} is already recorded. Check the reference. If the "
            "victim is another victim of that crime, open the crime's page from one of its "
            "cases and choose Add a victim to this crime, or ask a supervisor.",
        )


def _crime_create(*, force: Organisation, data: CrimeInput) -> Crime:
    reference = data.crime_reference.strip().upper()
    if not reference:
        raise CaseError("crime_reference", "Enter the crime reference")
    if Crime.objects.filter(force=force, crime_reference=reference).exists():
        raise ReferenceTaken(reference)
    crime_vocabulary_check(data)
    crime = Crime(
        force=force,
        team=data.team,
        crime_reference=reference,
        ho_offence_code=data.ho_offence_code,
        crime_type=data.crime_type,
        occurred_at=data.occurred_at,
        reported_at=data.reported_at,
        lsoa_code=data.lsoa_code,
        lsoa_name=data.lsoa_name,
        summary=data.summary,
        **{flag: True for flag in data.flags},
    )
    try:
        with transaction.atomic():
            crime.save()
    except IntegrityError:  # a concurrent save took the reference between the check and here
        raise ReferenceTaken(reference) from None
    return crime


def crime_vocabulary_check(data: CrimeInput) -> None:
    """Refuse an offence code, crime type or flag outside the vocabularies, or a crime that
    happened after it was reported (CaseError naming the field)."""
    if data.ho_offence_code not in offence_codes():
        raise CaseError("ho_offence_code", "Choose a Home Office offence code from the list")
    if data.crime_type not in police_uk_crime_types():
        raise CaseError("crime_type", "Choose a crime type from the list")
    unknown = [f for f in data.flags if f not in CRIME_FLAGS]
    if unknown:
        raise CaseError("flags", f"Unknown crime flag: {unknown[0]}")
    if data.occurred_at and data.occurred_at > data.reported_at:
        raise CaseError(
            "occurred_at", "The date the crime happened must be on or before the date it was reported"
        )


CASE_FIELDS = (
    "team",
    "caseworker",
    "officer_in_charge",
    "contact_frequency",
    "contact_channel",
    "contact_notes",
)


@transaction.atomic
def case_update(*, actor: User, case: VictimCase, data: dict[str, Any]) -> VictimCase:
    """Change who works the case and the contact agreement."""
    unknown = set(data) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown case fields: {sorted(unknown)}")
    before = snapshot(case, data)
    for name, value in data.items():
        setattr(case, name, value)
    case.full_clean(exclude=["person", "crime", "organisation"])
    changes = field_changes(before, snapshot(case, data))
    if changes:
        case.save(update_fields=[*data.keys()])
        audit_record(
            actor=actor, action=Action.UPDATE, obj=case, person=case.person, case=case, changes=changes
        )
    return case


def timeline_moment(day: date, *, not_before: datetime | None = None) -> datetime:
    """When something staff say happened on `day` goes on the timeline: now if `day` is today
    (or later: callers refuse future dates themselves), else midday UK time; and never before
    `not_before` when that falls on the same day, so steps recorded on the day of the previous
    one keep their order."""
    now = timezone.now()
    if day >= timezone.localdate(now):
        return now
    moment = timezone.make_aware(datetime.combine(day, time(12, 0)))
    if not_before is not None and moment < not_before and timezone.localtime(not_before).date() == day:
        return not_before
    return moment


@dataclass(frozen=True)
class EventInput:
    """One event to record: the arguments of `event_record` after `actor`."""

    case: VictimCase
    type: str
    occurred_at: datetime
    payload: dict[str, Any] | None = None
    about: Event | None = None
    corrects: Event | None = None
    notes: str = ""
    source: str = EventSource.STAFF
    actor_label: str = ""


@transaction.atomic
def event_record(
    *,
    actor: User | None,
    case: VictimCase,
    type: str,
    occurred_at: datetime,
    payload: dict[str, Any] | None = None,
    about: Event | None = None,
    corrects: Event | None = None,
    notes: str = "",
    source: str = EventSource.STAFF,
    actor_label: str = "",
) -> Event:
    """Append an event to the case timeline after validating it against its type, and run
    what follows it (victimcare/pipeline/order.py) in the same transaction: all or nothing.

    `about` must be an event on the same case of a type this one may answer;
    `corrects` must be an earlier event on the same case of the same type. The
    case's journey stage moves forward (never back) to the event's stage."""
    item = EventInput(case, type, occurred_at, payload, about, corrects, notes, source, actor_label)
    return events_record_bulk(actor=actor, items=[item])[0]


@transaction.atomic
def events_record_bulk(*, actor: User | None, items: Sequence[EventInput]) -> list[Event]:
    """Record many events, over any number of cases, in one transaction: each validated and
    audited as `event_record` does, in order (a later item may be `about` an earlier one), then
    the reactions run once for the whole batch, one entry per case, not once per event.

    A refused item (CaseError) refuses the batch: nothing is written."""
    events = [_event_create(actor, item) for item in items]
    by_case: dict[int, tuple[VictimCase, list[Event]]] = {}
    for item, event in zip(items, events, strict=True):
        by_case.setdefault(item.case.pk, (item.case, []))[1].append(event)
    event_reactions_run([CaseEvents(case, tuple(found)) for case, found in by_case.values()])
    return events


def event_check(*, item: EventInput) -> None:
    """Refuse the event as event_record would (CaseError naming the field), writing nothing: a
    caller that records many with events_record_bulk checks each first, so that one refused
    item is left out instead of refusing them all."""
    _event_cleaned(item)


def _event_cleaned(item: EventInput) -> tuple[Stage | None, dict[str, Any]]:
    """The event's journey stage and its cleaned payload, or CaseError."""
    spec = EVENT_TYPES.get(item.type)
    if spec is None:
        raise CaseError("type", f"Unknown event type: {item.type}")
    try:
        cleaned = clean_payload(spec, item.payload or {})
    except PayloadError as err:
        raise CaseError(err.field, err.message) from None
    _check_links(item.case, spec.code, spec.about_types, spec.about_required, item.about, item.corrects)
    if timezone.is_naive(item.occurred_at):
        raise CaseError("occurred_at", "The time must include its time zone")
    if item.occurred_at > timezone.now() + timedelta(minutes=5):
        raise CaseError("occurred_at", "The date and time must not be in the future")
    return spec.stage, cleaned


def _event_create(actor: User | None, item: EventInput) -> Event:
    case = item.case
    stage, cleaned = _event_cleaned(item)
    event = Event.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        type=item.type,
        occurred_at=item.occurred_at,
        about=item.about,
        corrects=item.corrects,
        payload=cleaned,
        notes=item.notes,
        source=item.source,
        actor=actor,
        actor_label=item.actor_label or (actor.display_name if actor else "System"),
    )
    _advance_case(case, stage, event)
    audit_record(
        actor=actor or item.actor_label or None,
        action=Action.CREATE,
        obj=event,
        person=case.person,
        case=case,
        detail=item.type,
    )
    return event


def _check_links(
    case: VictimCase,
    type: str,
    about_types: tuple[str, ...],
    about_required: bool,
    about: Event | None,
    corrects: Event | None,
) -> None:
    if about is None and about_required:
        raise CaseError("about", "Choose the event this is about")
    if about is not None:
        if about.case_id != case.id:
            raise CaseError("about", "The event this is about must be on the same case")
        if about_types and about.type not in about_types:
            raise CaseError("about", f"A {EVENT_TYPES[type].label.lower()} event cannot be about that event")
    if corrects is not None and (corrects.case_id != case.id or corrects.type != type):
        raise CaseError("corrects", "A correction must be of the same type and on the same case")


def _advance_case(case: VictimCase, stage: Stage | None, event: Event) -> None:
    fields = []
    if stage is not None and stage > case.stage:
        case.stage = stage
        fields.append("stage")
    if case.last_event_at is None or event.occurred_at > case.last_event_at:
        case.last_event_at = event.occurred_at
        fields.append("last_event_at")
    if fields:
        case.save(update_fields=fields)
