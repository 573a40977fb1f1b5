"""State changes to people. Each is a transaction that writes its audit row."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from victimcare.accounts.models import Organisation, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes, snapshot
from victimcare.people.models import Person
from victimcare.people.names import name_key
from victimcare.people.pipeline import person_reactions_run

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "email",
    "phone",
    "address",
    "postcode",
    "email_unsafe",
    "phone_unsafe",
    "address_unsafe",
    "allowed_channels",
    "safe_time_from",
    "safe_time_to",
    "no_voicemail",
    "no_letters",
    "code_word",
    "language",
    "other_language",
    "interpreter_needed",
    "accessibility_needs",
    "sex",
    "gender_identity_same_as_sex",
    "ethnicity",
    "disability",
    "religion",
    "sexual_orientation",
    "flags",
)


@transaction.atomic
def person_create(*, actor: User, organisation: Organisation, data: dict[str, Any]) -> Person:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")
    person = Person(organisation=organisation, created_by=actor, **data)
    person.full_clean()
    person.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=person,
        person=person,
        changes=field_changes({}, snapshot(person, data), Person.SENSITIVE_FIELDS),
    )
    return person


@transaction.atomic
def person_update(*, actor: User, person: Person, data: dict[str, Any]) -> Person:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")
    before = snapshot(person, data)
    for name, value in data.items():
        setattr(person, name, value)
    person.full_clean()
    changes = field_changes(before, snapshot(person, data), Person.SENSITIVE_FIELDS)
    if changes:
        person.save()
        audit_record(actor=actor, action=Action.UPDATE, obj=person, person=person, changes=changes)
        # What follows (victimcare/pipeline/order.py): their cases' rights and derived flags.
        person_reactions_run(person=person, changed=frozenset(changes))
    return person


def possible_duplicates(
    people: QuerySet[Person], *, first_name: str, last_name: str, date_of_birth: date | None
) -> QuerySet[Person]:
    """People (within the caller's scope) who may be the same person: the same surname and
    date of birth, or the same first name and surname. Callers pass an already gated
    queryset so that the warning never reveals someone outside the user's scope."""
    first, last = name_key(first_name), name_key(last_name)
    same_name = Q(first_name_key=first, last_name_key=last)
    match = same_name | Q(last_name_key=last, date_of_birth=date_of_birth) if date_of_birth else same_name
    return people.filter(match).order_by("last_name_key", "first_name_key")[:10]
