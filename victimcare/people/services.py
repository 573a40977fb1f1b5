"""State changes to people. Each is a transaction that writes its audit row."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from victimcare.accounts.models import Organisation, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes, snapshot
from victimcare.people.models import Person, ProcessingRestriction, restriction_in_force
from victimcare.people.names import name_key
from victimcare.people.pipeline import person_reactions_run
from victimcare.refusals import Refusal

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "email",
    "phone",
    "address",
    "postcode",
    "home_area",
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


NOT_AGREED_HINT = "for example, the victim could not be reached safely"


@transaction.atomic
def safe_contact_agreement_record(
    *, actor: User, person: Person, agreed: bool, reason: str = "", at: datetime | None = None
) -> Person:
    """Record that the victim's safe-contact rules (SAFE_CONTACT_FIELDS) were agreed with them,
    or why they could not be. A referral is refused until one or the other is recorded
    (support.services.referral_send). Recording again replaces the answer; the audit trail
    keeps each one (the reason itself is kept out of it: it may say where the victim is)."""
    reason = reason.strip()
    if agreed and not person.allowed_channels:
        raise Refusal(
            "allowed_channels",
            "Choose at least one way the victim agreed to be contacted, or say that the rules "
            "could not be agreed and why",
        )
    if not agreed and not reason:
        raise Refusal(
            "safe_contact_not_agreed_reason", f"Enter why the rules could not be agreed ({NOT_AGREED_HINT})"
        )
    was = (
        "agreed"
        if person.safe_contact_agreed
        else "not agreed"
        if person.safe_contact_settled
        else "not asked"
    )
    person.safe_contact_recorded_at = at or timezone.now()
    person.safe_contact_recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    person.safe_contact_not_agreed_reason = "" if agreed else reason
    person.save(
        update_fields=[
            "safe_contact_recorded_at",
            "safe_contact_recorded_by",
            "safe_contact_not_agreed_reason",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=person,
        person=person,
        changes={"safe_contact": [was, "agreed" if agreed else "not agreed"]},
        detail="safe-contact rules agreed with the victim" if agreed else "safe-contact rules not agreed",
    )
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


# --- restriction of processing (UK GDPR art. 18; docs/adr/0053) ------------------------------


@transaction.atomic
def person_restrict(
    *, actor: User, person: Person, reason: str, at: datetime | None = None
) -> ProcessingRestriction:
    """Mark the person's data restricted: from now it is only stored, not used (no messages,
    referrals or surveys) until the restriction is lifted. Refused while one is in force."""
    reason = reason.strip()
    if not reason:
        raise Refusal(
            "reason",
            "Enter why processing is restricted (for example, the person disputes that their details are accurate)",
        )
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if restriction_in_force(person.pk) is not None:
        raise Refusal("reason", "Processing of this person's data is already restricted")
    restriction = ProcessingRestriction.objects.create(
        person=person, reason=reason, restricted_at=at or timezone.now(), restricted_by=actor
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=restriction,
        person=person,
        changes={"processing": ["not restricted", "restricted"]},
        detail="processing restricted",
    )
    return restriction


@transaction.atomic
def person_restriction_lift(
    *, actor: User, person: Person, reason: str, at: datetime | None = None
) -> ProcessingRestriction:
    """Lift the restriction in force (the person must be told before: UK GDPR art. 18(3))."""
    reason = reason.strip()
    if not reason:
        raise Refusal("lift_reason", "Enter why the restriction is lifted")
    Person.objects.select_for_update().filter(pk=person.pk).first()
    restriction = restriction_in_force(person.pk)
    if restriction is None:
        raise Refusal("lift_reason", "Processing of this person's data is not restricted")
    restriction.lifted_at = at or timezone.now()
    restriction.lifted_by = actor
    restriction.lift_reason = reason
    restriction.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=restriction,
        person=person,
        changes={"processing": ["restricted", "not restricted"]},
        detail="restriction of processing lifted",
    )
    return restriction
