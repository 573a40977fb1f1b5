"""Staff pages for needs assessments, the services directory, suggestions and referrals; the
provider workspace; the contract-monitoring page. Each page asks the access gate first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_case_for_user, access_referral_for_user, referrals_visible_to
from victimcare.accounts.models import Organisation, User
from victimcare.audit.services import audit_list, audit_look
from victimcare.cases.models import VictimCase
from victimcare.cases.services import CaseError, timeline_moment, victim_care_organisation
from victimcare.forms import combine_local, id_from_query
from victimcare.people.forms import MatchingFactsForm
from victimcare.people.services import person_update
from victimcare.refusals import refusal_on_form
from victimcare.rights.models import CaseRights
from victimcare.rights.services import stored_calendar
from victimcare.support import monitoring, selectors, targets
from victimcare.support.attempts import contact_advice
from victimcare.support.forms import (
    COMPLETE,
    SPOKE,
    STEP_LABELS,
    ConsentForm,
    ContactForm,
    DirectoryFilterForm,
    NeedsAssessmentForm,
    PeriodForm,
    ReferralCreateForm,
    SendForm,
    ServiceForm,
    StepForm,
)
from victimcare.support.models import (
    DEFAULT_ACCEPT_WITHIN_DAYS,
    DEFAULT_CONTACT_TRIES,
    DEFAULT_FIRST_CONTACT_WITHIN_DAYS,
    ENHANCED_PROMPTS,
    ContactAttempt,
    NeedArea,
    NeedsAssessment,
    Referral,
    ReferralStatus,
    Service,
)
from victimcare.support.services import (
    ACTIONS,
    PROVIDER_ACTIONS,
    NeedsInput,
    SupportError,
    allowed_actions,
    contact_attempt_record,
    needs_assessment_save,
    needs_draft_for,
    referral_consent_record,
    referral_create,
    referral_preview,
    referral_send,
    referral_step,
    refusal,
    service_create,
    service_update,
    support_decline_by_victim,
    who_may_record,
)
from victimcare.support.sharing import minimum_items, safe_ways, share_choices

PROVIDER_PAGE_SIZE = 25


def _audit_look(request: StaffRequest, obj: Any, case: VictimCase, detail: str) -> None:
    audit_look(request, obj=obj, case=case, detail=detail)


def enhanced_already(case: VictimCase) -> bool:
    rights = CaseRights.objects.filter(case_id=case.pk).first()
    if rights is None:
        return False
    return bool(rights.override_enhanced if rights.has_override else rights.enhanced)


# --- needs assessments ------------------------------------------------------------------------


@staff_required
def needs_history(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id)
    _audit_look(request, vcase, vcase, "needs assessments")
    assessments = selectors.assessment_history(vcase)
    return render(
        request,
        "support/needs_history.html",
        {"case": vcase, "assessments": assessments, "can_write": _can_write(request.user, vcase)},
    )


def _can_write(user: User, case: VictimCase) -> bool:
    try:
        access_case_for_user(user, case.pk, write=True)
    except Http404:
        return False
    return True


@staff_required
def needs_edit(request: StaffRequest, case_id: int) -> HttpResponse:
    """Start or continue the case's assessment. A re-assessment starts from the latest answers."""
    vcase = access_case_for_user(request.user, case_id, write=True)
    draft = needs_draft_for(vcase)
    start_from = draft or selectors.latest_assessment(vcase)
    form = NeedsAssessmentForm(request.POST or None, initial=NeedsAssessmentForm.initial_from(start_from))
    if request.method == "POST" and form.is_valid():
        complete = request.POST.get("action") == COMPLETE
        data = form.cleaned_data
        needs = NeedsInput(
            levels={a.value: data[f"level_{a.value}"] for a in NeedArea if data.get(f"level_{a.value}")},
            notes={a.value: data[f"notes_{a.value}"] for a in NeedArea if data.get(f"notes_{a.value}")},
            prompts={k: k in data["indicators"] for k in ENHANCED_PROMPTS},
            hard_to_travel=data["hard_to_travel"],
            summary=data["summary"],
        )
        try:
            saved = needs_assessment_save(actor=request.user, case=vcase, data=needs, complete=complete)
        except SupportError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, "Needs assessment completed" if complete else "Draft saved")
            if complete:
                return redirect("support:needs_detail", case_id=vcase.id, assessment_id=saved.id)
            return redirect("support:needs_edit", case_id=vcase.id)
    if request.method == "GET":
        _audit_look(request, vcase, vcase, "needs assessment form")
    return render(
        request,
        "support/needs_form.html",
        {
            "case": vcase,
            "form": form,
            "draft": draft,
            "reassessment": draft is None and start_from is not None,
        },
    )


