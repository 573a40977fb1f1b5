"""The Panel pack's pages: the list and a new draft, one pack (its figures, pictures and
commentary), submit, approve or send back, and the PDF and spreadsheet (docs/adr/0051).

Only the OPCC's preparers and approvers see any of it; a pack of another organisation, or any
pack for anyone else, is "Page not found". Every page and download is audited: the figures are
drawn from victims' records, equality data among them."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.audit.services import audit_look
from victimcare.documents import pdf_from_html
from victimcare.forms import GovukForm
from victimcare.refusals import Refusal, refusal_on_form
from victimcare.reports import panel, panel_sections, services
from victimcare.reports.forms import quarter_choices
from victimcare.reports.models import PackStatus, PanelPack

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUPPRESSION = (
    "Counts from 1 to 4 are shown as 'fewer than 5'. Where a small number could be worked out from "
    "the other figures, a further count is 'not shown', and no rate is shown that uses a hidden count."
)


# The tables have up to ten columns: smaller type keeps their words from breaking mid-phrase.
PDF_CSS = "table { font-size: 8pt; } th, td { padding: 1mm 1.2mm; }"


class DraftForm(GovukForm):
    quarter = forms.ChoiceField(label="Quarter", help_text="The quarter the pack reports on")

    def __init__(self, *args: Any, today: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["quarter"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = quarter_choices(today)


class SendBackForm(GovukForm):
    reason = forms.CharField(label="Why are you sending it back?", widget=forms.Textarea(attrs={"rows": 3}))


def _gate(request: StaffRequest) -> None:
    user = request.user
    if not (can(user, Capability.PREPARE_PANEL_PACK) or can(user, Capability.APPROVE_PANEL_PACK)):
        raise Http404


def _pack(request: StaffRequest, pk: int) -> PanelPack:
    return get_object_or_404(panel.panel_packs_for(request.user), pk=pk)


def _title(pack: PanelPack) -> str:
    return f"Victims' services performance report to the Police and Crime Panel: {panel.Quarter(pack.quarter_start).label}"


@staff_required
def pack_list(request: StaffRequest) -> HttpResponse:
    _gate(request)
    today = timezone.localdate()
    form = DraftForm(request.POST or None, today=today)
    preparer = can(request.user, Capability.PREPARE_PANEL_PACK)
    if request.method == "POST" and preparer and form.is_valid():
        try:
            pack = services.panel_pack_draft(
                actor=request.user, quarter_start=date.fromisoformat(form.cleaned_data["quarter"])
            )
        except Refusal as err:
            refusal_on_form(form, err)
        else:
            return redirect("reports:panel_pack", pk=pack.pk)
    packs = panel.panel_packs_for(request.user).select_related("prepared_by", "approved_by")
    audit_look(request, detail="Panel packs: list")
    return render(request, "reports/panel_list.html", {"packs": packs, "form": form, "preparer": preparer})


def _context(request: StaffRequest, pack: PanelPack) -> dict[str, Any]:
    as_on, sections = panel_sections.pack_figures(request.user, pack, timezone.localdate())
    shown = [
        {
            "section": s,
            "commentary": pack.commentary_for(s.key),
            "pictures": [
                {"title": p.title, "svg": mark_safe(p.svg), "summary": p.summary}  # noqa: S308 - charts.py escapes
                for p in panel.pictures(s)
            ],
        }
        for s in sections
    ]
    return {
        "pack": pack,
        "title": _title(pack),
        "as_on": as_on,
        "sections": shown,
        "suppression": SUPPRESSION,
    }


@staff_required
def pack_page(request: StaffRequest, pk: int) -> HttpResponse:
    pack = _pack(request, pk)
    user = request.user
    context = _context(request, pack)
    context.update(
        {
            "may_edit": pack.is_draft and can(user, Capability.PREPARE_PANEL_PACK),
            "may_approve": pack.status == PackStatus.SUBMITTED
            and can(user, Capability.APPROVE_PANEL_PACK)
            and pack.submitted_by_id != user.pk,
            "send_back": SendBackForm(),
            "status_label": PackStatus(pack.status).label,
        }
    )
    audit_look(request, obj=pack, detail=f"Panel pack {pack.quarter_start}: page")
    return render(request, "reports/panel_pack.html", context)


@require_POST
@staff_required
def pack_commentary(request: StaffRequest, pk: int) -> HttpResponse:
    pack = _pack(request, pk)
    keys = [make.__name__.removesuffix("_section") for make in panel_sections.SECTIONS]
    try:
        for key in keys:
            name = f"commentary-{key}"
            if name in request.POST and request.POST[name].strip() != pack.commentary_for(key):
                pack = services.panel_pack_comment(
                    actor=request.user, pack=pack, key=key, text=request.POST[name]
                )
    except Refusal as err:
        messages.error(request, err.message)
    else:
        messages.success(request, "Commentary saved")
    return redirect("reports:panel_pack", pk=pack.pk)


@require_POST
@staff_required
def pack_submit(request: StaffRequest, pk: int) -> HttpResponse:
    pack = _pack(request, pk)
    today = timezone.localdate()
    try:
        sections = panel_sections.pack_sections(request.user, panel.Quarter(pack.quarter_start), today)
        services.panel_pack_submit(actor=request.user, pack=pack, snapshot=panel.to_json(sections, today))
    except Refusal as err:
        messages.error(request, err.message)
    else:
        messages.success(request, "Submitted for approval. The figures are now fixed as they are today.")
    return redirect("reports:panel_pack", pk=pack.pk)


@require_POST
@staff_required
def pack_approve(request: StaffRequest, pk: int) -> HttpResponse:
    pack = _pack(request, pk)
    try:
        services.panel_pack_approve(actor=request.user, pack=pack)
    except Refusal as err:
        messages.error(request, err.message)
    else:
        messages.success(request, "Pack approved")
    return redirect("reports:panel_pack", pk=pack.pk)


@require_POST
@staff_required
def pack_send_back(request: StaffRequest, pk: int) -> HttpResponse:
    pack = _pack(request, pk)
    form = SendBackForm(request.POST)
    try:
        if not form.is_valid():
            raise services.PanelPackRefusal("reason", "Say why the pack is being sent back")
        services.panel_pack_send_back(actor=request.user, pack=pack, reason=form.cleaned_data["reason"])
    except Refusal as err:
        messages.error(request, err.message)
    else:
        messages.success(request, "Sent back to draft")
    return redirect("reports:panel_pack", pk=pack.pk)


def _svg_image(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@staff_required
def pack_pdf(request: StaffRequest, pk: int) -> HttpResponse:
    """The pack as a tagged PDF/UA-1 document: headings, each chart as a figure with its
    summary as alternative text, the table beside it, and the commentary."""
    pack = _pack(request, pk)
    context = _context(request, pack)
    for shown in context["sections"]:
        for p in shown["pictures"]:
            p["src"] = _svg_image(str(p["svg"]))
    html = render_to_string("reports/panel_pack_document.html", context)
    body = pdf_from_html(html, stylesheets=(PDF_CSS,))
    audit_look(request, obj=pack, detail=f"Panel pack {pack.quarter_start}: download (pdf)")
    return _download(body, "application/pdf", pack, "pdf")


@staff_required
def pack_xlsx(request: StaffRequest, pk: int) -> HttpResponse:
    pack = _pack(request, pk)
    as_on, sections = panel_sections.pack_figures(request.user, pack, timezone.localdate())
    notes = [
        f"Figures as on {as_on:%d %B %Y}. Status: {PackStatus(pack.status).label}.",
        SUPPRESSION + " In this spreadsheet a hidden count is a blank cell with a comment.",
        "Counts are whole numbers; rates are numbers shown as percentages.",
    ]
    body = panel.to_xlsx(_title(pack), sections, notes)
    audit_look(request, obj=pack, detail=f"Panel pack {pack.quarter_start}: download (xlsx)")
    return _download(body, XLSX, pack, "xlsx")


def _download(body: bytes, content_type: str, pack: PanelPack, ext: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="panel-pack-{pack.quarter_start.isoformat()}.{ext}"'
    )
    return response
