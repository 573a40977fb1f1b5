"""Staff actions of the "Portal access" panel on the staff case page (English, staff only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_case_for_user
from victimcare.audit.services import audit_look
from victimcare.cases.models import VictimCase
from victimcare.portal import services
from victimcare.portal.forms import AccessOffForm, RepresentativeForm
from victimcare.portal.models import PortalAccount
from victimcare.refusals import refusal_on_form


def _audit_look(request: StaffRequest, vcase: VictimCase, detail: str) -> None:
    """A form page that shows the victim's record is a look at it, audited like the case page."""
    if request.method != "POST":
        audit_look(request, case=vcase, detail=detail)


@staff_required
def access(request: StaffRequest, case_id: int) -> HttpResponse:
    """Switch portal access off (with a reason) or on again."""
    vcase = access_case_for_user(request.user, case_id, write=True)
    _audit_look(request, vcase, "portal access")
    form = AccessOffForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("enabled") == "on":
            services.portal_access_set(actor=request.user, case=vcase, enabled=True)
            messages.success(request, "Portal access switched on")
            return redirect("cases:detail", case_id=vcase.id)
        if form.is_valid():
            services.portal_access_set(
                actor=request.user, case=vcase, enabled=False, reason=form.cleaned_data["reason"]
            )
            messages.success(request, "Portal access switched off: nobody can sign in for this case")
            return redirect("cases:detail", case_id=vcase.id)
    return render(request, "portal/staff_access_off.html", {"case": vcase, "form": form})


@staff_required
def representative_new(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id, write=True)
    _audit_look(request, vcase, "portal access: add a representative")
    form = RepresentativeForm(request.POST or None, initial={"language": "en"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.representative_add(
                actor=request.user,
                case=vcase,
                data=services.RepresentativeInput(
                    role=data["role"], first_name=data["first_name"], last_name=data["last_name"],
                    email=data["email"], phone=data["phone"], language=data["language"],
                ),
            )  # fmt: skip
        except services.PortalError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"{data['first_name']} can now sign in to the portal for this case")
            return redirect("cases:detail", case_id=vcase.id)
    return render(request, "portal/staff_representative_new.html", {"case": vcase, "form": form})


@staff_required
def representative_remove(request: StaffRequest, case_id: int, account_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id, write=True)
    account = PortalAccount.objects.filter(pk=account_id, case=vcase).select_related("person").first()
    if account is None:
        raise Http404
    _audit_look(request, vcase, "portal access: remove a representative")
    if request.method == "POST":
        try:
            services.portal_account_deactivate(actor=request.user, account=account)
        except services.PortalError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, f"{account.person.full_name} can no longer sign in for this case")
        return redirect("cases:detail", case_id=vcase.id)
    return render(request, "portal/staff_representative_remove.html", {"case": vcase, "account": account})
