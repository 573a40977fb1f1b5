"""Staff pages for cases: caseload, search, the case page, recording events and opening cases."""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from victimcare.access.capabilities import Capability, can, holders
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_case_for_user, access_person_for_user, cases_visible_to
from victimcare.accounts.models import Organisation, Team, User
from victimcare.audit.models import Action, AuditEvent
from victimcare.audit.services import audit_list, audit_look, audit_record
from victimcare.cases import selectors
from victimcare.cases.events import EVENT_TYPES
from victimcare.cases.forms import (
    CaseAssignmentForm,
    CaseloadFilterForm,
    CrimeCaseForm,
    EventForm,
    EventTypeForm,
    SearchForm,
)
from victimcare.cases.next_steps import case_tasks
from victimcare.cases.services import (
    CASE_FIELDS,
    CaseError,
    CaseInput,
    CrimeInput,
    ReferenceTaken,
    case_open,
    case_update,
    event_record,
    victim_care_organisation,
)
from victimcare.forms import combine_local
from victimcare.refusals import refusal_on_form


def _teams_for(user: User) -> QuerySet[Team]:
    """Teams a user can filter or assign by: their organisation's, and for police the OPCC's."""
    org = user.organisation
    if org is None:
        return Team.objects.none()
    orgs = Q(organisation=org)
    if can(user, Capability.ASSIGN_VICTIM_CARE_TEAMS):
        with suppress(CaseError):  # no victim care service set up for the area: own teams only
            orgs |= Q(organisation=victim_care_organisation(user))
    return Team.objects.filter(orgs).select_related("organisation")


@staff_required
def caseload(request: StaffRequest) -> HttpResponse:
    if not can(request.user, Capability.WORK_CASES):
        raise Http404
    user = request.user
    form = CaseloadFilterForm(
        request.GET or None, teams=_teams_for(user), safeguarding=can(user, Capability.SAFEGUARD)
    )
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "stage": data["stage"],
            "team": data["team"],
            "flags": data["flag"],
            "sort": data["sort"] or "-opened",
        }
    cases = selectors.caseload(user, **filters)
    page = Paginator(cases, settings.PAGE_SIZE, allow_empty_first_page=True).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    shown = list(page.object_list)
    risk = selectors.risk_flags(user, shown)
    rows = [(case, risk.get(case.id)) for case in shown]
    audit_list(request, what=f"caseload, page {page.number}", rows=shown)
    return render(
        request, "cases/caseload.html", {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    )


@staff_required
def search(request: StaffRequest) -> HttpResponse:
    if not can(request.user, Capability.WORK_CASES):
        raise Http404
    form = SearchForm(request.GET or None, reference_example=selectors.reference_example(request.user))
    result = None
    if request.GET and form.is_valid():
        result = selectors.search(request.user, form.cleaned_data["q"])
    # The query may be a victim's name or date of birth, so the search itself is audited,
    # with whom it found (the similar names too); the empty form shows no one, and says so.
    found = [*result.people, *result.similar] if result is not None else []
    what = f"search by {result.kind}" if result is not None else "search form"
    audit_list(request, what=what, rows=found, action=Action.SEARCH if result is not None else Action.LIST)
    return render(
        request,
        "cases/search.html",
        {"form": form, "result": result, "can_create": can(request.user, Capability.OPEN_CASES)},
    )


# The timeline shows its latest entries; earlier ones open on request, so a long case stays usable.
TIMELINE_SHOWN = 25


@staff_required
def case_detail(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id)
    audit_look(request, case=vcase)
    today = timezone.localdate()
    events = list(vcase.events.select_related("about", "actor").order_by("-occurred_at", "-id"))
    corrected = {e.corrects_id for e in events if e.corrects_id}
    # The other victims of the crime, only those whose cases this user may see.
    others = list(
        cases_visible_to(request.user)
        .filter(crime_id=vcase.crime_id)
        .exclude(pk=vcase.pk)
        .select_related("person")
        .order_by("opened_at", "id")
    )
    for other in others:  # their names are shown here, so their trail shows this look
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            obj=other,
            person=other.person,
            case=other,
            detail="listed on another victim's case page",
            request=request,
        )
    risk = selectors.risk_flags(request.user, [vcase]).get(vcase.id)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": vcase,
            "person": vcase.person,
            "crime": vcase.crime,
            "events": events,
            "corrected_ids": corrected,
            "other_cases": others,
            "risk": risk,
            "today": today,
            "can_write": can(request.user, Capability.WORK_CASES),
            "can_safeguard": can(request.user, Capability.SAFEGUARD),
            "tasks": case_tasks(request.user, vcase, today, risk),
            "recent_events": events[:TIMELINE_SHOWN],
            "earlier_events": events[TIMELINE_SHOWN:],
        },
    )


