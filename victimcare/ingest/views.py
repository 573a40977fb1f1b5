"""The area page: police.uk crimes and outcomes by month beside the victims held there."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render

from victimcare.accounts.access import can_see_area_context, force_area_id
from victimcare.accounts.decorators import StaffRequest, staff_required
from victimcare.accounts.models import Organisation
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.ingest.forms import AreaForm
from victimcare.ingest.selectors import area_figures
from victimcare.reports.selectors import suppresses_small_numbers


@staff_required
def area(request: StaffRequest) -> HttpResponse:
    """For the user's force area or one LSOA in it. Every look is audited: the victim counts,
    though aggregate, come from records of victims."""
    force_id = force_area_id(request.user)
    if not can_see_area_context(request.user) or force_id is None:
        raise Http404
    force = Organisation.objects.get(pk=force_id).name
    form = AreaForm(request.GET or None, force=force)
    context: dict[str, Any] = {"form": form, "force": force}
    if form.is_bound and not form.is_valid():
        return render(request, "ingest/area.html", context, status=400)
    lsoa = form.cleaned_data.get("lsoa") if form.is_bound else None
    figures = area_figures(request.user, force_id=force_id, force=force, lsoa=lsoa)
    suppress = suppresses_small_numbers(request.user)
    context.update(
        {
            "figures": figures,
            "suppress": suppress,
            "area_name": f"{lsoa[1]} ({lsoa[0]})" if lsoa else f"the {force} area",
            "crimes": figures.crimes.rows(),
            "outcomes": figures.outcomes.rows(),
            "outcome_records": figures.outcome_records.rows(),
            "cases": figures.cases.rows(suppress=suppress, totals=figures.cases_held),
        }
    )
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        detail=f"area context: {lsoa[0] if lsoa else 'force'} ({force})",
        request=request,
    )
    return render(request, "ingest/area.html", context)