@staff_required
def needs_detail(request: StaffRequest, case_id: int, assessment_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id)
    assessment = (
        NeedsAssessment.objects.filter(case=vcase, pk=assessment_id)
        .select_related("created_by", "completed_by")
        .prefetch_related("areas")
        .first()
    )
    if assessment is None:
        raise Http404
    _audit_look(request, assessment, vcase, "needs assessment")
    return render(
        request,
        "support/needs_detail.html",
        {
            "case": vcase,
            "assessment": assessment,
            "areas": _area_rows(assessment),
            "enhanced_already": enhanced_already(vcase),
            "can_write": _can_write(request.user, vcase),
        },
    )


def _area_rows(assessment: NeedsAssessment) -> list[dict[str, str]]:
    recorded = {a.area: a for a in assessment.areas.all()}
    rows = []
    for area in NeedArea:
        row = recorded.get(area.value)
        rows.append(
            {
                "label": str(area.label),
                "level": row.get_level_display() if row else "Not answered",
                "level_code": row.level if row else "",
                "notes": row.notes if row else "",
            }
        )
    return rows


# --- the services directory -------------------------------------------------------------------


def _directory(user: User) -> Organisation:
    try:
        return victim_care_organisation(user)
    except CaseError:
        raise Http404 from None


@staff_required
def directory(request: StaffRequest) -> HttpResponse:
    if not can(request.user, Capability.USE_DIRECTORY):
        raise Http404
    org = _directory(request.user)
    form = DirectoryFilterForm(request.GET or None)
    services = list(selectors.directory_services(org.id).select_related("organisation").order_by("name"))
    if form.is_valid():
        services = _filter_services(services, form.cleaned_data)
    else:
        services = [s for s in services if s.active]
    return render(
        request,
        "support/directory.html",
        {"form": form, "services": services, "can_manage": can(request.user, Capability.MANAGE_SERVICES)},
    )


def _filter_services(services: list[Service], f: dict[str, Any]) -> list[Service]:
    out = []
    for s in services:
        if not s.active and not f["show_inactive"]:
            continue
        if f["need"] and f["need"] not in s.needs_met:
            continue
        if f["crime_type"] and s.crime_types and f["crime_type"] not in s.crime_types:
            continue
        if f["crime_type"] and not s.crime_types and s.crime_flags:
            continue  # only for flagged crimes: not a match for a crime type alone
        if f["area"] and not s.covers_everywhere and f["area"] not in s.areas:
            continue
        if f["reach"] and f["reach"] not in s.reach:
            continue
        out.append(s)
    return out


def _providers() -> Any:
    return Organisation.objects.filter(kind=Organisation.Kind.PROVIDER).order_by("name")


