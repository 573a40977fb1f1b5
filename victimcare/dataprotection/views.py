"""The data protection officer's pages (docs/adr/0053): subject access requests and their
clocks, the review that redacts third parties, the released response, and a person's
restriction of processing and rectification. Every page asks HANDLE_SUBJECT_ACCESS through
the selectors (anyone else: "Page not found") and records its look."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.audit.models import Action
from victimcare.audit.services import audit_list, audit_look
from victimcare.dataprotection import clock, pack, retention, selectors, services
from victimcare.dataprotection.forms import (
    FindPersonForm,
    HoldForm,
    HoldLiftForm,
    IdentityForm,
    LiftForm,
    MatchForm,
    RectificationForm,
    RedactForm,
    RestrictForm,
    RetentionDecisionForm,
    RetentionRuleForm,
    SarForm,
    WithholdForm,
)
from victimcare.dataprotection.gather import RECORD_TYPES
from victimcare.dataprotection.models import (
    OPEN_STATUSES,
    ErasureRecord,
    RecordType,
    SarStatus,
    SubjectAccessRequest,
)
from victimcare.forms import GovukForm
from victimcare.people.models import restriction_in_force
from victimcare.people.services import person_restrict, person_restriction_lift
from victimcare.refusals import Refusal, refusal_on_form
from victimcare.rights.engine import add_months


@staff_required
def index(request: StaffRequest) -> HttpResponse:
    """Open requests with their clocks, soonest due first (overdue flagged); the latest closed
    ones; and finding a person to restrict or correct their data."""
    today = timezone.localdate()
    open_requests = [
        (sar, days, -days)
        for sar in selectors.open_requests_for(request.user)
        if (days := clock.days_left(sar.due_on, today)) is not None
    ]
    closed = list(
        selectors.requests_for(request.user).exclude(status__in=OPEN_STATUSES).order_by("-released_at")[:20]
    )
    form = FindPersonForm(request.GET or None)
    people = (
        selectors.find_people(request.user, last_name=form.cleaned_data["q"])
        if request.GET and form.is_valid()
        else None
    )
    # One list row for the page: the people found when a name was searched for, else the
    # requests shown (each names the person it is about).
    requests_shown = f"subject access requests: {len(open_requests)} open, {len(closed)} closed"
    if people is not None:
        audit_list(request, what=f"{requests_shown}, people found", rows=people, action=Action.SEARCH)
    else:
        audit_list(request, what=requests_shown, rows=[sar for sar, _, _ in open_requests] + closed)
    return render(
        request,
        "dataprotection/index.html",
        {"open_requests": open_requests, "closed": closed, "form": form, "people": people},
    )


@staff_required
def request_new(request: StaffRequest) -> HttpResponse:
    selectors.require_handler(request.user)
    form = SarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sar = services.sar_create(
                actor=request.user,
                requester_name=data["requester_name"],
                requester=data["requester"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                received_on=data["received_on"],
            )
        except Refusal as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"Request recorded: due by {sar.due_on:%-d %B %Y}")
            return redirect("dataprotection:request", sar.pk)
    return render(request, "dataprotection/request_new.html", {"form": form})


@staff_required
def request_detail(request: StaffRequest, sar_id: int) -> HttpResponse:
    sar = selectors.request_for(request.user, sar_id)
    form: Any = None
    candidates = _candidates(request, sar)
    if request.method == "POST":
        form, done = _act(request, sar, candidates)
        if done:
            return redirect(done)
    audit_look(request, obj=sar, person=sar.person, detail="subject access request")
    counts = {t: 0 for t, _ in RECORD_TYPES}
    for record_type in sar.items.values_list("record_type", flat=True):
        counts[record_type] += 1
    return render(
        request,
        "dataprotection/request_detail.html",
        {
            "sar": sar,
            "form": form,
            "identity_form": form if isinstance(form, IdentityForm) else IdentityForm(),
            "match_form": form if isinstance(form, MatchForm) else MatchForm(people=candidates),
            "candidates": candidates,
            "counts": [(heading, counts[t]) for t, heading in RECORD_TYPES],
            "days_left": clock.days_left(sar.due_on, timezone.localdate()),
        },
    )


def _candidates(request: StaffRequest, sar: SubjectAccessRequest) -> list[Any]:
    if sar.status != SarStatus.RECEIVED:
        return []
    return selectors.find_people(
        request.user,
        last_name=sar.subject_last_name,
        first_name=sar.subject_first_name,
        date_of_birth=sar.subject_date_of_birth,
    )


def _act(request: StaffRequest, sar: SubjectAccessRequest, candidates: list[Any]) -> tuple[Any, str]:
    """Do what the POSTed `action` asks; (the form to show again, where to go once done or "")."""
    here = reverse("dataprotection:request", args=[sar.pk])
    action = request.POST.get("action", "")
    form: Any = None
    try:
        if action == "verify":
            form = IdentityForm(request.POST)
            if not form.is_valid():
                return form, ""
            services.sar_identity_verify(
                actor=request.user,
                sar=sar,
                verified_on=form.cleaned_data["verified_on"],
                evidence=form.cleaned_data["evidence"],
            )
            messages.success(request, "Identity verified")
        elif action == "match":
            form = MatchForm(request.POST, people=candidates)
            if not form.is_valid():
                return form, ""
            person = next(p for p in candidates if p.pk == form.cleaned_data["person"])
            services.sar_assemble(actor=request.user, sar=sar, person=person)
            messages.success(request, f"Everything held about {person.full_name} has been gathered")
        elif action == "gather":
            services.sar_assemble(actor=request.user, sar=sar)
            messages.success(request, "Gathered again")
        elif action == "review":
            services.sar_review_start(actor=request.user, sar=sar)
            messages.success(
                request, "Sent for review: check each item and redact other people's information"
            )
            return None, reverse("dataprotection:review", args=[sar.pk])
        elif action == "nothing_held":
            services.sar_nothing_held(actor=request.user, sar=sar)
            messages.success(request, "Answered: nothing held. Send the letter to the requester")
        else:
            return None, ""
    except Refusal as err:
        return _refused(form, err), ""
    return form, here


@staff_required
def review(request: StaffRequest, sar_id: int) -> HttpResponse:
    """Each item gathered, as it would be released; the reviewer leaves items out or redacts
    passages, each with a reason, then releases."""
    sar = selectors.request_for(request.user, sar_id)
    bound: dict[int, Any] = {}
    form: Any = None
    if request.method == "POST" and sar.status == SarStatus.IN_REVIEW:
        form, item_id, done = _review_act(request, sar)
        if done and request.POST.get("action") == "release":
            return redirect("dataprotection:request", sar.pk)
        if done:
            return redirect(f"{request.path}#item-{item_id}" if item_id else request.path)
        if item_id:
            bound[item_id] = form
    items = []
    for item in sar.items.prefetch_related("redactions"):
        patterns = pack._patterns(item)
        items.append(
            {
                "item": item,
                "rows": pack.readable(pack.redact(item.data, patterns)),
                "title": pack.redact(item.title, patterns),
                "withhold_form": bound.get(item.pk)
                if isinstance(bound.get(item.pk), WithholdForm)
                else WithholdForm(prefix=f"w{item.pk}"),
                "redact_form": bound.get(item.pk)
                if isinstance(bound.get(item.pk), RedactForm)
                else RedactForm(prefix=f"r{item.pk}"),
            }
        )
    audit_look(request, obj=sar, person=sar.person, detail=f"subject access review: {len(items)} items")
    return render(request, "dataprotection/review.html", {"sar": sar, "items": items, "form": form})


def _review_act(request: StaffRequest, sar: SubjectAccessRequest) -> tuple[Any, int | None, bool]:
    action = request.POST.get("action", "")
    item_id = _int(request.POST.get("item"))
    form: Any = None
    try:
        if action == "release":
            services.sar_release(actor=request.user, sar=sar)
            messages.success(request, "Released. Download the response and send it to the requester")
            return None, None, True
        if action == "unredact":
            redaction = selectors.redaction_for(request.user, sar, _int(request.POST.get("redaction")) or 0)
            services.sar_redaction_remove(actor=request.user, redaction=redaction)
            return None, redaction.item_id, True
        item = selectors.item_for(request.user, sar, item_id or 0)
        if action == "withhold":
            form = WithholdForm(request.POST, prefix=f"w{item.pk}")
            if form.is_valid():
                services.sar_item_withhold(actor=request.user, item=item, reason=form.cleaned_data["reason"])
                return form, item.pk, True
        elif action == "include":
            services.sar_item_include(actor=request.user, item=item)
            return None, item.pk, True
        elif action == "redact":
            form = RedactForm(request.POST, prefix=f"r{item.pk}")
            if form.is_valid():
                data = form.cleaned_data
                services.sar_redaction_add(
                    actor=request.user, item=item, passage=data["passage"], reason=data["reason"]
                )
                return form, item.pk, True
        return form, item.pk, False
    except Refusal as err:
        return _refused(form, err), item_id, False


def _refused(form: Any, err: Refusal) -> Any:
    """The refusal on the form that was posted, or, for a button alone, on an empty one."""
    if form is None:
        form = GovukForm(data={})
        form.is_valid()
    refusal_on_form(form, err)
    return form


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


@staff_required
def download(request: StaffRequest, sar_id: int, kind: str) -> HttpResponse:
    """The response exactly as released: the PDF or the archive."""
    sar = selectors.request_for(request.user, sar_id)
    if sar.status not in (SarStatus.RELEASED, SarStatus.NOTHING_HELD):
        raise Http404
    audit_look(request, obj=sar, person=sar.person, detail=f"subject access response downloaded ({kind})")
    if kind == "pdf":
        response = HttpResponse(bytes(sar.pdf or b""), content_type="application/pdf")
        name = f"subject-access-{sar.pk}.pdf"
    else:
        response = HttpResponse(bytes(sar.archive or b""), content_type="application/zip")
        name = f"subject-access-{sar.pk}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_required
def person_page(request: StaffRequest, person_id: int) -> HttpResponse:
    """A person's restriction of processing (mark or lift it) and their correction requests."""
    person = selectors.person_for(request.user, person_id)
    restriction = restriction_in_force(person.pk)
    form: Any = (LiftForm if restriction else RestrictForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if restriction:
                person_restriction_lift(
                    actor=request.user, person=person, reason=form.cleaned_data["lift_reason"]
                )
                messages.success(request, "Restriction lifted: processing may start again")
            else:
                person_restrict(actor=request.user, person=person, reason=form.cleaned_data["reason"])
                messages.success(request, "Processing restricted: nothing will be sent, referred or asked")
        except Refusal as err:
            refusal_on_form(form, err)
        else:
            return redirect("dataprotection:person", person.pk)
    audit_look(request, person=person, detail="data protection: person")
    return render(
        request,
        "dataprotection/person.html",
        {
            "person": person,
            "restriction": restriction,
            "history": person.restrictions.all(),
            "rectifications": selectors.rectifications_of(person),
            "form": form,
        },
    )


@staff_required
def rectify(request: StaffRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for(request.user, person_id)
    fields = services.CORRECTABLE
    initial = {name: getattr(person, name) for name in fields}
    form = RectificationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.rectification_record(
                actor=request.user,
                person=person,
                received_on=data["received_on"],
                requested=data["requested"],
                data={name: data[name] for name in fields},
                not_corrected_reason=data["not_corrected_reason"],
            )
        except Refusal as err:
            refusal_on_form(form, err)
        else:
            done = (
                "Details corrected and the person told"
                if record.fields_changed
                else "Recorded: nothing corrected"
            )
            messages.success(request, done)
            return redirect("dataprotection:person", person.pk)
    audit_look(request, person=person, detail="data protection: rectification form")
    return render(request, "dataprotection/rectify.html", {"person": person, "form": form})


# --- retention (docs/adr/0052) -----------------------------------------------------------------


@staff_required
def retention_queue(request: StaffRequest) -> HttpResponse:
    """The cases and people at the end of their retention period, oldest first, each marked
    if a legal hold stops its erasure."""
    selectors.require_retention(request.user)
    org, today = request.user.organisation_id, timezone.localdate()
    assert org is not None  # require_retention: a member of staff
    cases = list(retention.cases_due(org, today)[:200])
    people = list(retention.people_due(org, today)[:200])
    audit_list(
        request,
        what="retention review queue",
        rows=[f"case {c.pk}" for c in cases] + [f"person {p.pk}" for p in people],
        of="victimcase and person",
    )
    return render(request, "dataprotection/retention_queue.html", {"cases": cases, "people": people})


@staff_required
def retention_schedule(request: StaffRequest) -> HttpResponse:
    selectors.require_retention(request.user)
    assert request.user.organisation_id is not None
    periods = retention.schedule(request.user.organisation_id)
    audit_look(request, detail="retention schedule")
    return render(request, "dataprotection/retention_schedule.html", {"periods": periods})


@staff_required
def retention_rule(request: StaffRequest, record_type: str) -> HttpResponse:
    selectors.require_retention(request.user)
    assert request.user.organisation_id is not None
    period = next(
        (p for p in retention.schedule(request.user.organisation_id) if p.record_type == record_type), None
    )
    if period is None:
        raise Http404
    form = RetentionRuleForm(request.POST or None, initial={"months": period.months, "reason": period.reason})
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_rule_set(
                actor=request.user,
                record_type=record_type,
                months=form.cleaned_data["months"],
                reason=form.cleaned_data["reason"],
            )
        except Refusal as err:
            refusal_on_form(form, err)
        else:
            messages.success(request, f"{period.label}: kept for {form.cleaned_data['months']} months")
            return redirect("dataprotection:retention_schedule")
    audit_look(request, detail=f"retention schedule: {record_type}")
    return render(request, "dataprotection/retention_rule.html", {"period": period, "form": form})


def _retention_act(
    request: StaffRequest, *, case: Any = None, person: Any = None
) -> tuple[dict[str, GovukForm], bool]:
    """Do what the POSTed `action` asks on a case or a person: decide, hold or lift a hold.
    (The forms to show, whether it was done.)"""
    forms: dict[str, GovukForm] = {}
    action = request.POST.get("action", "")
    subject = {"case": case} if case is not None else {"person": person}
    form: GovukForm
    try:
        if action == "decide":
            form = forms["decide"] = RetentionDecisionForm(request.POST, prefix="decide")
            if not form.is_valid():
                return forms, False
            data = form.cleaned_data
            if data["decision"] == "erase":
                if case is not None:
                    services.case_erase(actor=request.user, case=case, reason=data["reason"])
                else:
                    services.person_erase(actor=request.user, person=person, reason=data["reason"])
                messages.success(request, "Erased: what identified the person has been removed")
            else:
                services.retention_keep(
                    actor=request.user, keep_until=data["keep_until"], reason=data["reason"], **subject
                )
                messages.success(request, f"Kept until {data['keep_until']:%-d %B %Y}")
        elif action == "hold":
            form = forms["hold"] = HoldForm(request.POST, prefix="hold")
            if not form.is_valid():
                return forms, False
            services.legal_hold_place(actor=request.user, reason=form.cleaned_data["reason"], **subject)
            messages.success(request, "Legal hold placed: it will not be erased until the hold is lifted")
        elif action == "lift":
            form = forms["lift"] = HoldLiftForm(request.POST, prefix="lift")
            hold = _hold(request.POST.get("hold"), case=case, person=person)
            if not form.is_valid():
                return forms, False
            services.legal_hold_lift(actor=request.user, hold=hold, reason=form.cleaned_data["lift_reason"])
            messages.success(request, "Legal hold lifted")
        else:
            return forms, False
    except Refusal as err:
        refusal_on_form(form, err)
        return forms, False
    return forms, True


def _hold(value: str | None, *, case: Any, person: Any) -> Any:
    hold = (
        selectors.holds_of(case=case, person=person)
        .filter(pk=_int(value) or 0, lifted_at__isnull=True)
        .first()
    )
    if hold is None:
        raise Http404
    return hold


def _retention_page(request: StaffRequest, *, case: Any = None, person: Any = None) -> HttpResponse:
    subject = {"case": case} if case is not None else {"person": person}
    here = request.path
    forms: dict[str, GovukForm] = {}
    if request.method == "POST":
        forms, done = _retention_act(request, case=case, person=person)
        if done:
            return redirect(here)
    assert request.user.organisation_id is not None
    org = request.user.organisation_id
    erasure = ErasureRecord.objects.filter(**subject).select_related("erased_by", "decision").first()
    if case is not None:
        last = case.last_event_at or case.opened_at
        months = retention.months_for(org, RecordType.CASE)
        audit_look(request, obj=case, case=case, person=case.person, detail="retention: case review")
    else:
        last = person.updated_at
        months = retention.months_for(org, RecordType.PERSON)
        audit_look(request, person=person, detail="retention: person review")
    return render(
        request,
        "dataprotection/retention_review.html",
        {
            "case": case,
            "person": person if person is not None else case.person,
            "erasure": erasure,
            "last_activity": last,
            "end_of_period": add_months(timezone.localtime(last).date(), months),
            "months": months,
            "hold": retention.hold_on(**subject),
            "holds": selectors.holds_of(**subject),
            "decisions": selectors.decisions_of(**subject),
            "still_has_case": person is not None and retention.person_has_kept_case(person),
            "decide_form": forms.get("decide") or RetentionDecisionForm(prefix="decide"),
            "hold_form": forms.get("hold") or HoldForm(prefix="hold"),
            "lift_form": forms.get("lift") or HoldLiftForm(prefix="lift"),
            "errors_form": next(iter(forms.values()), None),
        },
    )


@staff_required
def retention_case(request: StaffRequest, retention_case_id: int) -> HttpResponse:
    """Review one case at the end of its period: erase it, keep it for longer, or hold it."""
    return _retention_page(request, case=selectors.case_for_retention(request.user, retention_case_id))


@staff_required
def retention_person(request: StaffRequest, retention_person_id: int) -> HttpResponse:
    """Review a person with no case left: erase them, keep them for longer, or hold them."""
    return _retention_page(request, person=selectors.person_for_retention(request.user, retention_person_id))


@staff_required
def erasures(request: StaffRequest) -> HttpResponse:
    """What was erased, when and on whose decision, newest first."""
    records = list(selectors.erasures_for(request.user)[:500])
    audit_list(request, what="erasure record", rows=records)
    return render(request, "dataprotection/erasures.html", {"records": records})
