"""State changes to crimes, cases and the timeline. Views, the portal, imports and the
API all call these; each runs in one transaction and writes its audit row, so a failed
save leaves nothing half-written."""

from __future__ import annotations

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
from victimcare.cases.vocab import CRIME_FLAGS, offence_codes, police_uk_crime_types
from victimcare.notify.services import victim_update_queue
from victimcare.people.models import Person
from victimcare.rights.services import case_rights_refresh


class CaseError(ValueError):
    """A refused change; `field` names the input at fault (for the form's error summary)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


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
    *, actor: User, person: Person, crime: CrimeInput, case: CaseInput, source: str = EventSource.STAFF
) -> VictimCase:
    """Record a crime and the person's case on it, and start the timeline with `crime_reported`.

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
    )  # `vulnerable` is set with the stored rights, when crime_reported is recorded below
    audit_record(actor=actor, action=Action.CREATE, obj=new_crime, person=person, case=vcase)
    audit_record(actor=actor, action=Action.CREATE, obj=vcase, person=person, case=vcase)
    event_record(actor=actor, case=vcase, type="crime_reported", occurred_at=crime.reported_at, source=source)
    # Imported here because safeguarding imports this module.
    from victimcare.safeguarding.services import repeat_victim_refresh

    repeat_victim_refresh(case=vcase)  # this case and the victim's others within the window
    return vcase


def _crime_create(*, force: Organisation, data: CrimeInput) -> Crime:
    reference = data.crime_reference.strip().upper()
    if not reference:
        raise CaseError("crime_reference", "Enter the crime reference")
    if Crime.objects.filter(force=force, crime_reference=reference).exists():
        raise CaseError(
            "crime_reference",
            f"Crime reference {reference} is already recorded for {force.name}. "
            "Check the reference, or find that crime's case to add another victim to it.",
        )
    _check_crime_vocabulary(data)
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
        raise CaseError("crime_reference", f"Crime reference {reference} is already recorded.") from None
    return crime


def _check_crime_vocabulary(data: CrimeInput) -> None:
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


@transaction.atomic
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
    """Append an event to the case timeline after validating it against its type.

    `about` must be an event on the same case of a type this one may answer;
    `corrects` must be an earlier event on the same case of the same type. The
    case's journey stage moves forward (never back) to the event's stage."""
    spec = EVENT_TYPES.get(type)
    if spec is None:
        raise CaseError("type", f"Unknown event type: {type}")
    try:
        cleaned = clean_payload(spec, payload or {})
    except PayloadError as err:
        raise CaseError(err.field, err.message) from None
    _check_links(case, spec.code, spec.about_types, spec.about_required, about, corrects)
    if timezone.is_naive(occurred_at):
        raise CaseError("occurred_at", "The time must include its time zone")
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise CaseError("occurred_at", "The date and time must not be in the future")
    event = Event.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        type=type,
        occurred_at=occurred_at,
        about=about,
        corrects=corrects,
        payload=cleaned,
        notes=notes,
        source=source,
        actor=actor,
        actor_label=actor_label or (actor.display_name if actor else "System"),
    )
    _advance_case(case, spec.stage, event)
    audit_record(
        actor=actor or actor_label or None,
        action=Action.CREATE,
        obj=event,
        person=case.person,
        case=case,
        detail=type,
    )
    case_rights_refresh(case=case)  # stored entitlements change in the same transaction
    victim_update_queue(event=event)  # the automatic update, if opted in; sent after commit
    # Partner systems' webhooks (a reaction: issue 10 moves it into the ordered list).
    from victimcare.api.reactions import webhooks_queue

    webhooks_queue(case=case, events=[event])
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
