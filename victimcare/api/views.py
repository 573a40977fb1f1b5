"""The partner API: one function per operation. Each parses its input with its serializer,
finds records only through the access gate (out of scope is the same 404 as missing), calls
the same service as the pages, writes the audit row for what it showed, and answers with its
output serializer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from victimcare.access.capabilities import Capability, can
from victimcare.access.gate import (
    access_case_for_user,
    access_person_for_user,
    access_referral_for_user,
    cases_visible_to,
    referrals_visible_to,
)
from victimcare.accounts.models import Team, User
from victimcare.api import serializers as s
from victimcare.api.operations import ViewFunc, operation
from victimcare.api.pagination import page
from victimcare.api.problems import StateConflict, field_error
from victimcare.audit.models import Action
from victimcare.audit.services import LISTED_IDS_CAP, audit_record
from victimcare.cases.models import Crime, Event, EventSource, VictimCase
from victimcare.cases.services import (
    CaseError,
    CaseInput,
    CrimeInput,
    case_open,
    event_record,
    force_for,
    victim_care_organisation,
)
from victimcare.people.models import Person
from victimcare.people.services import person_create
from victimcare.rights.models import Entitlement
from victimcare.support.models import Referral
from victimcare.support.services import SupportError, referral_step, who_may_record

REFERENCE = OpenApiParameter("reference", OpenApiTypes.STR, description="Only the crime with this reference")
PAGING = [
    OpenApiParameter("cursor", OpenApiTypes.STR, description="From a page's next or previous link"),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="Rows per page, 1 to 200 (default 50)"),
]


def _user(request: Request) -> User:
    user: User = request.user  # type: ignore[assignment]
    return user


def _audit_look(
    request: Request,
    what: str,
    *,
    obj: Any = None,
    case: VictimCase | None = None,
    rows: list[Any] | None = None,
) -> None:
    """One audit row for what a call showed: the record (and its victim), or a list's ids (as
    the pages' `audit_list` writes them)."""
    records = [r.pk for r in rows] if rows is not None else None
    audit_record(
        actor=request.user,
        action=Action.VIEW if records is None else Action.LIST,
        obj=obj,
        person=case.person if case is not None else (obj if isinstance(obj, Person) else None),
        case=case,
        changes={"shown": len(records), "ids": records[:LISTED_IDS_CAP], "of": what}
        if records is not None
        else None,
        detail=f"API {request.method} {request.path}: {what}",
        request=request._request,
    )


def _listed(
    request: Request, rows: QuerySet[Any], ordering: Any, out: Any, what: str, **audit: Any
) -> Response:
    items, links = page(request, rows, ordering)
    _audit_look(request, what, rows=items, **audit)
    return Response({**links, "results": out(items, many=True).data})


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    data: dict[str, Any] = serializer.validated_data
    return data


# --- crimes ------------------------------------------------------------------------------------


def _crimes(user: User) -> QuerySet[Crime]:
    visible = cases_visible_to(user).filter(crime_id=OuterRef("pk"))
    return Crime.objects.filter(Exists(visible)).select_related("force")


@operation(
    "GET",
    scope="cases:read",
    summary="List crimes",
    response=s.page_of(s.CrimeOut, "CrimePage"),
    parameters=[REFERENCE, *PAGING],
    tag="crimes",
)
def crime_list(request: Request) -> Response:
    """Crimes with a case this client may see, oldest first; `reference` finds one crime."""
    rows = _crimes(_user(request))
    reference = request.query_params.get("reference")
    if reference is not None:
        rows = rows.filter(crime_reference=reference.strip().upper())
    return _listed(request, rows, "id", s.CrimeOut, "crimes")


@operation("GET", scope="cases:read", summary="Read a crime", response=s.CrimeOut, tag="crimes")
def crime_detail(request: Request, crime_id: int) -> Response:
    crime = _crimes(_user(request)).filter(pk=crime_id).first()
    if crime is None:
        raise Http404
    _audit_look(request, "crime", obj=crime)
    return Response(s.CrimeOut(crime).data)


# --- victims -----------------------------------------------------------------------------------


@operation(
    "POST",
    scope="cases:write",
    summary="Add a victim",
    request=s.VictimIn,
    response=s.VictimOut,
    status=201,
    tag="victims",
)
def victim_create(request: Request) -> Response:
    """Add a victim, before opening their case. Checked and audited as on the staff pages."""
    user = _user(request)
    if not can(user, Capability.OPEN_CASES):
        raise exceptions.PermissionDenied("This client's role does not add victims.")
    data = _valid(s.VictimIn, request)
    try:
        person = person_create(actor=user, organisation=victim_care_organisation(user), data=data)
    except CaseError as err:
        raise field_error(err.field, err.message) from None
    return Response(
        s.VictimOut(person).data, status=201, headers={"Location": f"/api/v1/victims/{person.pk}/"}
    )


