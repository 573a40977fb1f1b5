"""Administrators' view of the audit trail: who has looked at or changed a person's record."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_person_audit_for_user
from victimcare.audit.models import AuditEvent
from victimcare.cases.forms import SearchForm
from victimcare.people.models import Person
from victimcare.people.names import name_key, prefix_range


def _require_admin(request: StaffRequest) -> None:
    if not can(request.user, Capability.READ_AUDIT):
        raise Http404


@staff_required
def index(request: StaffRequest) -> HttpResponse:
    """Find a person by surname to see their record's audit trail."""
    _require_admin(request)
    form = SearchForm(request.GET or None)
    form.fields["q"].label = "Victim's surname"
    form.fields["q"].help_text = "For example, Smith"
    people: list[Person] = []
    if request.GET and form.is_valid():
        key = name_key(form.cleaned_data["q"])
        if key:
            low, high = prefix_range(key)
            people = list(
                Person.objects.filter(
                    organisation=request.user.organisation,
                    last_name_key__gte=low,
                    last_name_key__lt=high,
                ).order_by("last_name_key", "first_name_key")[:50]
            )
    return render(request, "audit/index.html", {"form": form, "people": people})


@staff_required
def person_audit(request: StaffRequest, person_id: int) -> HttpResponse:
    person = access_person_audit_for_user(request.user, person_id)
    events = (
        AuditEvent.objects.filter(person=person)
        .select_related("actor", "organisation")
        .order_by("-at", "-id")
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/person_audit.html", {"person": person, "page": page})