@staff_required
def service_new(request: StaffRequest) -> HttpResponse:
    if not can(request.user, Capability.MANAGE_SERVICES):
        raise Http404
    org = _directory(request.user)
    form = ServiceForm(
        request.POST or None,
        providers=_providers(),
        initial={
            "active": True,
            "waiting_weeks": 0,
            "accept_within_days": DEFAULT_ACCEPT_WITHIN_DAYS,
            "first_contact_within_days": DEFAULT_FIRST_CONTACT_WITHIN_DAYS,
            "contact_tries": DEFAULT_CONTACT_TRIES,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            service = service_create(actor=request.user, directory=org, data=form.service_data())
        except SupportError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"{service.name} added to the directory")
            return redirect("support:directory")
    return render(request, "support/service_form.html", {"form": form, "service": None})


@staff_required
def service_edit(request: StaffRequest, service_id: int) -> HttpResponse:
    if not can(request.user, Capability.MANAGE_SERVICES):
        raise Http404
    org = _directory(request.user)
    service = Service.objects.filter(directory=org, pk=service_id).first()
    if service is None:
        raise Http404
    initial = {name: getattr(service, name) for name in ServiceForm.base_fields}
    form = ServiceForm(request.POST or None, providers=_providers(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service_update(actor=request.user, service=service, data=form.service_data())
        except SupportError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"{service.name} saved")
            return redirect("support:directory")
    return render(request, "support/service_form.html", {"form": form, "service": service})


# --- suggestions and referrals (staff) --------------------------------------------------------


@staff_required
def suggestions(request: StaffRequest, case_id: int) -> HttpResponse:
    """The services that suit the victim. Where a suggested service's eligibility turns on
    something not recorded (their sex, the area they live in), the page asks it, and the
    answer goes on the person's record, so the next suggestions are narrower."""
    vcase = access_case_for_user(request.user, case_id, write=request.method == "POST")
    assessment, victim, suggested = selectors.suggestions_for(vcase)
    can_write = _can_write(request.user, vcase)
    ask = selectors.matching_facts_missing(victim, suggested) if can_write else frozenset()
    form = MatchingFactsForm(request.POST or None, ask=ask) if ask else None
    if request.method == "POST" and form is not None and form.is_valid():
        if form.person_data():
            person_update(actor=request.user, person=vcase.person, data=form.person_data())
            messages.success(request, "Recorded. The suggestions now use it")
        return redirect("support:suggestions", case_id=vcase.id)
    _audit_look(request, vcase, vcase, "suggested services")
    return render(
        request,
        "support/suggestions.html",
        {
            "case": vcase,
            "assessment": assessment,
            "victim": victim,
            "suggested": suggested,
            "can_write": can_write,
            "facts_form": form,
        },
    )


@staff_required
def referral_new(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id, write=True)
    service = (
        Service.objects.filter(directory_id=vcase.organisation_id, pk=_int(request.GET.get("service")))
        .select_related("organisation")
        .first()
    )
    if service is None:
        raise Http404
    form = ReferralCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_create(
                actor=request.user, case=vcase, service=service, reason=form.cleaned_data["reason"]
            )
        except SupportError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"Draft referral to {service.name} started")
            return redirect("support:referral_consent", referral_id=referral.id)
    return render(request, "support/referral_new.html", {"case": vcase, "service": service, "form": form})


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _staff_referral(request: StaffRequest, referral_id: int, *, write: bool = False) -> Referral:
    """A referral on a case the user works (provider staff use their workspace's pages)."""
    if can(request.user, Capability.PROVIDER_REFERRALS):
        raise Http404
    referral: Referral = access_referral_for_user(request.user, referral_id, write=write)
    if write:
        access_case_for_user(request.user, referral.case_id, write=True)
    return referral


@staff_required
def referral_detail(request: StaffRequest, referral_id: int) -> HttpResponse:
    referral = _staff_referral(request, referral_id)
    vcase = access_case_for_user(request.user, referral.case_id)
    _audit_look(request, referral, vcase, "referral")
    can_write = _can_write(request.user, vcase)
    steps = []
    if can_write:
        steps = [
            a
            for a in allowed_actions(referral)
            if a != "send" and not who_may_record(referral, request.user, a)
        ]
    return render(
        request,
        "support/referral_detail.html",
        {
            "case": vcase,
            "referral": referral,
            "can_write": can_write,
            "steps": [(a, STEP_LABELS[a]) for a in steps],
            "preview": referral_preview(referral)
            if referral.status == "draft" and referral.has_consent
            else None,
        },
    )


@staff_required
def referral_consent(request: StaffRequest, referral_id: int) -> HttpResponse:
    referral = _staff_referral(request, referral_id, write=True)
    vcase = access_case_for_user(request.user, referral.case_id)
    person = vcase.person
    choices = share_choices(person)
    initial: dict[str, Any] = {
        "items": referral.shared_items or minimum_items(person),
        "consent_on": timezone.localdate(),
    }
    if referral.has_consent:
        initial.update(consent_by=referral.consent_by, consent_method=referral.consent_method,
                       consent_on=timezone.localtime(referral.consent_at).date())  # fmt: skip
    form = ConsentForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral_consent_record(
                actor=request.user,
                referral=referral,
                by=data["consent_by"],
                method=data["consent_method"],
                at=timeline_moment(data["consent_on"]),
                items=data["items"],
            )
        except SupportError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, "Consent recorded")
            return redirect("support:referral_send", referral_id=referral.id)
    if request.method == "GET":
        _audit_look(request, referral, vcase, "referral consent")
    unavailable = [c for c in choices if not c.available]
    return render(
        request,
        "support/referral_consent.html",
        {"case": vcase, "referral": referral, "form": form, "unavailable": unavailable},
    )


