"""Staff pages: the satisfaction survey's results, for victim care supervisors and analysts."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.audit.models import Action
from victimcare.audit.services import audit_list
from victimcare.reports import charts, exports
from victimcare.reports.selectors import QUARTER, show_count
from victimcare.voice import national_selectors, selectors
from victimcare.voice.forms import NationalFilterForm, ResultsFilterForm
from victimcare.voice.national import FIGURES_FILE


def _figures(user: Any, f: selectors.ResultsFilters) -> dict[str, Any]:
    responses = selectors.filtered_responses(user, f)
    suppress = can(user, Capability.AGGREGATES_ONLY)
    trend, headers, tables = selectors.figures(responses, f, suppress=suppress)
    points = [
        charts.Point(r.label, int(r.percent[:-1]) / 100, r.percent)
        if r.percent
        else charts.Point(r.label, None, "no figure" if r.responses == 0 else "not shown")
        for r in trend
    ]
    what = "share satisfied or very satisfied"
    return {
        "trend_chart": mark_safe(  # noqa: S308 - charts.py escapes every text it draws
            charts.line_chart(
                "chart-satisfaction",
                "Satisfied or very satisfied, by " + ("quarter" if f.period == QUARTER else "month"),
                f"Line chart. {charts.summary(points, what)}",
                points,
            )
        ),
        "trend_summary": charts.summary(points, what),
        "filters": f,
        "headers": headers,
        "tables": tables,
        "trend": trend,
        "period_label": "Quarter" if f.period == QUARTER else "Month",
        "suppress": suppress,
        "total": tables[0].totals[-1] if tables else 0,
        "comments": show_count(selectors.comments_count(responses), suppress),
    }


def _form(request: StaffRequest) -> ResultsFilterForm:
    if not can(request.user, Capability.SEE_FEEDBACK):
        raise Http404
    return ResultsFilterForm(request.GET or None, today=timezone.localdate())


@staff_required
def results(request: StaffRequest) -> HttpResponse:
    """The trend of responses and satisfaction by month (or quarter), and counts and shares per
    question and moment, for the dates and moment chosen. Analysts see counts under 5 as "fewer
    than 5"; no one here sees a victim's words (those are on the case, audited)."""
    form = _form(request)
    context: dict[str, Any] = {"form": form}
    if not form.is_bound or form.is_valid():
        context.update(_figures(request.user, form.filters()))
        context["query"] = request.GET.urlencode()
    return render(request, "voice/results.html", context)


@staff_required
def results_csv(request: StaffRequest) -> HttpResponse:
    """The same figures as the page, for the same filters, as CSV (counts only, no free text).
    Filters the page would refuse show the page with its errors instead."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "voice/results.html", {"form": form}, status=400)
    f = form.filters()
    figures = _figures(request.user, f)
    tables = selectors.figures_tables(f, figures["trend"], figures["headers"], figures["tables"])
    response = HttpResponse(exports.to_csv(tables), content_type="text/csv; charset=utf-8")
    name = f"victims-feedback-{f.start.isoformat()}-to-{f.end.isoformat()}{'-' + f.moment if f.moment else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    audit_list(request, what=f"feedback figures download (csv), {f.start} to {f.end}", action=Action.EXPORT)
    return response


@staff_required
def national(request: StaffRequest) -> HttpResponse:
    """Local answers to the national Victims' Commissioner questions beside the national
    figures, with the sample size and a 95% interval, split as chosen (docs/adr/0049).
    Aggregates only: analysts see small numbers suppressed; no one sees a victim's words."""
    if not can(request.user, Capability.SEE_FEEDBACK):
        raise Http404
    form = NationalFilterForm(request.GET or None, today=timezone.localdate())
    context: dict[str, Any] = {"form": form, "figures_file": FIGURES_FILE.name}
    if not form.is_bound or form.is_valid():
        f = form.filters()
        by = form.split()
        suppress = can(request.user, Capability.AGGREGATES_ONLY)
        responses = selectors.filtered_responses(request.user, f)
        context.update(
            filters=f,
            by=by,
            split_label=national_selectors.SPLITS[by],
            suppress=suppress,
            questions=national_selectors.national_figures_page(responses, by=by, suppress=suppress),
            agencies=national_selectors.agency_figures(responses, suppress=suppress),
        )
        audit_list(
            request,
            what=f"national survey comparison, {f.start} to {f.end}{', by ' + by if by else ''}",
            count=0,
            of="aggregate figures",
        )
    return render(request, "voice/national.html", context)