@operation("GET", scope="cases:read", summary="Read a victim", response=s.VictimOut, tag="victims")
def victim_detail(request: Request, victim_id: int) -> Response:
    person = access_person_for_user(request.user, victim_id)
    _audit_look(request, "victim", obj=person)
    return Response(s.VictimOut(person).data)


# --- cases -------------------------------------------------------------------------------------


@operation(
    "GET",
    scope="cases:read",
    summary="List cases",
    response=s.page_of(s.CaseOut, "CasePage"),
    parameters=PAGING,
    tag="cases",
)
def case_list(request: Request) -> Response:
    """Cases this client may see, oldest first."""
    rows = cases_visible_to(request.user).select_related("crime", "crime__force")
    return _listed(request, rows, "id", s.CaseOut, "cases")


@operation("GET", scope="cases:read", summary="Read a case", response=s.CaseOut, tag="cases")
def case_detail(request: Request, case_id: int) -> Response:
    vcase = access_case_for_user(request.user, case_id)
    _audit_look(request, "case", obj=vcase, case=vcase)
    return Response(s.CaseOut(vcase).data)


@operation(
    "POST",
    scope="cases:write",
    summary="Open a case",
    request=s.CaseIn,
    response=s.CaseOut,
    status=201,
    tag="cases",
)
def case_create(request: Request) -> Response:
    """Record a crime and the victim's case on it. The timeline starts with `crime_reported`,
    and the victim's entitlements are computed, as when staff open a case."""
    user = _user(request)
    if not can(user, Capability.OPEN_CASES):
        raise exceptions.PermissionDenied("This client's role does not open cases.")
    data = _valid(s.CaseIn, request)
    try:
        person = access_person_for_user(user, data["victim"], write=True)
    except Http404:
        raise field_error("victim", "There is no victim with this id that this client may see") from None
    crime = data["crime"]
    try:
        vcase = case_open(
            actor=user,
            person=person,
            crime=CrimeInput(
                crime_reference=crime["crime_reference"],
                ho_offence_code=crime["ho_offence_code"],
                crime_type=crime["crime_type"],
                reported_at=crime["reported_at"],
                occurred_at=crime.get("occurred_at"),
                flags=tuple(crime.get("flags", ())),
                lsoa_code=crime.get("lsoa_code", ""),
                lsoa_name=crime.get("lsoa_name", ""),
                summary=crime.get("summary", ""),
                team=_police_team(user, crime.get("team")),
            ),
            case=CaseInput(role=data.get("role", "victim")),
            source=EventSource.API,
        )
    except CaseError as err:
        top_level = {"victim", "role"}  # the fields of the case itself; the rest are the crime's
        field = err.field if err.field in top_level else f"crime.{err.field}"
        raise field_error(field, err.message) from None
    vcase.refresh_from_db()
    return Response(s.CaseOut(vcase).data, status=201, headers={"Location": f"/api/v1/cases/{vcase.pk}/"})


def _police_team(user: User, team_id: int | None) -> Team | None:
    """The crime's police team: the one named (of the client's force), or the client's own team
    when it has exactly one (so a police officer's system sees the crimes it records)."""
    try:
        force = force_for(user)
    except CaseError as err:
        raise field_error("crime.team", err.message) from None
    if team_id is None:
        own = list(user.teams.filter(organisation=force)[:2])
        return own[0] if len(own) == 1 else None
    team = Team.objects.filter(pk=team_id, organisation=force).first()
    if team is None:
        raise field_error("crime.team", f"Choose a team of {force.name}")
    return team


# --- events ------------------------------------------------------------------------------------


@operation(
    "GET",
    scope="cases:read",
    summary="Read a case's timeline",
    response=s.page_of(s.EventOut, "EventPage"),
    parameters=PAGING,
    tag="events",
)
def event_list(request: Request, case_id: int) -> Response:
    """The case's events in the order they happened, corrections included (each points at the
    event it corrects)."""
    vcase = access_case_for_user(request.user, case_id)
    rows = Event.objects.filter(case=vcase)
    return _listed(request, rows, ("occurred_at", "id"), s.EventOut, "timeline", case=vcase)


