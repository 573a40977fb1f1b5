"""The commissioning evidence page and its download (issue 13, item 4; docs/adr/0050)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.audit.services import audit_look
from victimcare.reports import commissioning, exports
from victimcare.reports.forms import CommissioningFilterForm
from victimcare.reports.views import CONTENT_TYPES, SUPPRESSION_NOTE, _download


def _form(request: StaffRequest) -> CommissioningFilterForm:
    if not can(request.user, Capability.SEE_COMPLIANCE):
        raise Http404
    return CommissioningFilterForm(request.GET or None, user=request.user, today=timezone.localdate())


def _figures(request: StaffRequest, form: CommissioningFilterForm) -> commissioning.CommissioningFigures:
    return commissioning.commissioning_figures(request.user, form.filters())


def _audit(request: StaffRequest, f: commissioning.CommissioningFilters, what: str) -> None:
    audit_look(request, detail=f"commissioning evidence {what}, {f.start} to {f.end}, needs by {f.by}")


def _svg(markup: str) -> SafeString:
    return mark_safe(markup)  # noqa: S308 - charts.py escapes every text it draws


@staff_required
def commissioning_page(request: StaffRequest) -> HttpResponse:
    """Referrals against capacity, waiting times, needs met, why victims decline, restorative
    justice, protective orders, MARAC criteria met but not referred, young victims' first
    contact. Audited: the figures read victims' equality and safeguarding records."""
    form = _form(request)
    context: dict[str, Any] = {
        "form": form,
        "definitions": commissioning.DEFINITIONS,
        "min_to_publish": commissioning.MIN_TO_PUBLISH,
    }
    if not form.is_bound or form.is_valid():
        figures = _figures(request, form)
        sections = [
            {
                "section": s,
                "charts": [{"svg": _svg(c.svg()), "summary": c.summary, "title": c.title} for c in s.charts],
            }
            for s in figures.sections
        ]
        context.update(
            figures=figures,
            filters=figures.filters,
            sections=sections,
            suppress=figures.suppress,
            query=request.GET.urlencode(),
        )
        _audit(request, figures.filters, "figures")
    return render(request, "reports/commissioning.html", context)


@staff_required
def commissioning_export(request: StaffRequest, fmt: str) -> HttpResponse:
    """The page's tables as CSV or XLSX: the same rows and the same hidden counts, numbers as
    numbers; a section too small to publish is left out and the notes say why."""
    form = _form(request)
    if fmt not in CONTENT_TYPES:
        raise Http404
    if form.is_bound and not form.is_valid():
        return commissioning_page(request)
    figures = _figures(request, form)
    f = figures.filters
    tables: list[exports.Table] = [(s.sheet, s.header, s.rows) for s in figures.sections]
    notes = [
        f"Commissioning evidence, {f.start:%d %B %Y} to {f.end:%d %B %Y}, as on {figures.as_on:%d %B %Y}.",
        *(f"{s.title}: {s.message}" for s in figures.sections if s.message),
        *(f"{term}: {definition}" for term, definition in commissioning.DEFINITIONS),
    ]
    if figures.suppress:
        notes.append(SUPPRESSION_NOTE)
    body = exports.to_csv(tables) if fmt == "csv" else exports.to_xlsx(tables, notes)
    _audit(request, f, f"download ({fmt})")
    return _download(body, fmt, f"commissioning-{f.start.isoformat()}-to-{f.end.isoformat()}")
