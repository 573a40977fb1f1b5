"""Staff pages for people: add a victim (with a possible-duplicate check), view, change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import (
    access_crime_for_user,
    access_person_for_user,
    cases_visible_to,
    people_visible_to,
)
from victimcare.accounts.models import User
from victimcare.audit.services import audit_look
from victimcare.cases.models import Crime
from victimcare.cases.services import CaseError, victim_care_organisation
from victimcare.people.forms import AGREED, NOT_AGREED, NewPersonForm, PersonForm
from victimcare.people.models import SAFE_CONTACT_FIELDS, Person
from victimcare.people.services import (
    PERSON_FIELDS,
    person_create,
    person_update,
    possible_duplicates,
    safe_contact_agreement_record,
)
from victimcare.refusals import Refusal, refusal_on_form


@staff_required
def person_create_view(request: StaffRequest) -> HttpResponse:
    if not can(request.user, Capability.OPEN_CASES):
        raise Http404
    user = request.user
    initial = {"last_name": request.GET.get("last_name", ""), "first_name": request.GET.get("first_name", "")}
    form = NewPersonForm(request.POST or None, initial=initial)
    # ?crime=<id>: adding another victim to a crime already recorded (cases.crime_views); the
    # new person, or one of the possible duplicates, goes on to a case on that crime.
    crime = _crime_to_join(request)
    duplicates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in PERSON_FIELDS}
        if not form.cleaned_data["confirm_new"]:
            duplicates = list(
                possible_duplicates(
                    people_visible_to(user),
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    date_of_birth=data["date_of_birth"],
                )
            )
        if not duplicates:
            try:
                person = person_create(actor=user, organisation=victim_care_organisation(user), data=data)
            except CaseError as err:
                refusal_on_form(form, err)
            else:
                if crime is not None:
                    messages.success(request, f"{person.full_name} added. Now open their case on this crime.")
                    return redirect("crimes:add_case", crime_id=crime.id, person_id=person.id)
                messages.success(request, f"{person.full_name} added. Now record the crime.")
                return redirect("cases:open", person_id=person.id)
        else:
            # Same answers, now marked as checked: submitting again creates the person.
            post = request.POST.copy()
            post["confirm_new"] = "True"
            form = NewPersonForm(post)
            form.is_valid()
    return render(
        request, "people/person_create.html", {"form": form, "duplicates": duplicates, "crime": crime}
    )


def _crime_to_join(request: StaffRequest) -> Crime | None:
    crime_id = request.GET.get("crime")
    if crime_id is None:
        return None
    if not can(request.user, Capability.OPEN_CASES):
        raise Http404
    return access_crime_for_user(request.user, crime_id, write=True)


@staff_required
def person_detail(request: StaffRequest, person_id: int) -> HttpResponse:
    person = access_person_for_user(request.user, person_id)
    audit_look(request, person=person)
    cases = cases_visible_to(request.user).filter(person=person).select_related("crime", "team", "caseworker")
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "cases": cases.order_by("-opened_at"),
            "can_edit": can(request.user, Capability.OPEN_CASES),
            "can_open_case": can(request.user, Capability.OPEN_CASES),
        },
    )


@staff_required
def person_edit(request: StaffRequest, person_id: int) -> HttpResponse:
    if not can(request.user, Capability.OPEN_CASES):
        raise Http404
    person = access_person_for_user(request.user, person_id, write=True)
    initial = {name: getattr(person, name) for name in PERSON_FIELDS}
    initial["safe_contact_agreed"] = _agreement(person)
    initial["safe_contact_not_agreed_reason"] = person.safe_contact_not_agreed_reason
    form = PersonForm(request.POST or None, initial=initial)
    # ?next=<a page of ours>: where to go back to (a referral that waits for the rules, say).
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in PERSON_FIELDS}
        try:
            with transaction.atomic():  # the details and the agreement to them, or neither
                _save_details(request.user, person, data, form.cleaned_data)
        except Refusal as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, "Details saved")
            return redirect(back) if back else redirect("people:detail", person_id=person.id)
    return render(request, "people/person_edit.html", {"person": person, "form": form, "back": back})


def _agreement(person: Person) -> str:
    if not person.safe_contact_settled:
        return ""
    return AGREED if person.safe_contact_agreed else NOT_AGREED


def _save_details(user: User, person: Person, data: dict[str, Any], answers: dict[str, Any]) -> None:
    """Save the details, then the answer to "were the rules agreed?" when it is new or the
    rules it answers for have just changed (saving a new phone number does not re-agree them)."""
    before = {name: getattr(person, name) for name in SAFE_CONTACT_FIELDS}
    person_update(actor=user, person=person, data=data)
    answer, reason = answers["safe_contact_agreed"], answers["safe_contact_not_agreed_reason"].strip()
    if not answer:
        return
    rules_changed = any(getattr(person, name) != before[name] for name in SAFE_CONTACT_FIELDS)
    same = answer == _agreement(person) and (
        answer == AGREED or reason == person.safe_contact_not_agreed_reason
    )
    if rules_changed or not same:
        safe_contact_agreement_record(actor=user, person=person, agreed=answer == AGREED, reason=reason)
