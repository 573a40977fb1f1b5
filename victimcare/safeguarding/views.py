"""Staff pages for safeguarding: the Dash risk checklist, MARAC referral and meetings,
protective orders. Each page asks the access gate first, and each look at a victim's
safeguarding record is audited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import (
    access_marac_meeting_for_user,
    access_safeguarding_case_for_user,
    force_area_id,
    marac_meetings_visible_to,
)
from victimcare.audit.services import audit_list, audit_look
from victimcare.cases.models import VictimCase
from victimcare.forms import id_from_query
from victimcare.refusals import refusal_on_form
from victimcare.safeguarding import dash, selectors, services
from victimcare.safeguarding.forms import (
    ActionForm,
    AgendaForm,
    MaracReferralForm,
    MeetingForm,
    OrderEndForm,
    OrderVariationForm,
    PoliceIncidentForm,
    ProtectiveOrderForm,
    RiskAssessmentForm,
)
from victimcare.safeguarding.models import MaracAction, MaracMeeting, ProtectiveOrder, RiskAssessment
from victimcare.safeguarding.services import SafeguardingError


def _audit_view(request: StaffRequest, case: VictimCase, detail: str, obj: Any = None) -> None:
    audit_look(request, obj=obj, case=case, detail=detail)


# --- Dash -------------------------------------------------------------------------------------


@staff_required
def risk_new(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_safeguarding_case_for_user(request.user, case_id, write=True)
    draft = vcase.risk_assessments.filter(status=RiskAssessment.Status.DRAFT).first()
    if draft is not None:
        return redirect("safeguarding:risk_detail", case_id=vcase.id, assessment_id=draft.id)
    return _risk_form(request, vcase, None)


@staff_required
def risk_detail(request: StaffRequest, case_id: int, assessment_id: int) -> HttpResponse:
    vcase = access_safeguarding_case_for_user(request.user, case_id, write=request.method == "POST")
    assessment = get_object_or_404(RiskAssessment, pk=assessment_id, case=vcase)
    if assessment.is_draft:
        return _risk_form(request, vcase, assessment)
    _audit_view(request, vcase, "Dash risk assessment", assessment)
    return render(request, "safeguarding/risk_done.html", {"case": vcase, "assessment": assessment})


def _risk_form(request: StaffRequest, vcase: VictimCase, assessment: RiskAssessment | None) -> HttpResponse:
    initial = RiskAssessmentForm.initial_from(assessment) if assessment else {}
    form = RiskAssessmentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        complete = request.POST.get("action") == "complete"
        service = services.risk_assessment_complete if complete else services.risk_assessment_save
        try:
            saved = service(actor=request.user, case=vcase, data=form.to_input(), assessment=assessment)
        except SafeguardingError as err:
            refusal_on_form(form, err)
        else:
            if complete:
                messages.success(
                    request,
                    f"Risk assessment completed: {saved.level_label.lower()} risk, score {saved.score}",
                )
                return redirect("cases:detail", case_id=vcase.id)
            messages.success(request, "Draft risk assessment saved")
            return redirect("safeguarding:risk_detail", case_id=vcase.id, assessment_id=saved.id)
    if request.method != "POST":
        _audit_view(request, vcase, "Dash risk assessment", assessment)
    answers = (
        form.to_input().answers
        if form.is_bound and form.is_valid()
        else (assessment.answers if assessment else {})
    )
    return render(
        request,
        "safeguarding/risk_form.html",
        {
            "case": vcase,
            "assessment": assessment,
            "form": form,
            "score": dash.score(answers),
            "scored_level": dash.LEVEL_LABELS[dash.band(dash.score(answers))],
        },
    )


# --- MARAC referral ---------------------------------------------------------------------------


@staff_required
def marac_refer(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_safeguarding_case_for_user(request.user, case_id, write=True)
    form = MaracReferralForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.marac_referral_make(
                actor=request.user,
                case=vcase,
                judgement=form.cleaned_data["judgement"],
                reason=form.cleaned_data["reason"],
            )
        except SafeguardingError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, "Case referred to MARAC")
            return redirect("cases:detail", case_id=vcase.id)
    if request.method != "POST":
        _audit_view(request, vcase, "MARAC criteria")
    return render(
        request,
        "safeguarding/marac_refer.html",
        {
            "case": vcase,
            "form": form,
            "criteria": selectors.marac_criteria_for(request.user, vcase),
            "referrals": vcase.marac_referrals.select_related("meeting"),
        },
    )


# --- Protective orders ------------------------------------------------------------------------


@staff_required
def order_new(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_safeguarding_case_for_user(request.user, case_id, write=True)
    form = ProtectiveOrderForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.protective_order_record(
                actor=request.user,
                case=vcase,
                data=services.OrderInput(
                    order_type=data["order_type"],
                    conditions=data["conditions"],
                    court=data["court"],
                    starts_on=data["starts_on"],
                    expires_on=data["expires_on"],
                ),
            )
        except SafeguardingError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"{order.get_order_type_display()} recorded")
            return redirect("cases:detail", case_id=vcase.id)
    if request.method != "POST":
        _audit_view(request, vcase, "protective orders")
    return render(request, "safeguarding/order_form.html", {"case": vcase, "form": form})


def _order_in(request: StaffRequest, case_id: int, order_id: int, *, write: bool) -> ProtectiveOrder:
    """The order, looked up within the gated case, so another case's order is a 404 too."""
    vcase = access_safeguarding_case_for_user(request.user, case_id, write=write)
    order = get_object_or_404(
        ProtectiveOrder.objects.select_related("recorded_by", "ended_by"), pk=order_id, case=vcase
    )
    order.case = vcase
    return order


