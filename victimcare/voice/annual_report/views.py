"""The Champions' annual report's pages (docs/adr/0048): the list, starting one, the report
with its review and approval, its narrative, and its exports as HTML and tagged PDF. For the
holders of DRAFT_ANNUAL_REPORT (an OPCC's Champions and victim care supervisors) only; anyone
else gets 404. Every page and export is audited."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.documents import pdf_from_html
from victimcare.refusals import Refusal, refusal_on_form
from victimcare.voice import redaction
from victimcare.voice.annual_report import services as svc
from victimcare.voice.annual_report.forms import NarrativeForm, StartForm
from victimcare.voice.annual_report.models import NARRATIVE_FIELDS, AnnualReport, ReportStatus
from victimcare.voice.annual_report.selectors import (
    access_annual_report_for_user,
    annual_reports_visible_to,
    report_content,
)
from victimcare.voice.champion_views import form_page
from victimcare.voice.engagement_services import findings_confirm_safe, safe_findings

MOVE_LABELS = {ReportStatus.REVIEWED: "Mark as reviewed", ReportStatus.APPROVED: "Approve the report",
               ReportStatus.DRAFT: "Send back to draft"}  # fmt: skip


def _look(request: StaffRequest, obj: AnnualReport | None = None, detail: str = "") -> None:
    audit_record(actor=request.user, action=Action.VIEW, obj=obj, detail=detail, request=request)


def _drafter(request: StaffRequest) -> None:
    if not can(request.user, Capability.DRAFT_ANNUAL_REPORT):
        raise Http404


@staff_required
def report_list(request: StaffRequest) -> HttpResponse:
    _drafter(request)
    _look(request, detail="Annual reports")
    return render(
        request, "voice/annual_report/list.html", {"reports": annual_reports_visible_to(request.user)}
    )


@staff_required
def report_new(request: StaffRequest) -> HttpResponse:
    _drafter(request)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = svc.annual_report_start(actor=request.user, **form.cleaned_data)
        except Refusal as refused:
            refusal_on_form(form, refused)
        else:
            messages.success(request, "Report started. Write its narrative next.")
            return redirect("voice:annual_report", report.pk)
    _look(request, detail="Annual reports: start a report")
    intro = "The figures, findings, case studies and recommendations come from the records for the period. You write the narrative."
    return form_page(request, form, "Start an annual report", "/voice/annual-reports/", "Back to annual reports",
                     "Start the report", intro)  # fmt: skip


def _confirm(request: StaffRequest, report: AnnualReport) -> None:
    keys = [tuple(k.split("|", 1)) for k in request.POST.getlist("finding") if "|" in k]
    done = findings_confirm_safe(
        actor=request.user, target=svc.TARGET, target_id=report.pk, texts=report.narrative_texts(),
        keys=keys,  # type: ignore[arg-type]
    )  # fmt: skip
    messages.success(request, f"{done} confirmed as safe" if done else "Nothing was confirmed")


@staff_required
def report_detail(request: StaffRequest, report_id: int) -> HttpResponse:
    report = access_annual_report_for_user(request.user, report_id)
    error = ""
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            _confirm(request, report)
            return redirect("voice:annual_report", report.pk)
        try:
            svc.annual_report_move(actor=request.user, report=report, to=request.POST.get("to", ""))
        except Refusal as refused:
            error = refused.message
        else:
            messages.success(request, f"Report {report.get_status_display().lower()}")
            return redirect("voice:annual_report", report.pk)
    _look(request, report)
    moves = [(to, MOVE_LABELS[ReportStatus(to)]) for to in sorted(svc.TRANSITIONS[report.status])
             if svc.may_move(request.user, report, to)]  # fmt: skip
    found = svc.report_findings(report)
    context = {
        "report": report,
        "content": report_content(report),
        "found": [(f, redaction.KIND_LABELS[f.kind]) for f in found],
        "confirmed": safe_findings(svc.TARGET, report.pk),
        "moves": moves,
        "error": error,
        "sections": _sections(report),
    }
    return render(request, "voice/annual_report/detail.html", context, status=400 if error else 200)


def _sections(report: AnnualReport) -> dict[str, str]:
    return {name: getattr(report, name) for name in NARRATIVE_FIELDS}


@staff_required
def report_edit(request: StaffRequest, report_id: int) -> HttpResponse:
    report = access_annual_report_for_user(request.user, report_id)
    if report.status != ReportStatus.DRAFT:
        raise Http404
    form = NarrativeForm(request.POST or None, initial={"title": report.title, **_sections(report)})
    if request.method == "POST" and form.is_valid():
        try:
            svc.annual_report_edit(actor=request.user, report=report, **form.cleaned_data)
        except Refusal as refused:
            refusal_on_form(form, refused)
        else:
            messages.success(request, "Narrative saved")
            return redirect("voice:annual_report", report.pk)
    _look(request, report, "edit the narrative")
    intro = "Do not name anyone or give details that could identify them. The check runs before the report can be reviewed or approved."
    return form_page(request, form, "Write the report's narrative", f"/voice/annual-reports/{report.pk}/",
                     "Back to the report", "Save the narrative", intro)  # fmt: skip


def document_html(report: AnnualReport) -> str:
    """The report as one complete HTML document: the export, and what the PDF is printed from."""
    return render_to_string(
        "voice/annual_report/document.html",
        {"content": report_content(report), "sections": _sections(report)},
    )


def _filename(report: AnnualReport, ext: str) -> str:
    return f"{slugify(report.title) or 'annual-report'}.{ext}"


@staff_required
def report_html(request: StaffRequest, report_id: int) -> HttpResponse:
    report = access_annual_report_for_user(request.user, report_id)
    _look(request, report, "export HTML")
    response = HttpResponse(document_html(report), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_filename(report, "html")}"'
    return response


@staff_required
def report_pdf(request: StaffRequest, report_id: int) -> HttpResponse:
    report = access_annual_report_for_user(request.user, report_id)
    _look(request, report, "export PDF")
    response = HttpResponse(pdf_from_html(document_html(report)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    return response