@staff_required
def event_create(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id, write=True)
    event_type = EVENT_TYPES.get(request.GET.get("type", ""))
    if event_type is None or not event_type.staff_recordable:
        # The chooser submits ?type=...; a valid choice lands on that type's form above.
        type_form = EventTypeForm(request.GET or None)
        type_form.is_valid()
        return render(request, "cases/event_choose.html", {"case": vcase, "form": type_form})
    # ?about=<event id> pre-selects the event answered (the rights "Record it" links).
    initial = {"about": request.GET["about"]} if request.GET.get("about", "").isdigit() else {}
    form = EventForm(
        request.POST or None, event_type=event_type, case_events=vcase.events.all(), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event_record(
                actor=request.user,
                case=vcase,
                type=event_type.code,
                occurred_at=combine_local(data["occurred_on"], data["occurred_time"]),
                payload=form.payload(),
                about=data.get("about"),
                corrects=data.get("corrects"),
                notes=data["notes"],
            )
        except CaseError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"{event_type.label} recorded")
            return redirect("cases:detail", case_id=vcase.id)
    return render(request, "cases/event_form.html", {"case": vcase, "form": form, "event_type": event_type})


def _own_team(user: User, teams: QuerySet[Team]) -> Team | None:
    """The team a new case starts in: the user's own (the first, by name, of theirs that they
    may assign to), or none when they are in no team."""
    return teams.filter(pk__in=user.teams.values("pk")).order_by("name", "id").first()


@staff_required
def case_open_for_person(request: StaffRequest, person_id: int) -> HttpResponse:
    if not can(request.user, Capability.OPEN_CASES):
        raise Http404
    person = access_person_for_user(request.user, person_id, write=True)
    user = request.user
    teams = _teams_for(user)
    form = CrimeCaseForm(
        request.POST or None,
        teams=teams,
        reference_example=selectors.reference_example(user),
        initial={"team": _own_team(user, teams)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reported = combine_local(data["reported_on"], data["reported_time"])
        occurred = combine_local(data["occurred_on"], None) if data["occurred_on"] else None
        crime = CrimeInput(
            crime_reference=data["crime_reference"],
            ho_offence_code=data["ho_offence_code"],
            crime_type=data["crime_type"],
            reported_at=reported,
            occurred_at=occurred,
            flags=tuple(data["flags"]),
            lsoa_code=data["lsoa_code"],
            summary=data["summary"],
            team=_police_team(user, data["team"]),
        )
        case = CaseInput(
            team=data["team"] if _is_victim_care_team(data["team"]) else None,
            role=data["role"],
            **self_assignment(user),
        )
        try:
            if reference_tries_left(user) <= 0:
                raise CaseError("crime_reference", TOO_MANY_REFERENCES)
            vcase = case_open(actor=user, person=person, crime=crime, case=case)
        except ReferenceTaken as err:
            # Outside case_open's transaction, so the try is counted although nothing was opened.
            audit_record(
                actor=user, action=Action.SEARCH, person=person, detail=REFERENCE_TAKEN, request=request
            )
            refusal_on_form(form, err)
        except CaseError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"Case opened for crime {vcase.crime.crime_reference}")
            return redirect("cases:detail", case_id=vcase.id)
    return render(request, "cases/case_new.html", {"person": person, "form": form})


REFERENCE_TAKEN = "crime reference already recorded"
REFERENCE_TRIES = 10  # in an hour: enough for typing slips, too few to probe for references
TOO_MANY_REFERENCES = (
    "You have entered too many crime references that are already recorded. Wait an hour, or "
    "ask a supervisor to open this case."
)


def reference_tries_left(user: User) -> int:
    """How many more already-recorded references this user may enter this hour."""
    since = timezone.now() - timedelta(hours=1)
    used = AuditEvent.objects.filter(actor=user, detail=REFERENCE_TAKEN, at__gte=since).count()
    return REFERENCE_TRIES - used


def self_assignment(user: User) -> dict[str, User | None]:
    """Who opens a case takes it: a caseworker as its caseworker, an officer as officer in charge."""
    return {
        "caseworker": user if can(user, Capability.CASEWORKER_ON_CASES_THEY_OPEN) else None,
        "officer_in_charge": user if can(user, Capability.BE_OFFICER_IN_CHARGE) else None,
    }


def _is_victim_care_team(team: Team | None) -> bool:
    return team is not None and team.organisation.kind == Organisation.Kind.OPCC


def _police_team(user: User, team: Team | None) -> Team | None:
    """The crime's police team: the one chosen if it is a police team, else an officer's own team."""
    if team is not None and team.organisation.kind == Organisation.Kind.POLICE_FORCE:
        return team
    if can(user, Capability.BE_OFFICER_IN_CHARGE):
        return user.teams.filter(organisation=user.organisation).first()
    return None


@staff_required
def case_edit(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id, write=True)
    user = request.user
    staff = User.objects.filter(is_active=True).order_by("last_name", "first_name")
    form = CaseAssignmentForm(
        request.POST or None,
        teams=_teams_for(user),
        caseworkers=staff.filter(holders(Capability.BE_CASEWORKER), organisation_id=vcase.organisation_id),
        officers=staff.filter(holders(Capability.BE_OFFICER_IN_CHARGE), organisation_id=vcase.crime.force_id),
        initial={name: getattr(vcase, name) for name in CASE_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        case_update(actor=user, case=vcase, data=form.cleaned_data)
        messages.success(request, "Case details saved")
        return redirect("cases:detail", case_id=vcase.id)
    return render(request, "cases/case_edit.html", {"case": vcase, "form": form})
