"""Staff pages for the Victims' Code: the work queue and the enhanced-rights decision."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_case_for_user
from victimcare.audit.services import audit_list, audit_look
from victimcare.refusals import refusal_on_form
from victimcare.rights import selectors
from victimcare.rights.forms import NO, REMOVE, YES, EnhancedOverrideForm, WorkQueueFilterForm
from victimcare.rights.models import CaseRights
from victimcare.rights.services import OverrideError, case_rights_override, case_rights_refresh


@staff_required
def work_queue(request: StaffRequest) -> HttpResponse:
    """Obligations due and overdue on my cases, my team's, or (supervisors) all I can see."""
    user = request.user
    if not can(user, Capability.WORK_CASES):
        raise Http404
    scopes = selectors.queue_scopes(user)
    scope = request.GET.get("show", scopes[0])
    if scope not in scopes:
        scope = scopes[0]
    form = WorkQueueFilterForm(request.GET or None)
    provider = form.cleaned_data["provider"] if form.is_valid() else ""
    today = timezone.localdate()
    rows = selectors.work_queue(user, scope=scope, day=today, provider=provider)
    page = Paginator(rows, int(settings.PAGE_SIZE)).get_page(request.GET.get("page"))
    cases = list(dict.fromkeys(e.case_id for e in page.object_list))
    audit_list(request, what=f"work queue ({scope}), page {page.number}", rows=cases, of="victimcase")
    query = request.GET.copy()
    query.pop("page", None)
    tabs = [
        {"scope": s, "label": selectors.SCOPE_LABELS[s], "active": s == scope, "query": _with(query, show=s)}
        for s in scopes
    ]
    return render(
        request,
        "rights/work_queue.html",
        {
            "page": page,
            "form": form,
            "tabs": tabs,
            "scope": scope,
            "query": query.urlencode(),
            "today": today,
        },
    )


def _with(query: QueryDict, **values: str) -> str:
    changed = query.copy()
    changed.pop("page", None)
    for key, value in values.items():
        changed[key] = value
    return changed.urlencode()


@staff_required
def enhanced_override(request: StaffRequest, case_id: int) -> HttpResponse:
    """Decide the victim's enhanced rights either way with a reason, or remove that decision."""
    vcase = access_case_for_user(request.user, case_id, write=True)
    rights = CaseRights.objects.filter(case_id=vcase.id).first() or case_rights_refresh(case=vcase)
    initial = {}
    if rights.has_override:
        initial = {"decision": YES if rights.override_enhanced else NO, "reason": rights.override_reason}
    form = EnhancedOverrideForm(request.POST or None, initial=initial, can_remove=rights.has_override)
    if request.method == "POST" and form.is_valid():
        try:
            case_rights_override(
                actor=request.user, case=vcase, enhanced=form.enhanced, reason=form.cleaned_data["reason"]
            )
        except OverrideError as err:
            refusal_on_form(form, err)
        else:
            done = "removed" if form.cleaned_data["decision"] == REMOVE else "saved"
            messages.success(request, f"Enhanced rights decision {done}")
            return redirect("cases:detail", case_id=vcase.id)
    audit_look(request, case=vcase, detail="enhanced rights")
    return render(request, "rights/enhanced_override.html", {"case": vcase, "rights": rights, "form": form})
