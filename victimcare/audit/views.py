"""Administrators' view of the audit trail: who has looked at or changed a person's record, and
the trail searched by who, what, category, organisation, person, case and period. Each look at
the trail is itself on the trail."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_person_audit_for_user, audit_events_visible_to, force_area_id
from victimcare.accounts.models import Organisation
from victimcare.audit.forms import TrailSearchForm
from victimcare.audit.models import Action, AuditEvent
from victimcare.audit.services import audit_list
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
        audit_list(request, what="audit: people found by surname", rows=people, action=Action.SEARCH)
    else:
        audit_list(request, what="audit: search form")
    return render(request, "audit/index.html", {"form": form, "people": people})


@staff_required
def person_audit(request: StaffRequest, person_id: int) -> HttpResponse:
    person = access_person_audit_for_user(request.user, person_id)
    events = (
        AuditEvent.objects.filter(person=person)
        .select_related("actor", "organisation")
        .order_by("-at", "-id")
    )
    page = Paginator(events, TRAIL_PAGE_SIZE).get_page(request.GET.get("page"))
    audit_list(request, what=f"audit trail of a person, page {page.number}", rows=list(page.object_list),
               person=person)  # fmt: skip
    return render(request, "audit/person_audit.html", {"person": person, "page": page})


TRAIL_PAGE_SIZE = 50


@staff_required
def trail(request: StaffRequest) -> HttpResponse:
    """The trail searched by who, what, logging category, organisation, person, case and
    period, newest first; the search itself is a row on the trail."""
    _require_admin(request)
    organisations = Organisation.objects.filter(force_id=force_area_id(request.user)).order_by("name")
    form = TrailSearchForm(request.GET or None, organisations=organisations)
    rows = audit_events_visible_to(request.user).select_related("actor", "organisation")
    rows = rows.none() if form.is_bound and not form.is_valid() else form.apply(rows)
    page = Paginator(rows.order_by("-at", "-id"), TRAIL_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    audit_list(request, what=f"audit trail search ({form.described()}), page {page.number}", rows=shown,
               count=len(shown), action=Action.SEARCH)  # fmt: skip
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/trail.html",
        {"form": form, "page": page, "rows": shown, "query": query.urlencode()},
        status=400 if form.errors else 200,
    )