@operation(
    "POST",
    scope="events:write",
    summary="Record an event on a case",
    request=s.EventIn,
    response=s.EventOut,
    status=201,
    tag="events",
)
def event_create(request: Request, case_id: int) -> Response:
    """Record an event (a charge, a hearing, an outcome...) on the case's timeline. It is checked
    against its type as on the staff pages, and the victim's entitlements are recomputed in
    the same transaction: a `suspect_charged` starts the Right 6 clock."""
    user = _user(request)
    vcase = access_case_for_user(user, case_id, write=True)
    data = _valid(s.EventIn, request)
    about = _case_event(vcase, data.get("about"), "about")
    corrects = _case_event(vcase, data.get("corrects"), "corrects")
    try:
        event = event_record(
            actor=user,
            case=vcase,
            type=data["type"],
            occurred_at=data["occurred_at"],
            payload=data.get("payload") or {},
            about=about,
            corrects=corrects,
            notes=data.get("notes", ""),
            source=EventSource.API,
        )
    except CaseError as err:
        field = (
            err.field if err.field in ("type", "occurred_at", "about", "corrects") else f"payload.{err.field}"
        )
        raise field_error(field, err.message) from None
    location = f"/api/v1/cases/{vcase.pk}/events/"
    return Response(s.EventOut(event).data, status=201, headers={"Location": location})


def _case_event(vcase: VictimCase, event_id: int | None, field: str) -> Event | None:
    if event_id is None:
        return None
    event = Event.objects.filter(case=vcase, pk=event_id).first()
    if event is None:
        raise field_error(field, "There is no event with this id on this case")
    return event


# --- entitlements ------------------------------------------------------------------------------


@operation(
    "GET",
    scope="cases:read",
    summary="Read a case's entitlements",
    response=s.page_of(s.EntitlementOut, "EntitlementPage"),
    parameters=PAGING,
    tag="entitlements",
)
def entitlement_list(request: Request, case_id: int) -> Response:
    """What the victim is owed under the Victims' Code, each with its due date and its status
    today (pending, overdue, met, late, not applicable...)."""
    vcase = access_case_for_user(request.user, case_id)
    rows = Entitlement.objects.filter(case=vcase)
    return _listed(request, rows, "id", s.EntitlementOut, "entitlements", case=vcase)


# --- referrals ---------------------------------------------------------------------------------


@operation(
    "GET",
    scope="referrals:read",
    summary="List referrals",
    response=s.page_of(s.ReferralOut, "ReferralPage"),
    parameters=PAGING,
    tag="referrals",
)
def referral_list(request: Request) -> Response:
    """For a provider's system, the referrals sent to it, newest first."""
    rows = referrals_visible_to(request.user).select_related("service")
    return _listed(request, rows, "-id", s.ReferralOut, "referrals")


@operation("GET", scope="referrals:read", summary="Read a referral", response=s.ReferralOut, tag="referrals")
def referral_detail(request: Request, referral_id: int) -> Response:
    referral: Referral = access_referral_for_user(request.user, referral_id)
    _audit_look(request, "referral", obj=referral, case=referral.case)
    return Response(s.ReferralOut(referral).data)


def _step(request: Request, referral_id: int, action: str, serializer: Any) -> Response:
    user = _user(request)
    referral: Referral = access_referral_for_user(user, referral_id, write=True)
    data = _valid(serializer, request)
    why = who_may_record(referral, user, action)
    if why:
        raise exceptions.PermissionDenied(why)
    try:
        referral = referral_step(
            actor=user,
            referral=referral,
            action=action,
            occurred_at=data.get("occurred_at"),
            reason=data.get("reason", ""),
            outcome=data.get("outcome", ""),
            channel=data.get("channel", ""),
            notes=data.get("notes", ""),
            source=EventSource.API,
        )
    except SupportError as err:
        if err.field == "action":
            raise StateConflict(err.message) from None
        raise field_error("occurred_at" if err.field == "occurred_on" else err.field, err.message) from None
    return Response(s.ReferralOut(referral).data)


def _step_operation(summary: str, body: Any) -> Callable[[ViewFunc], ViewFunc]:
    return operation(
        "POST",
        scope="referrals:write",
        summary=summary,
        request=body,
        response=s.ReferralOut,
        errors=(409,),
        tag="referrals",
    )


@_step_operation("Accept a referral", s.StepIn)
def referral_accept(request: Request, referral_id: int) -> Response:
    """The service takes the referral on."""
    return _step(request, referral_id, "accept", s.StepIn)


@_step_operation("Decline a referral", s.DeclineIn)
def referral_decline(request: Request, referral_id: int) -> Response:
    """The service cannot take the referral; the reason is shown to the victim care service."""
    return _step(request, referral_id, "decline", s.DeclineIn)


@_step_operation("Record first contact", s.FirstContactIn)
def referral_first_contact(request: Request, referral_id: int) -> Response:
    return _step(request, referral_id, "first_contact", s.FirstContactIn)


@_step_operation("Record that the victim is engaging", s.StepIn)
def referral_engagement(request: Request, referral_id: int) -> Response:
    return _step(request, referral_id, "engage", s.StepIn)


@_step_operation("Record the outcome and close the referral", s.OutcomeIn)
def referral_outcome(request: Request, referral_id: int) -> Response:
    return _step(request, referral_id, "close", s.OutcomeIn)