@staff_required
def order_detail(request: StaffRequest, case_id: int, order_id: int) -> HttpResponse:
    order = _order_in(request, case_id, order_id, write=False)
    _audit_view(request, order.case, "protective order", order)
    return render(
        request,
        "safeguarding/order_detail.html",
        {
            "case": order.case,
            "order": order,
            "row": selectors.order_row(order, timezone.localdate()),
            "history": selectors.order_history(order),
            "can_write": can(request.user, Capability.WORK_CASES),
        },
    )


@staff_required
def order_vary(request: StaffRequest, case_id: int, order_id: int) -> HttpResponse:
    order = _order_in(request, case_id, order_id, write=True)
    form = OrderVariationForm(
        request.POST if request.method == "POST" else None, initial={"court": order.court}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = services.VariationInput(
            varied_on=data["varied_on"], court=data["court"], conditions=data["conditions"],
            expires_on=data["expires_on"], no_expiry=data["no_expiry"], note=data["note"],
        )  # fmt: skip
        return _order_change(request, order, form, lambda: services.protective_order_vary(
            actor=request.user, order=order, data=change), "varied")  # fmt: skip
    return _order_change_page(request, order, form, "varied")


@staff_required
def order_end(request: StaffRequest, case_id: int, order_id: int) -> HttpResponse:
    order = _order_in(request, case_id, order_id, write=True)
    form = OrderEndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        end = services.EndInput(ended_on=data["ended_on"], ending=data["ending"], reason=data["reason"])
        return _order_change(request, order, form, lambda: services.protective_order_end(
            actor=request.user, order=order, data=end), "ended")  # fmt: skip
    return _order_change_page(request, order, form, "ended")


def _order_change(
    request: StaffRequest, order: ProtectiveOrder, form: Any, step: Any, done: str
) -> HttpResponse:
    try:
        step()
    except SafeguardingError as err:
        refusal_on_form(form, err)
        return _order_change_page(request, order, form, done)
    messages.success(request, f"{order.get_order_type_display()} {done}: the history is below")
    return redirect("safeguarding:order_detail", case_id=order.case.id, order_id=order.id)


def _order_change_page(request: StaffRequest, order: ProtectiveOrder, form: Any, doing: str) -> HttpResponse:
    if request.method != "POST":
        _audit_view(request, order.case, "protective order", order)
    return render(
        request,
        "safeguarding/order_change.html",
        {
            "case": order.case,
            "order": order,
            "form": form,
            "varying": doing == "varied",
            "closed": services.order_closed_message(order, "varied" if doing == "varied" else "ended again"),
        },
    )


# --- Police incidents -------------------------------------------------------------------------


@staff_required
def police_incidents(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_safeguarding_case_for_user(request.user, case_id, write=request.method == "POST")
    form = PoliceIncidentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = services.police_incident_record(
                actor=request.user,
                case=vcase,
                data=services.IncidentInput(
                    occurred_on=data["occurred_on"],
                    reference=data["reference"],
                    domestic_abuse=data["domestic_abuse"] == "yes",
                    note=data["note"],
                ),
            )
        except SafeguardingError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"Police incident {incident.reference} recorded")
            return redirect("safeguarding:incidents", case_id=vcase.id)
    if request.method != "POST":
        _audit_view(request, vcase, "police incidents")
    return render(
        request,
        "safeguarding/police_incidents.html",
        {
            "case": vcase,
            "form": form,
            "incidents": vcase.police_incidents.select_related("recorded_by"),
            "can_write": can(request.user, Capability.WORK_CASES),
        },
    )


@staff_required
def orders_expiring(request: StaffRequest) -> HttpResponse:
    if not can(request.user, Capability.SAFEGUARD):
        raise Http404
    today = timezone.localdate()
    rows = [selectors.order_row(o, today) for o in selectors.expiring_orders_for(request.user, today=today)]
    audit_list(request, what="expiring protective orders", rows=[r.order for r in rows])
    return render(
        request,
        "safeguarding/orders_expiring.html",
        {"rows": rows, "today": today, "settings_days": settings.SAFEGUARDING_ORDER_EXPIRY_DAYS},
    )


# --- MARAC meetings ---------------------------------------------------------------------------


def _meetings_allowed(request: HttpRequest) -> None:
    if not can(request.user, Capability.SAFEGUARD) or force_area_id(request.user) is None:
        raise Http404


@staff_required
def marac_meetings(request: StaffRequest) -> HttpResponse:
    _meetings_allowed(request)
    today = timezone.localdate()
    meetings = list(marac_meetings_visible_to(request.user))
    # Dates and areas only: no victim is named on this list.
    audit_list(request, what=f"MARAC meetings ({len(meetings)} meetings)")
    return render(
        request,
        "safeguarding/marac_meetings.html",
        {
            "upcoming": [m for m in reversed(meetings) if m.held_on >= today],
            "past": [m for m in meetings if m.held_on < today],
        },
    )


@staff_required
def marac_meeting_new(request: StaffRequest) -> HttpResponse:
    _meetings_allowed(request)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.marac_meeting_create(
                actor=request.user, area=form.cleaned_data["area"], held_on=form.cleaned_data["held_on"]
            )
        except SafeguardingError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, "MARAC meeting added")
            return redirect("safeguarding:meeting", meeting_id=meeting.id)
    return render(request, "safeguarding/marac_meeting_new.html", {"form": form})