@staff_required
def referral_send_view(request: StaffRequest, referral_id: int) -> HttpResponse:
    referral = _staff_referral(request, referral_id, write=True)
    vcase = access_case_for_user(request.user, referral.case_id)
    external = referral.provider_id is None
    form = SendForm(
        request.POST if request.method == "POST" else None,
        external=external,
        initial={"sent_on": timezone.localdate()},
    )
    problem = refusal(referral, "send")
    if request.method == "POST" and form.is_valid():
        at = (
            timeline_moment(form.cleaned_data["sent_on"], not_before=referral.consent_at)
            if external
            else None
        )
        try:
            referral_send(actor=request.user, referral=referral, occurred_at=at)
        except SupportError as err:
            refusal_on_form(form, err)
        else:
            done = "recorded as sent" if external else "sent"
            messages.success(request, f"Referral to {referral.service.name} {done}")
            return redirect("support:referral_detail", referral_id=referral.id)
    if request.method == "GET":
        _audit_look(request, referral, vcase, "referral before sending")
    preview = referral_preview(referral) if referral.has_consent and not problem else []
    return render(
        request,
        "support/referral_send.html",
        {
            "case": vcase,
            "referral": referral,
            "form": form,
            "preview": preview,
            "problem": problem,
            "external": external,
        },
    )


@staff_required
def referral_step_view(request: StaffRequest, referral_id: int, action: str) -> HttpResponse:
    """A step recorded by case staff: the victim said no (a draft), or the steps of an external
    service's referral."""
    if action not in ACTIONS or action == "send":
        raise Http404
    referral = _staff_referral(request, referral_id, write=True)
    vcase = access_case_for_user(request.user, referral.case_id)
    return _step_page(request, referral, vcase, action, provider=False)


@staff_required
def support_declined(request: StaffRequest, case_id: int) -> HttpResponse:
    """The victim does not want a referral for support (Right 4 then does not apply)."""
    vcase = access_case_for_user(request.user, case_id, write=True)
    form = StepForm(
        request.POST if request.method == "POST" else None,
        action="decline_by_victim",
        initial={"occurred_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            support_decline_by_victim(
                actor=request.user,
                case=vcase,
                occurred_at=timeline_moment(data["occurred_on"]),
                notes=data["notes"],
                reason=data["victim_reason"],
                reason_other=data.get("victim_reason_other", ""),
            )
        except SupportError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, "Recorded that the victim does not want support")
            return redirect("cases:detail", case_id=vcase.id)
    return render(request, "support/support_declined.html", {"case": vcase, "form": form})


