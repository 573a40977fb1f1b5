"""Reads for the data protection officer (docs/adr/0053). Only a holder of
HANDLE_SUBJECT_ACCESS reads anything here, and only their own organisation's requests and the
people it holds; anyone else, or another organisation's record, is the same 404 as a missing one."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from victimcare.access.capabilities import Capability, can
from victimcare.cases.models import VictimCase
from victimcare.dataprotection.models import (
    OPEN_STATUSES,
    ErasureRecord,
    LegalHold,
    RectificationRequest,
    RetentionDecision,
    SarItem,
    SarRedaction,
    SubjectAccessRequest,
)
from victimcare.people.models import Person
from victimcare.people.names import name_key, prefix_range


def require_handler(user: Any) -> None:
    if not can(user, Capability.HANDLE_SUBJECT_ACCESS):
        raise Http404


def requests_for(user: Any) -> QuerySet[SubjectAccessRequest]:
    require_handler(user)
    return SubjectAccessRequest.objects.filter(organisation_id=user.organisation_id).defer("pdf", "archive")


def open_requests_for(user: Any) -> QuerySet[SubjectAccessRequest]:
    return requests_for(user).filter(status__in=OPEN_STATUSES).order_by("due_on", "id")


def request_for(user: Any, sar_id: int) -> SubjectAccessRequest:
    require_handler(user)
    try:
        return SubjectAccessRequest.objects.select_related("person", "organisation").get(
            pk=sar_id, organisation_id=user.organisation_id
        )
    except SubjectAccessRequest.DoesNotExist:
        raise Http404 from None


def item_for(user: Any, sar: SubjectAccessRequest, item_id: int) -> SarItem:
    try:
        return SarItem.objects.get(pk=item_id, request=sar)
    except SarItem.DoesNotExist:
        raise Http404 from None


def redaction_for(user: Any, sar: SubjectAccessRequest, redaction_id: int) -> SarRedaction:
    try:
        return SarRedaction.objects.select_related("item").get(pk=redaction_id, item__request=sar)
    except SarRedaction.DoesNotExist:
        raise Http404 from None


def people_held(user: Any) -> QuerySet[Person]:
    require_handler(user)
    return Person.objects.filter(organisation_id=user.organisation_id)


def person_for(user: Any, person_id: int) -> Person:
    try:
        return people_held(user).get(pk=person_id)
    except Person.DoesNotExist:
        raise Http404 from None


def find_people(
    user: Any, *, last_name: str, first_name: str = "", date_of_birth: Any = None
) -> list[Person]:
    """People held whose surname starts with `last_name` (and first name, and date of birth,
    where given): the candidates for a request or a restriction."""
    key = name_key(last_name)
    if not key:
        return []
    low, high = prefix_range(key)
    people = people_held(user).filter(last_name_key__gte=low, last_name_key__lt=high)
    first = name_key(first_name)
    if first:
        low, high = prefix_range(first)
        people = people.filter(first_name_key__gte=low, first_name_key__lt=high)
    if date_of_birth:
        people = people.filter(date_of_birth=date_of_birth)
    return list(people.order_by("last_name_key", "first_name_key")[:50])


def rectifications_of(person: Person) -> QuerySet[RectificationRequest]:
    return RectificationRequest.objects.filter(person=person).select_related("decided_by")


# --- retention (docs/adr/0052) -----------------------------------------------------------------


def require_retention(user: Any) -> None:
    if not can(user, Capability.ADMINISTER_RETENTION):
        raise Http404


def case_for_retention(user: Any, case_id: int) -> VictimCase:
    """One of the administrator's organisation's cases, erased or not; anyone else: 404."""
    require_retention(user)
    try:
        return VictimCase.objects.select_related("crime", "person").get(
            pk=case_id, organisation_id=user.organisation_id
        )
    except VictimCase.DoesNotExist:
        raise Http404 from None


def person_for_retention(user: Any, person_id: int) -> Person:
    require_retention(user)
    try:
        return Person.objects.get(pk=person_id, organisation_id=user.organisation_id)
    except Person.DoesNotExist:
        raise Http404 from None


def erasures_for(user: Any) -> QuerySet[ErasureRecord]:
    require_retention(user)
    return ErasureRecord.objects.filter(organisation_id=user.organisation_id).select_related(
        "erased_by", "decision"
    )


def holds_of(*, case: VictimCase | None = None, person: Person | None = None) -> QuerySet[LegalHold]:
    holds = LegalHold.objects.select_related("placed_by", "lifted_by")
    return holds.filter(case=case) if case is not None else holds.filter(person=person)


def decisions_of(
    *, case: VictimCase | None = None, person: Person | None = None
) -> QuerySet[RetentionDecision]:
    decisions = RetentionDecision.objects.select_related("decided_by")
    return decisions.filter(case=case) if case is not None else decisions.filter(person=person)
