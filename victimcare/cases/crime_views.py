"""Staff pages for a crime: its victims' cases (only those the user may see), adding another
victim to it, and correcting its facts. A crime is reached through its cases: whoever sees no
case on it gets the same 404 as for a crime that does not exist."""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_crime_for_user, access_person_for_user, cases_visible_to
from victimcare.audit.models import Action
from victimcare.audit.services import audit_list, audit_record
from victimcare.cases import selectors
from victimcare.cases.crime_forms import AddToCrimeForm, CrimeCorrectionForm, CrimeOutcomeForm
from victimcare.cases.crime_services import case_add_to_crime, crime_correct, crime_outcome_record
from victimcare.cases.forms import SearchForm
from victimcare.cases.models import Crime, Event, VictimCase
from victimcare.cases.reactions import OUTCOME_RECORDED, uncorrected
from victimcare.cases.services import CaseError, CaseInput, timeline_moment
from victimcare.cases.views import _is_victim_care_team, _own_team, _teams_for, self_assignment
from victimcare.forms import combine_local
from victimcare.refusals import refusal_on_form


@staff_required
def crime_detail(request: StaffRequest, crime_id: int) -> HttpResponse:
    crime = access_crime_for_user(request.user, crime_id)
    cases = list(
        cases_visible_to(request.user)
        .filter(crime=crime)
        .select_related("person", "team", "caseworker")
        .order_by("opened_at", "id")
    )
    for vcase in cases:  # each victim's "who looked at my record" shows this page
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            obj=crime,
            person=vcase.person,
            case=vcase,
            detail="crime page",
            request=request,
        )
    return render(
        request,
        "cases/crime_detail.html",
        {
            "crime": crime,
            "cases": cases,
            "can_add_victim": can(request.user, Capability.OPEN_CASES),
            "can_correct": can(request.user, Capability.OPEN_CASES),
            "cases_with_outcome": _cases_with_current_outcome(crime, cases),
            "can_write": can(request.user, Capability.WORK_CASES),
        },
    )


def _cases_with_current_outcome(crime: Crime, cases: list[VictimCase]) -> set[int]:
    """The cases whose timeline carries the crime's current outcome, so staff see which victims
    have not had it recorded (and so have not been told)."""
    if crime.outcome_type is None:
        return set()
    outcomes = uncorrected(Event.objects.filter(case__in=cases, type=OUTCOME_RECORDED))
    return set(outcomes.filter(payload__outcome_type=crime.outcome_type).values_list("case_id", flat=True))


def _crime_for_adding(request: StaffRequest, crime_id: int) -> Crime:
    if not can(request.user, Capability.OPEN_CASES):
        raise Http404
    return access_crime_for_user(request.user, crime_id, write=True)


@staff_required
def crime_add_victim(request: StaffRequest, crime_id: int) -> HttpResponse:
    """Find the person to add (the staff search), or add a new one (the people flow, with its
    duplicate warning, which comes back here)."""
    crime = _crime_for_adding(request, crime_id)
    form = SearchForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        result = selectors.search(request.user, form.cleaned_data["q"])
    found = result.people if result is not None else []
    what = (
        f"add a victim to crime {crime.pk}, search by {result.kind}" if result else "add a victim to a crime"
    )
    audit_list(request, what=what, rows=found, action=Action.SEARCH if result is not None else Action.LIST)
    on_crime = set(crime.cases.values_list("person_id", flat=True))
    return render(
        request,
        "cases/crime_add_victim.html",
        {"crime": crime, "form": form, "result": result, "on_crime": on_crime},
    )