def _step_page(
    request: StaffRequest, referral: Referral, vcase: VictimCase | None, action: str, *, provider: bool
) -> HttpResponse:
    problem = refusal(referral, action) or who_may_record(referral, request.user, action)
    form = StepForm(request.POST or None, action=action, initial={"occurred_on": timezone.localdate()})
    if request.method == "POST" and not problem and form.is_valid():
        data = form.cleaned_data
        try:
            referral_step(
                actor=request.user,
                referral=referral,
                action=action,
                occurred_at=timeline_moment(data["occurred_on"], not_before=referral.updated_moment),
                reason=data.get("reason", ""),
                outcome=data.get("outcome", ""),
                outcome_code=data.get("outcome_code", ""),
                disengaged_reason=data.get("disengaged_reason", "") or "",
                channel=data.get("channel", ""),
                notes=data.get("notes", ""),
                victim_reason=data.get("victim_reason", ""),
                victim_reason_other=data.get("victim_reason_other", ""),
            )
        except SupportError as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"{STEP_LABELS[action]}: done")
            if provider:
                return redirect("support:provider_referral", referral_id=referral.id)
            return redirect("support:referral_detail", referral_id=referral.id)
    status = 200 if not problem or request.method == "GET" else 409
    return render(
        request,
        "support/referral_step.html",
        {
            "case": vcase,
            "referral": referral,
            "form": form,
            "action": action,
            "title": STEP_LABELS[action],
            "problem": problem,
            "provider": provider,
        },
        status=status,
    )


# --- the provider workspace -------------------------------------------------------------------


def _provider_gate(request: StaffRequest) -> None:
    if not can(request.user, Capability.PROVIDER_REFERRALS):
        raise Http404


def _cursor(value: str | None) -> tuple[datetime, int] | None:
    """`after=<iso time>_<id>`: the last row of the previous page."""
    if not value or "_" not in value:
        return None
    moment, _sep, pk = value.rpartition("_")
    try:
        parsed = parse_datetime(moment)
    except ValueError:  # well formed but not a real moment: 2026-13-45T99:00
        return None
    row_id = id_from_query(pk)
    if parsed is None or row_id is None:
        return None
    return parsed, row_id


@staff_required
def provider_list(request: StaffRequest) -> HttpResponse:
    _provider_gate(request)
    show = request.GET.get("show", "new")
    if show not in selectors.PROVIDER_FILTERS:
        show = "new"
    after = _cursor(request.GET.get("after"))
    rows = selectors.provider_referrals(
        referrals_visible_to(request.user), show=show, after=after, size=PROVIDER_PAGE_SIZE
    )
    more = len(rows) > PROVIDER_PAGE_SIZE
    rows = rows[:PROVIDER_PAGE_SIZE]
    last = rows[-1] if more and rows else None
    next_after = f"{last.sent_at.isoformat()}_{last.id}" if last is not None and last.sent_at else ""
    audit_list(request, what=f"provider referrals: {show}", rows=list(rows))
    today, calendar = timezone.localdate(), stored_calendar()
    return render(
        request,
        "support/provider_list.html",
        {
            "rows": [(r, selectors.snapshot_name(r), targets.next_target(r, today, calendar)) for r in rows],
            "show": show,
            "tabs": [(key, label) for key, (label, _s) in selectors.PROVIDER_FILTERS.items()],
            "next_after": next_after,
            "first_page": after is None,
        },
    )


# The one form each status shows on the referral page itself (the fewer-clicks page,
# docs/adr/0061); the other steps are links to their own pages.
INLINE_STEP = {
    ReferralStatus.SENT: "accept",
    ReferralStatus.FIRST_CONTACT: "close",
    ReferralStatus.ENGAGED: "close",
}


@staff_required
def provider_referral(request: StaffRequest, referral_id: int) -> HttpResponse:
    _provider_gate(request)
    referral: Referral = access_referral_for_user(request.user, referral_id)
    # Every look at a referral by a provider is audited against the victim's record.
    _audit_provider_look(request, referral)
    return _provider_page(request, referral)


def _contact_form(referral: Referral, data: Any = None) -> ContactForm:
    ways = safe_ways(list(referral.snapshot))
    initial: dict[str, Any] = {"occurred_on": timezone.localdate()}
    if ways.known and len(ways.channels) == 1:
        initial["channel"] = ways.channels[0]  # the one way the victim agreed to: one click fewer
    return ContactForm(
        data,
        channels=ways.channels if ways.known and ways.channels else None,
        no_voicemail=ways.no_voicemail,
        initial=initial,
    )