@staff_required
def marac_meeting(request: StaffRequest, meeting_id: int) -> HttpResponse:
    meeting = access_marac_meeting_for_user(request.user, meeting_id)
    user = request.user
    agenda = selectors.meeting_agenda(user, meeting)
    agenda_ids = [r.id for r in agenda]
    waiting = selectors.referrals_awaiting_meeting(user, meeting)
    post = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if post else None
    agenda_form = AgendaForm(post if which == "agenda" else None, referrals=waiting, prefix="agenda")
    action_form = ActionForm(
        post if which == "action" else None,
        referrals=meeting.referrals.filter(id__in=agenda_ids),
        prefix="action",
    )
    if which == "agenda" and agenda_form.is_valid():
        return _meeting_step(request, meeting, agenda_form, lambda d: services.marac_meeting_add_referral(
            actor=user, meeting=meeting, referral=d["referral"]), "Case added to the agenda")  # fmt: skip
    if which == "action" and action_form.is_valid():
        return _meeting_step(request, meeting, action_form, lambda d: services.marac_action_add(
            actor=user, meeting=meeting, referral=d["referral"], description=d["description"],
            owner=d["owner"], due_on=d["due_on"]), "Action added")  # fmt: skip
    if which == "done":
        action = get_object_or_404(MaracAction, pk=id_from_query(request.POST.get("action_id")) or 0, meeting=meeting,
                                   referral_id__in=agenda_ids)  # fmt: skip
        try:
            services.marac_action_complete(actor=user, action=action)
        except SafeguardingError as err:
            return _meeting_page(request, meeting, agenda, agenda_form, action_form, page_error=err.message)
        messages.success(request, "Action marked as done")
        return redirect("safeguarding:meeting", meeting_id=meeting.id)
    if not post:
        for referral in agenda:
            _audit_view(request, referral.case, "MARAC meeting", meeting)
        # The referrals waiting for a meeting are named in the agenda form's choices.
        audit_list(request, what=f"MARAC meeting {meeting.pk}: referrals waiting", rows=list(waiting))
    return _meeting_page(request, meeting, agenda, agenda_form, action_form)


def _meeting_step(
    request: StaffRequest, meeting: MaracMeeting, form: Any, step: Any, done: str
) -> HttpResponse:
    try:
        step(form.cleaned_data)
    except SafeguardingError as err:
        refusal_on_form(form, err)
        agenda = selectors.meeting_agenda(request.user, meeting)
        other = {"agenda": AgendaForm(referrals=selectors.referrals_awaiting_meeting(request.user, meeting), prefix="agenda"),
                 "action": ActionForm(referrals=meeting.referrals.filter(id__in=[r.id for r in agenda]), prefix="action")}  # fmt: skip
        is_agenda = isinstance(form, AgendaForm) and not isinstance(form, ActionForm)
        return _meeting_page(
            request,
            meeting,
            agenda,
            form if is_agenda else other["agenda"],
            other["action"] if is_agenda else form,
        )
    messages.success(request, done)
    return redirect("safeguarding:meeting", meeting_id=meeting.id)


def _meeting_page(
    request: StaffRequest,
    meeting: MaracMeeting,
    agenda: list[Any],
    agenda_form: Any,
    action_form: Any,
    page_error: str = "",
) -> HttpResponse:
    errors = agenda_form.errors or action_form.errors or page_error
    return render(
        request,
        "safeguarding/marac_meeting.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "agenda_form": agenda_form,
            "action_form": action_form,
            "has_errors": bool(errors),
            "page_error": page_error,
            "today": timezone.localdate(),
        },
    )
