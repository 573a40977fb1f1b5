"""Staff pages for restorative justice: offer it, and record each step of the process."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_safeguarding_case_for_user
from victimcare.audit.services import audit_look
from victimcare.justice import services, workflow
from victimcare.justice.forms import OfferForm, StepForm
from victimcare.justice.models import RestorativeJustice
from victimcare.justice.services import JusticeError
from victimcare.refusals import refusal_on_form


@staff_required
def rj_offer(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_safeguarding_case_for_user(request.user, case_id, write=True)
    form = OfferForm(
        request.POST if request.method == "POST" else None, initial={"occurred_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.rj_offer(
                actor=request.user,
                case=vcase,
                occurred_on=form.cleaned_data["occurred_on"],
                summary=form.cleaned_data["summary"],
            )
        except JusticeError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, "Restorative justice offer recorded")
            return redirect("justice:detail", case_id=vcase.id, record_id=record.id)
    if request.method != "POST":
        audit_look(request, case=vcase, detail="restorative justice offer")
    return render(request, "justice/offer.html", {"case": vcase, "form": form})


@staff_required
def rj_detail(request: StaffRequest, case_id: int, record_id: int) -> HttpResponse:
    vcase = access_safeguarding_case_for_user(request.user, case_id, write=request.method == "POST")
    record = get_object_or_404(RestorativeJustice, pk=record_id, case=vcase)
    form = StepForm(
        request.POST if request.method == "POST" else None,
        next_steps=record.next_steps,
        initial={"occurred_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rj_step_record(actor=request.user, record=record, data=form.to_input())
        except JusticeError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"{workflow.STEPS[form.cleaned_data['step']]}: recorded")
            return redirect("justice:detail", case_id=vcase.id, record_id=record.id)
    if request.method != "POST":
        audit_look(request, obj=record, case=vcase, detail="restorative justice")
    return render(
        request,
        "justice/detail.html",
        {"case": vcase, "record": record, "steps": record.steps.select_related("recorded_by"), "form": form},
    )
