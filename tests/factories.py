"""Builders for test data. They go through the services, as the pages do."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from victimcare.accounts.models import Team, User
from victimcare.cases.models import VictimCase
from victimcare.cases.services import CaseInput, CrimeInput, case_open, victim_care_organisation
from victimcare.people.models import Person
from victimcare.people.services import person_create, person_update, safe_contact_agreement_record

LONDON = ZoneInfo("Europe/London")
_refs = itertools.count(100001)  # clear of the fixtures' and tests' own DU/000NN/26 references


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


def make_person(
    actor: User,
    *,
    first_name: str = "Jane",
    last_name: str = "Smith",
    date_of_birth: date | None = date(1987, 2, 14),
    **data: Any,
) -> Person:
    return person_create(
        actor=actor,
        organisation=victim_care_organisation(actor),
        data={"first_name": first_name, "last_name": last_name, "date_of_birth": date_of_birth, **data},
    )


def agree_safe_contact(actor: User, person: Person) -> Person:
    """Record that the victim agreed their safe-contact rules (phone, if none are set), as a
    referral needs before it is sent."""
    if not person.allowed_channels:
        person_update(actor=actor, person=person, data={"allowed_channels": ["phone"]})
    return safe_contact_agreement_record(actor=actor, person=person, agreed=True)


def make_case(
    actor: User,
    *,
    person: Person | None = None,
    team: str | None = None,
    police_team: str | None = None,
    caseworker: User | None = None,
    officer_in_charge: User | None = None,
    reference: str | None = None,
    flags: tuple[str, ...] = (),
    reported_at: datetime | None = None,
    crime_type: str = "Violence and sexual offences",
    offence: str = "8N",
) -> VictimCase:
    person = person or make_person(actor)
    return case_open(
        actor=actor,
        person=person,
        crime=CrimeInput(
            crime_reference=reference or f"DU/{next(_refs)}/26",
            ho_offence_code=offence,
            crime_type=crime_type,
            reported_at=reported_at or local(2026, 3, 2, 10, 0),
            flags=flags,
            team=Team.objects.get(name=police_team) if police_team else None,
        ),
        case=CaseInput(
            team=Team.objects.get(name=team) if team else None,
            caseworker=caseworker,
            officer_in_charge=officer_in_charge,
        ),
    )


def make_victim_case(personas: dict[str, User], *, reference: str, **person: Any) -> VictimCase:
    """Jane Smith's case on team North (cara's), officer in charge olly; she agreed to email and
    text messages. `person` overrides her details (e.g. language="cy")."""
    details = {
        "first_name": "Jane",
        "last_name": "Smith",
        "email": "jane@example.com",
        "phone": "07700900982",
        "allowed_channels": ["email", "sms"],
        **person,
    }
    return make_case(
        personas["cara"],
        person=make_person(personas["cara"], **details),
        team="Victim care North",
        police_team="Durham City",
        caseworker=personas["cara"],
        officer_in_charge=personas["olly"],
        reference=reference,
    )