def _provider_page(
    request: StaffRequest, referral: Referral, *, contact_form: ContactForm | None = None, status: int = 200
) -> HttpResponse:
    steps = [a for a in allowed_actions(referral) if a in PROVIDER_ACTIONS]
    inline = INLINE_STEP.get(ReferralStatus(referral.status), "")
    attempts = list(ContactAttempt.objects.filter(referral=referral).order_by("at", "id"))
    ways = safe_ways(list(referral.snapshot))
    showing_contact = referral.status == ReferralStatus.ACCEPTED
    context = {
        "referral": referral,
        "steps": [
            (a, STEP_LABELS[a])
            for a in steps
            if a != inline and not (showing_contact and a == "first_contact")
        ],
        "inline": inline,
        "inline_label": STEP_LABELS.get(inline, ""),
        "inline_form": StepForm(action=inline, initial={"occurred_on": timezone.localdate()})
        if inline
        else None,
        "contact_form": (contact_form or _contact_form(referral)) if showing_contact else None,
        "target": targets.next_target(referral, timezone.localdate(), stored_calendar()),
        "attempts": attempts,
        "advice": contact_advice(attempts, ways, referral.service.contact_tries),
    }
    return render(request, "support/provider_referral.html", context, status=status)


@staff_required
def provider_contact(request: StaffRequest, referral_id: int) -> HttpResponse:
    """A try at contact, from the referral page: first contact if it worked, else an attempt."""
    _provider_gate(request)
    referral: Referral = access_referral_for_user(request.user, referral_id, write=True)
    if request.method != "POST":
        return redirect("support:provider_referral", referral_id=referral.id)
    form = _contact_form(referral, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        at = (
            combine_local(data["occurred_on"], data["at_time"])
            if data["at_time"]
            else timeline_moment(data["occurred_on"], not_before=referral.updated_moment)
        )
        try:
            if data["result"] == SPOKE:
                referral_step(
                    actor=request.user,
                    referral=referral,
                    action="first_contact",
                    occurred_at=at,
                    channel=data["channel"],
                    notes=data["notes"],
                )
                messages.success(request, "First contact recorded")
            else:
                contact_attempt_record(
                    actor=request.user,
                    referral=referral,
                    at=at,
                    channel=data["channel"],
                    outcome=data["result"],
                    notes=data["notes"],
                )
                messages.success(request, "Try at contact recorded")
        except SupportError as err:
            refusal_on_form(form, err)
        else:
            return redirect("support:provider_referral", referral_id=referral.id)
    _audit_provider_look(request, referral)
    return _provider_page(request, referral, contact_form=form, status=400)


def _audit_provider_look(request: StaffRequest, referral: Referral) -> None:
    audit_look(request, obj=referral, case=referral.case, detail="referral (provider)")


@staff_required
def provider_step(request: StaffRequest, referral_id: int, action: str) -> HttpResponse:
    _provider_gate(request)
    if action not in PROVIDER_ACTIONS:
        raise Http404
    referral: Referral = access_referral_for_user(request.user, referral_id, write=True)
    return _step_page(request, referral, None, action, provider=True)


# --- contract monitoring ----------------------------------------------------------------------


@staff_required
def response_times(request: StaffRequest) -> HttpResponse:
    if not can(request.user, Capability.SEE_RESPONSE_TIMES):
        raise Http404
    form = PeriodForm(request.GET or None)
    months = int(form.cleaned_data["months"] or 12) if form.is_valid() else 12
    suppress = can(request.user, Capability.AGGREGATES_ONLY)
    rows = monitoring.response_times(request.user, months=months)
    return render(
        request,
        "support/response_times.html",
        {
            "form": form,
            "rows": monitoring.displayed_rows(rows, suppress),
            "suppress": suppress,
            "months": months,
        },
    )