@staff_required
def crime_add_case(request: StaffRequest, crime_id: int, person_id: int) -> HttpResponse:
    crime = _crime_for_adding(request, crime_id)
    person = access_person_for_user(request.user, person_id, write=True)
    user = request.user
    teams = _teams_for(user)
    form = AddToCrimeForm(request.POST or None, teams=teams, initial={"team": _own_team(user, teams)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reported = combine_local(data["reported_on"], data["reported_time"]) if data["reported_on"] else None
        case = CaseInput(
            team=data["team"] if _is_victim_care_team(data["team"]) else None,
            role=data["role"],
            **self_assignment(user),
        )
        try:
            vcase = case_add_to_crime(actor=user, crime=crime, person=person, case=case, reported_at=reported)
        except CaseError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"{person.full_name} added to crime {crime.crime_reference}")
            return redirect("cases:detail", case_id=vcase.id)
    return render(request, "cases/crime_add_case.html", {"crime": crime, "person": person, "form": form})


@staff_required
def crime_correct_view(request: StaffRequest, crime_id: int) -> HttpResponse:
    if not can(request.user, Capability.OPEN_CASES):
        raise Http404
    crime = access_crime_for_user(request.user, crime_id, write=True)
    has_outcome = crime.outcome_type is not None
    form = CrimeCorrectionForm(request.POST or None, initial=_facts_initial(crime), has_outcome=has_outcome)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            "ho_offence_code": data["ho_offence_code"],
            "crime_type": data["crime_type"],
            "flags": tuple(data["flags"]),
            "lsoa_code": data["lsoa_code"],
            "lsoa_name": data["lsoa_name"],
            "occurred_at": _moment(crime.occurred_at, data["occurred_on"], None),
            "reported_at": _moment(crime.reported_at, data["reported_on"], data["reported_time"]),
        }
        if data["outcome_type"] is not None or has_outcome:
            changes["outcome_type"] = data["outcome_type"]
            changes["outcome_at"] = _moment(crime.outcome_at, data["outcome_on"], None)
        try:
            crime_correct(actor=request.user, crime=crime, changes=changes, reason=data["reason"])
        except CaseError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, "Crime details corrected on the timeline of every victim of this crime")
            return redirect("crimes:detail", crime_id=crime.id)
    return render(request, "cases/crime_correct.html", {"crime": crime, "form": form})


@staff_required
def crime_outcome_view(request: StaffRequest, crime_id: int) -> HttpResponse:
    """Record the crime's outcome on the timeline of every victim of the crime."""
    if not can(request.user, Capability.OPEN_CASES):
        raise Http404
    crime = access_crime_for_user(request.user, crime_id, write=True)
    form = CrimeOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            crime_outcome_record(
                actor=request.user,
                crime=crime,
                outcome_type=data["outcome_type"],
                occurred_at=timeline_moment(data["occurred_on"])
                if data["occurred_time"] is None
                else combine_local(data["occurred_on"], data["occurred_time"]),
            )
        except CaseError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, "Outcome recorded for every victim of this crime")
            return redirect("crimes:detail", crime_id=crime.id)
    return render(request, "cases/crime_outcome.html", {"crime": crime, "form": form})


def _facts_initial(crime: Crime) -> dict[str, object]:
    reported = timezone.localtime(crime.reported_at)
    return {
        "ho_offence_code": crime.ho_offence_code,
        "crime_type": crime.crime_type,
        "flags": crime.flags,
        "lsoa_code": crime.lsoa_code,
        "lsoa_name": crime.lsoa_name,
        "occurred_on": timezone.localdate(crime.occurred_at) if crime.occurred_at else None,
        "reported_on": reported.date(),
        "reported_time": f"{reported:%H:%M}",
        "outcome_type": crime.outcome_type,
        "outcome_on": timezone.localdate(crime.outcome_at) if crime.outcome_at else None,
    }


def _moment(current: datetime | None, day: date | None, at: time | None) -> datetime | None:
    """The date (and time) typed, keeping the stored moment when its day (and time) is unchanged,
    so saving the form as it stands changes nothing."""
    if day is None:
        return None
    if current is not None:
        local = timezone.localtime(current)
        same_time = at is None or at == local.time().replace(second=0, microsecond=0)
        if local.date() == day and same_time:
            return current
    return combine_local(day, at)
