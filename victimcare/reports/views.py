"""The compliance dashboard, the cases behind a figure, and the MoJ quarterly return."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.audit.models import Action
from victimcare.audit.services import audit_list
from victimcare.reports import attrition, charts, court, disclosure, exports, returns, selectors
from victimcare.reports.forms import AttritionFilterForm, CourtFilterForm, DashboardFilterForm, QuarterForm
from victimcare.reports.selectors import (
    DATED_STATUSES,
    GROUPINGS,
    PERIOD,
    QUARTER,
    RULE,
    UNDATED_STATUSES,
    Filters,
    Row,
)
from victimcare.rights.vocabulary import DONE, LATE, MET, NOT_DONE, OVERDUE, PENDING

LOCAL_STATUSES = (MET, LATE, OVERDUE, PENDING)
SUPPRESSION_NOTE = (
    "Counts from 1 to 4 are shown as 'fewer than 5'. Where a small number could be worked out "
    "from the other figures (a total, a rate or another table), a further count is 'not shown', "
    "and no rate is shown that uses a count that is not shown."
)
DRILL_KEYS = ("by", "key", "status", "section", "page")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _gate(request: StaffRequest, fmt: str = "csv") -> None:
    if not can(request.user, Capability.SEE_COMPLIANCE) or fmt not in CONTENT_TYPES:
        raise Http404


def _filter_query(request: StaffRequest) -> QueryDict:
    query = request.GET.copy()
    for key in DRILL_KEYS:
        query.pop(key, None)
    return query


def _table(
    rows: list[Row],
    statuses: tuple[str, ...],
    *,
    shown: disclosure.Protection,
    section: str,
    drill: str | None,
    by: str,
    with_rate: bool = True,
) -> list[dict[str, Any]]:
    """Rows for a template: each count as disclosure control lets it be shown, with its
    drill-down address (supervisors only)."""
    drill_section = "undated" if section == "undated" else "dated"
    table = []
    for row in rows:
        counts = []
        for status in statuses:
            value = row.counts.get(status, 0)
            href = None
            if drill is not None and value:
                extra = QueryDict(mutable=True)
                extra.update({"by": by, "key": row.key, "status": status, "section": drill_section})
                href = drill + extra.urlencode()
            counts.append({"status": status, "value": shown.show(cell(section, row, status)), "href": href})
        row_rate = rate(shown, section, row) if with_rate else None
        table.append({"row": row, "label": row.label, "counts": counts, "rate": row_rate})
    return table


def cell(section: str, row: Row, status: str) -> tuple[str, str, str]:
    return (section, row.key, status)


def rate(shown: disclosure.Protection, section: str, row: Row) -> disclosure.Percent | str:
    """met / (met + late + overdue), unless one of them is hidden (then the rate would give it
    away) or there are fewer than 5 (analysts)."""
    top = [cell(section, row, MET)]
    return shown.rate(top, [*top, cell(section, row, LATE), cell(section, row, OVERDUE)])


def protection(report: dict[str, list[Row]], suppress: bool) -> disclosure.Protection:
    """Every count on the dashboard, hidden as an analyst must see it. The table by grouping
    and the trend count the same obligations, so each status adds up to the same number in
    both: a reader could subtract one from the other, and the sums say so."""
    statuses = {"grouped": DATED_STATUSES, "trend": DATED_STATUSES, "undated": UNDATED_STATUSES}
    statuses["local"] = LOCAL_STATUSES
    values: dict[Any, int] = {}
    grids: dict[str, list[list[Any]]] = {}
    for section, rows in report.items():
        grid = grids[section] = []
        for row in rows:
            ids = [cell(section, row, s) for s in statuses[section]]
            grid.append(ids)
            values.update({c: row.counts.get(c[2], 0) for c in ids})
    if not suppress:
        return disclosure.no_suppression(values)
    return disclosure.protect(values, disclosure.same_columns(grids["grouped"], grids["trend"]))


def complaint_protection(rows: list[Row], suppress: bool) -> disclosure.Protection:
    """The complaints table's counts as an analyst must see them: each body's answered
    complaints add up to its upheld, partly upheld and not upheld, so those sums are declared."""
    values: dict[Any, int] = {
        cell("complaints", row, column): row.counts.get(column, 0)
        for row in rows
        for column in selectors.COMPLAINT_COLUMNS
    }
    if not suppress:
        return disclosure.no_suppression(values)
    sums = [
        disclosure.Sum(
            tuple(cell("complaints", row, o) for o in selectors.COMPLAINT_OUTCOME_KEYS),
            total=cell("complaints", row, selectors.ANSWERED),
        )
        for row in rows
    ]
    return disclosure.protect(values, sums)


def _report(user: Any, f: Filters) -> dict[str, list[Row]]:
    day = timezone.localdate()
    return {
        "grouped": selectors.group_rows(user, f, day),
        "trend": selectors.trend_rows(user, f, day),
        "undated": selectors.undated_rows(user, f, day),
        "local": selectors.local_target_rows(user, f, day),
    }


@staff_required
def dashboard(request: StaffRequest) -> HttpResponse:
    """Compliance rate and counts by the chosen grouping, the trend, and undated obligations."""
    _gate(request)
    user = request.user
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET or None, user=user, today=today)
    context: dict[str, Any] = {"form": form, "today": today, "definitions": dashboard_definitions()}
    if not form.is_bound or form.is_valid():
        f = form.filters()
        report = _report(user, f)
        suppress = can(user, Capability.AGGREGATES_ONLY)
        shown = protection(report, suppress)
        complaints = selectors.complaint_rows(user, f, today)
        query = _filter_query(request).urlencode()
        drill = None
        if can(user, Capability.SEE_CASES_BEHIND_FIGURES):
            drill = f"{reverse('reports:cases')}?{query + '&' if query else ''}"
        context.update(
            {
                "filters": f,
                "group_label": GROUPINGS[f.group],
                "grouped_caption": f"Compliance by {GROUPINGS[f.group].lower()}",
                "trend_caption": f"Trend by {f.period}",
                "period_label": "Quarter" if f.period == QUARTER else "Month",
                "grouped": _table(
                    report["grouped"],
                    DATED_STATUSES,
                    shown=shown,
                    section="grouped",
                    drill=drill,
                    by=f.group,
                ),
                "trend": _table(
                    report["trend"],
                    DATED_STATUSES,
                    shown=shown,
                    section="trend",
                    drill=drill,
                    by=PERIOD,
                ),
                "undated": _table(
                    report["undated"],
                    UNDATED_STATUSES,
                    shown=shown,
                    section="undated",
                    drill=drill,
                    by=RULE,
                ),
                "local": _table(
                    report["local"], LOCAL_STATUSES, shown=shown, section="local", drill=None, by=RULE
                ),
                "complaints": _table(
                    complaints,
                    selectors.COMPLAINT_COLUMNS,
                    shown=complaint_protection(complaints, suppress),
                    section="complaints",
                    drill=None,
                    by="body",
                    with_rate=False,
                ),
                "complaint_headers": [selectors.COMPLAINT_HEADERS[c] for c in selectors.COMPLAINT_COLUMNS],
                **_dashboard_charts(report, shown, f),
                "dated_headers": [selectors.status_label(s) for s in DATED_STATUSES],
                "undated_headers": [selectors.status_label(s) for s in UNDATED_STATUSES],
                "local_headers": [selectors.status_label(s) for s in LOCAL_STATUSES],
                "suppress": suppress,
                "query": query,
            }
        )
    return render(request, "reports/dashboard.html", context)


def dashboard_definitions() -> list[tuple[str, str]]:
    """What each figure on the compliance dashboard counts."""
    return [
        ("Compliance rate", selectors.COMPLIANCE_RATE_DEFINITION),
        *((selectors.status_label(s), selectors.STATUS_DEFINITIONS[s]) for s in UNDATED_STATUSES),
        (
            "Due from, due up to",
            "Obligations with a due date count in the month or quarter they fell due; those with no due "
            "date count by the date of the event that started them. Statuses are as on the day you look.",
        ),
        (
            "Complaints",
            "Complaints received in the period, by who they are about. First reply within 10 working "
            "days: answered or acknowledged in time (Right 12). Answered in full: the organisation's "
            "reply, split by outcome. Taken further: the victim took it to the organisation's next "
            "stage, the Victims' Commissioner or the Ombudsman (a complaint may be taken to more than "
            "one).",
        ),
        (
            "Local targets",
            "Targets set locally where the Code sets none, by their local due date; never part of "
            "the compliance rate.",
        ),
    ]


def _dashboard_charts(
    report: dict[str, list[Row]], shown: disclosure.Protection, f: Filters
) -> dict[str, Any]:
    """The compliance rate by the grouping (bars) and over time (a line), from the same
    figures as the tables, with a sentence each."""
    grouped = [charts.point(r.label, rate(shown, "grouped", r)) for r in report["grouped"]]
    trend = [charts.point(r.label, rate(shown, "trend", r)) for r in report["trend"]]
    undated = [
        charts.point(
            r.label,
            shown.rate(
                [cell("undated", r, DONE)],
                [cell("undated", r, DONE), cell("undated", r, NOT_DONE)],
                withheld="Not shown",
            ),
        )
        for r in report["undated"]
    ]
    local = [charts.point(r.label, rate(shown, "local", r)) for r in report["local"]]
    by = GROUPINGS[f.group].lower()
    return {
        "undated_chart": _svg(
            charts.bar_chart(
                "chart-undated",
                "Obligations with no due date: share done, by rule",
                f"Bar chart of the share done by rule. {charts.summary(undated, 'share done')}",
                undated,
            )
        ),
        "undated_summary": charts.summary(undated, "share done"),
        "local_chart": _svg(
            charts.bar_chart(
                "chart-local",
                "Local targets: share met on time, by rule",
                f"Bar chart of the share of local targets met on time by rule. {charts.summary(local, 'share met')}",
                local,
            )
        ),
        "local_summary": charts.summary(local, "share met"),
        "grouped_chart": _svg(
            charts.bar_chart(
                "chart-by-group",
                f"Compliance rate by {by}",
                f"Bar chart of the compliance rate by {by}. {charts.summary(grouped, 'compliance rate')}",
                grouped,
            )
        ),
        "grouped_summary": charts.summary(grouped, "compliance rate"),
        "trend_chart": _svg(
            charts.line_chart(
                "chart-trend",
                f"Compliance rate by {f.period}",
                f"Line chart of the compliance rate by {f.period}. {charts.summary(trend, 'compliance rate')}",
                trend,
            )
        ),
        "trend_summary": charts.summary(trend, "compliance rate"),
    }


def _svg(markup: str) -> SafeString:
    return mark_safe(markup)  # noqa: S308 - charts.py escapes every text it draws


def dashboard_tables(user: Any, f: Filters) -> list[exports.Table]:
    """The dashboard's tables as the exports write them (same rows, same suppression)."""
    report = _report(user, f)
    suppress = can(user, Capability.AGGREGATES_ONLY)
    complaints = selectors.complaint_rows(user, f, timezone.localdate())
    shown = complaint_protection(complaints, suppress)
    complaint_table: exports.Table = (
        "Complaints by organisation",
        ["Complaint about", *(selectors.COMPLAINT_HEADERS[c] for c in selectors.COMPLAINT_COLUMNS)],
        [
            [row.label, *(shown.show(cell("complaints", row, c)) for c in selectors.COMPLAINT_COLUMNS)]
            for row in complaints
        ],
    )
    return [*figure_tables(report, protection(report, suppress), f), complaint_table]


def figure_tables(
    report: dict[str, list[Row]], shown: disclosure.Protection, f: Filters
) -> list[exports.Table]:
    period = "Quarter" if f.period == QUARTER else "Month"

    def rows(section: str, statuses: tuple[str, ...], with_rate: bool = True) -> list[list[Any]]:
        out = []
        for row in report[section]:
            line: list[Any] = [row.label, *(shown.show(cell(section, row, s)) for s in statuses)]
            if with_rate:
                line.append(rate(shown, section, row))
            out.append(line)
        return out

    dated = [selectors.status_label(s) for s in DATED_STATUSES] + ["Compliance rate"]
    return [
        (f"By {GROUPINGS[f.group].lower()}", [GROUPINGS[f.group], *dated], rows("grouped", DATED_STATUSES)),
        (f"Trend by {period.lower()}", [period, *dated], rows("trend", DATED_STATUSES)),
        (
            "No due date",
            ["Rule", *(selectors.status_label(s) for s in UNDATED_STATUSES)],
            rows("undated", UNDATED_STATUSES, with_rate=False),
        ),
        (
            "Local targets",
            ["Rule", *(selectors.status_label(s) for s in LOCAL_STATUSES)],
            rows("local", LOCAL_STATUSES, with_rate=False),
        ),
    ]


def _download(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@staff_required
def dashboard_export(request: StaffRequest, fmt: str) -> HttpResponse:
    _gate(request, fmt)
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET or None, user=request.user, today=today)
    if form.is_bound and not form.is_valid():
        return dashboard(request)
    f = form.filters()
    tables = dashboard_tables(request.user, f)
    notes = [
        f"Victims' Code compliance, obligations due {f.start:%d %B %Y} to {f.end:%d %B %Y}, statuses as on {today:%d %B %Y}.",
        "Compliance rate = met / (met + late + overdue). Pending and not applicable are outside the rate.",
        "Obligations with no due date are counted by the date of the event that triggered them.",
    ]
    if can(request.user, Capability.AGGREGATES_ONLY):
        notes.append(SUPPRESSION_NOTE)
    body = exports.to_csv(tables) if fmt == "csv" else exports.to_xlsx(tables, notes)
    # Figures only, no victim named: still a disclosure, so on the trail with 0 shown.
    audit_list(
        request, what=f"compliance figures download ({fmt}), {f.start} to {f.end}", action=Action.EXPORT
    )
    return _download(body, fmt, f"compliance-{f.start.isoformat()}-to-{f.end.isoformat()}")


@staff_required
def cases_behind(request: StaffRequest) -> HttpResponse:
    """The cases behind one figure (supervisors; through the access gate)."""
    user = request.user
    if not can(user, Capability.SEE_CASES_BEHIND_FIGURES):
        raise Http404
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET, user=user, today=today)
    if not form.is_valid():
        raise Http404
    f = form.filters()
    by, key = request.GET.get("by", ""), request.GET.get("key", "")
    status, section = request.GET.get("status", ""), request.GET.get("section", "dated")
    try:
        cases = selectors.behind(user, f, today, by=by, key=key, status=status, section=section)
    except (ValueError, TypeError):
        raise Http404 from None
    page = Paginator(cases, int(settings.PAGE_SIZE)).get_page(request.GET.get("page"))
    figure = selectors.figure_label(by, key, f, section)
    audit_list(
        request, what=f"cases behind a figure: {figure}, page {page.number}", rows=list(page.object_list)
    )
    filter_query = _filter_query(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/cases_behind.html",
        {
            "page": page,
            "query": query.urlencode(),
            "back": filter_query.urlencode(),
            "status_label": selectors.status_label(status) if status else "Any status",
            "status_definition": selectors.STATUS_DEFINITIONS.get(status, "Every status."),
            "rate_definition": selectors.COMPLIANCE_RATE_DEFINITION,
            "figure": figure,
            "filters": f,
            "today": today,
        },
    )


def _return_tables(user: Any, start: Any) -> tuple[list[tuple[returns.Area, Row]], exports.Table]:
    rows = returns.quarter_rows(user, start, timezone.localdate())
    suppress = can(user, Capability.AGGREGATES_ONLY)
    header = [
        "Area",
        "What the victim received",
        "Rules counted",
        *(selectors.status_label(s) for s in returns.STATUSES),
        "Compliance rate",
        "Definition",
        "Limits of this measure",
    ]
    values: dict[Any, int] = {
        ("return", row.key, s): row.counts[s] for _, row in rows for s in returns.STATUSES
    }
    shown = disclosure.protect(values, []) if suppress else disclosure.no_suppression(values)
    lines = []
    for area, row in rows:
        area_rate: disclosure.Percent | str = "Not applicable (no time limit)"
        if area.number != 1:
            area_rate = rate(shown, "return", row)
        lines.append(
            [
                area.number,
                area.title,
                area.rules,
                *(shown.show(cell("return", row, s)) for s in returns.STATUSES),
                area_rate,
                area.definition,
                area.limits,
            ]
        )
    return rows, ("Quarterly return", header, lines)


@staff_required
def moj_return(request: StaffRequest) -> HttpResponse:
    """The MoJ's five areas for one quarter, with each area's definition."""
    _gate(request)
    today = timezone.localdate()
    form = QuarterForm(request.GET or None, today=today)
    context: dict[str, Any] = {"form": form, "areas": returns.AREAS}
    if not form.is_bound or form.is_valid():
        start = form.start if form.is_bound else selectors.period_start(today, QUARTER)
        _, table = _return_tables(request.user, start)
        context.update(
            {
                "table": table,
                "quarter": selectors.period_label(start, QUARTER),
                "query": f"quarter={start.isoformat()}",
                "suppress": can(request.user, Capability.AGGREGATES_ONLY),
            }
        )
    return render(request, "reports/moj_return.html", context)


@staff_required
def moj_return_export(request: StaffRequest, fmt: str) -> HttpResponse:
    _gate(request, fmt)
    today = timezone.localdate()
    form = QuarterForm(request.GET or None, today=today)
    if form.is_bound and not form.is_valid():
        return moj_return(request)
    start = form.start if form.is_bound else selectors.period_start(today, QUARTER)
    _, table = _return_tables(request.user, start)
    notes = [
        f"Victims' Code quarterly return, {selectors.period_label(start, QUARTER)}, statuses as on {today:%d %B %Y}."
    ]
    notes += [f"Area {a.number}: {a.definition} Limits: {a.limits}" for a in returns.AREAS]
    body = exports.to_csv([table]) if fmt == "csv" else exports.to_xlsx([table], notes)
    audit_list(request, what=f"quarterly return download ({fmt}), from {start}", action=Action.EXPORT)
    return _download(body, fmt, f"victims-code-return-{start.isoformat()}")


def _attrition_form(request: StaffRequest) -> AttritionFilterForm:
    if not can(request.user, Capability.SEE_COMPLIANCE):
        raise Http404
    return AttritionFilterForm(request.GET or None, user=request.user, today=timezone.localdate())


def _attrition_audit(
    request: StaffRequest, f: attrition.AttritionFilters, what: str, action: str = Action.LIST
) -> None:
    # Figures drawn from victims' equality data, no victim named: 0 shown.
    audit_list(request, what=f"attrition {what} by {f.by}, cases opened {f.start} to {f.end}", action=action)


@staff_required
def attrition_page(request: StaffRequest) -> HttpResponse:
    """Where victims drop out, step by step, for the groups of the split chosen (supervisors:
    the cases they can see; analysts: their organisation's, small numbers hidden). Audited:
    the figures are drawn from victims' equality data."""
    user = request.user
    form = _attrition_form(request)
    context: dict[str, Any] = {
        "form": form,
        "steps": attrition.STEPS,
        "withdrew_definition": attrition.WITHDREW_DEFINITION,
        "min_to_publish": attrition.MIN_TO_PUBLISH,
    }
    if not form.is_bound or form.is_valid():
        f = form.filters()
        suppress = can(user, Capability.AGGREGATES_ONLY)
        victims, everyone, groups = attrition.report(user, f, suppress=suppress)
        if everyone is not None:
            context.update(_attrition_charts(everyone, groups, attrition.SPLITS[f.by].lower()))
        context.update(
            {
                "filters": f,
                "split_label": attrition.SPLITS[f.by],
                "victims": victims,
                "everyone": everyone,
                "groups": groups,
                "suppress": suppress,
                "query": request.GET.urlencode(),
            }
        )
        _attrition_audit(request, f, "figures")
    return render(request, "reports/attrition.html", context)


@staff_required
def attrition_export(request: StaffRequest, fmt: str) -> HttpResponse:
    """The page's figures as CSV or XLSX: one row per group and step, the same hidden counts,
    rates and ratios as numbers (spreadsheet), and the definitions."""
    form = _attrition_form(request)
    if fmt not in CONTENT_TYPES:
        raise Http404
    if form.is_bound and not form.is_valid():
        return attrition_page(request)
    f = form.filters()
    victims, everyone, groups = attrition.report(
        request.user, f, suppress=can(request.user, Capability.AGGREGATES_ONLY)
    )
    header = [
        "Group",
        "Step",
        "Victims",
        "Rate",
        "Ratio to everyone else",
        "95% interval from",
        "to",
        "Compared",
    ]
    rows: list[list[Any]] = []
    for g in [everyone, *groups] if everyone is not None else []:
        for step in [*g.steps, g.withdrew]:
            ratio = step.ratio
            line: list[Any] = [g.label, step.label, step.count, step.rate]
            line += (
                [round(ratio.ratio, 3), round(ratio.low, 3), round(ratio.high, 3)]
                if ratio
                else [step.note, "", ""]
            )
            rows.append([*line, step.flag or ("No clear difference" if ratio else "")])
    notes = [
        f"Where victims drop out: cases opened {f.start:%d %B %Y} to {f.end:%d %B %Y}, by {attrition.SPLITS[f.by].lower()}.",
        "Each rate is of all the victims in the group. The ratio is the group's rate over everyone else's, "
        "with Katz's 95% interval; 'Differs' where the interval excludes 1.",
        *(f"{s.label}: {s.definition}" for s in attrition.STEPS),
        f"Outcomes where the victim did not support or withdrew: {attrition.WITHDREW_DEFINITION}",
    ]
    if victims < attrition.MIN_TO_PUBLISH:
        notes.insert(0, f"Fewer than {attrition.MIN_TO_PUBLISH} victims' cases match: too few to publish.")
    if can(request.user, Capability.AGGREGATES_ONLY):
        notes.append(SUPPRESSION_NOTE)
    table: exports.Table = ("Attrition", header, rows)
    body = exports.to_csv([table]) if fmt == "csv" else exports.to_xlsx([table], notes)
    _attrition_audit(request, f, f"download ({fmt})", Action.EXPORT)
    return _download(body, fmt, f"attrition-{f.by}-{f.start.isoformat()}-to-{f.end.isoformat()}")


def _attrition_charts(
    everyone: attrition.GroupFigures, groups: list[attrition.GroupFigures], by: str
) -> dict[str, Any]:
    """Everyone's steps (bars), and two figures by group: charged or summonsed, and the share
    of outcomes where the victim withdrew."""
    steps = [charts.point(s.label, s.rate) for s in everyone.steps]
    charged = [
        charts.point(g.label, next(s.rate for s in g.steps if s.label == "Charged or summonsed"))
        for g in groups
    ]
    withdrew = [charts.point(g.label, g.withdrew.rate) for g in groups]
    made = []
    for chart_id, title, points, what in (
        ("chart-steps", "Share of all victims reaching each step", steps, "share reaching a step"),
        ("chart-charged", f"Charged or summonsed, by {by}", charged, "rate charged or summonsed"),
        (
            "chart-withdrew",
            f"Outcomes where the victim did not support or withdrew, by {by}",
            withdrew,
            "share withdrawn",
        ),
    ):
        text = charts.summary(points, what)
        made.append(
            {
                "svg": _svg(charts.bar_chart(chart_id, title, f"Bar chart. {text}", points)),
                "summary": text,
                "title": title,
            }
        )
    return {"charts": made}


# --- the court journey ----------------------------------------------------------------------------


def _court_form(request: StaffRequest) -> CourtFilterForm:
    if not can(request.user, Capability.SEE_COMPLIANCE):
        raise Http404
    return CourtFilterForm(request.GET or None, user=request.user, today=timezone.localdate())


def _court_figures(request: StaffRequest, f: court.CourtFilters) -> dict[str, Any]:
    """Everything the page and its download show, the same suppression for both."""
    today = timezone.localdate()
    journeys = court.journeys(request.user, f)
    everyone, courts = court.rows(journeys, today)
    why = court.reasons(journeys)
    suppress = can(request.user, Capability.AGGREGATES_ONLY)
    shown = court.protection(everyone, courts, why, suppress=suppress)
    table = []
    for row in [everyone, *courts]:
        cells = [shown.show((row.key, c)) for c in court.COLUMN_KEYS]
        table.append(
            {
                "row": row,
                "cells": cells,
                "by": dict(zip(court.COLUMN_KEYS, cells, strict=True)),
                "lines": [
                    (key, label, cell) for (key, label), cell in zip(court.COLUMNS, cells, strict=True)
                ],
                "to_first_hearing": court.median_days(row.to_first_hearing, shown, (row.key, "listed")),
                "to_trial": court.median_days(row.to_trial, shown, (row.key, "trial")),
                "per_case": _per_case(row, shown),
            }
        )
    reasons = [
        {
            "kind": kind,
            "title": court.REASON_TITLES[kind],
            "lines": [(words, shown.show((kind, code))) for code, words, _ in lines],
            "total": shown.show((court.EVERYONE, court.REASON_TOTALS[kind])),
        }
        for kind, lines in why.items()
    ]
    waiting = []
    if can(request.user, Capability.SEE_CASES_BEHIND_FIGURES) and not suppress:
        waiting = court.longest_waiting(journeys, today)
    return {
        "today": today,
        "charged": everyone.counts["charged"],
        "everyone": everyone,
        "table": table,
        "reasons": reasons,
        "waiting": waiting,
        "shown": shown,
        "suppress": suppress,
    }


def _per_case(row: court.CourtRow, shown: disclosure.Protection) -> str:
    """Hearings moved per charged case, to one decimal place, or why not."""
    if (
        shown.any_hidden([(row.key, "changes"), (row.key, "charged")])
        or row.counts["charged"] < disclosure.SMALL
    ):
        return "Not shown (fewer than 5)"
    return f"{row.counts['changes'] / row.counts['charged']:.1f}"


def _court_audit(
    request: StaffRequest,
    f: court.CourtFilters,
    what: str,
    waiting: list[court.Waiting] | None = None,
    action: str = Action.LIST,
) -> None:
    """The figures (0 shown) or, for supervisors, the waiting cases listed beside them."""
    cases = [w.case_id for w in waiting or []]
    audit_list(request, what=f"court delays {what}, charged {f.start} to {f.end}", rows=cases, of="victimcase",
               action=action)  # fmt: skip


@staff_required
def court_page(request: StaffRequest) -> HttpResponse:
    """How long charged cases wait for court and how often their hearings move, by court, for
    the Local Criminal Justice Board; supervisors also see who has waited longest. Audited."""
    form = _court_form(request)
    context: dict[str, Any] = {
        "form": form,
        "columns": court.COLUMNS,
        "definitions": court.DEFINITIONS,
        "min_to_publish": court.MIN_TO_PUBLISH,
    }
    if not form.is_bound or form.is_valid():
        f = form.filters()
        figures = _court_figures(request, f)
        context.update(figures, filters=f, query=request.GET.urlencode())
        if figures["charged"] >= court.MIN_TO_PUBLISH:
            context["charts"] = _court_charts(figures)
        _court_audit(request, f, "figures", figures["waiting"])
    return render(request, "reports/court.html", context)


def _court_charts(figures: dict[str, Any]) -> list[dict[str, Any]]:
    shown: disclosure.Protection = figures["shown"]
    waits = [
        charts.point(
            label, shown.rate([(court.EVERYONE, key)], [(court.EVERYONE, "charged")], withheld="Not shown")
        )
        for key, label in court.COLUMNS
        if key in ("awaiting", "over_6", "over_12", "over_24")
    ]
    moved = [
        charts.point(
            line["row"].label,
            shown.rate([(line["row"].key, "changed")], [(line["row"].key, "charged")], withheld="Not shown"),
        )
        for line in figures["table"][1:]
    ]
    made = []
    for reason in figures["reasons"]:
        points, high = charts.count_points(reason["lines"])
        if all(p.text == "0" for p in points):
            continue  # nothing moved for this kind: the table says 0 for each reason
        text = charts.summary(points, "number")
        made.append(
            {
                "svg": _svg(
                    charts.bar_chart(
                        f"chart-{reason['kind']}", reason["title"], f"Bar chart. {text}", points, scale=high
                    )
                ),
                "summary": text,
                "title": reason["title"],
            }
        )
    reason_charts, made = made, []
    for chart_id, title, points, what in (
        ("chart-waiting", "Share of charged cases still waiting for the outcome", waits, "share waiting"),
        (
            "chart-moved",
            "Share of charged cases with a hearing moved, by court",
            moved,
            "share with a hearing moved",
        ),
    ):
        if not points:
            continue
        text = charts.summary(points, what)
        made.append(
            {
                "svg": _svg(charts.bar_chart(chart_id, title, f"Bar chart. {text}", points)),
                "summary": text,
                "title": title,
            }
        )
    return made + reason_charts


@staff_required
def court_export(request: StaffRequest, fmt: str) -> HttpResponse:
    """The court delay figures as CSV or XLSX for the Local Criminal Justice Board: the same
    rows and the same hidden counts as the page, numbers as numbers; never the list of cases."""
    form = _court_form(request)
    if fmt not in CONTENT_TYPES:
        raise Http404
    if form.is_bound and not form.is_valid():
        return court_page(request)
    f = form.filters()
    figures = _court_figures(request, f)
    header = ["Court", *(label for _, label in court.COLUMNS), "Median days, charge to first hearing",
              "Median days, charge to trial", "Hearings moved per case"]  # fmt: skip
    rows = [
        [line["row"].label, *line["cells"], line["to_first_hearing"], line["to_trial"], line["per_case"]]
        for line in figures["table"]
    ] if figures["charged"] >= court.MIN_TO_PUBLISH else []  # fmt: skip
    why_rows = [
        [r["title"], words, n] for r in figures["reasons"] for words, n in r["lines"]
    ] if rows else []  # fmt: skip
    notes = [
        f"Court delays for the Local Criminal Justice Board: victims' cases charged {f.start:%d %B %Y} to "
        f"{f.end:%d %B %Y}, as on {figures['today']:%d %B %Y}.",
        *(f"{term}: {definition}" for term, definition in court.DEFINITIONS),
    ]
    if not rows:
        notes.insert(0, f"Fewer than {court.MIN_TO_PUBLISH} charged cases match: too few to publish.")
    if figures["suppress"]:
        notes.append(SUPPRESSION_NOTE)
    tables: list[exports.Table] = [
        ("Court delays", header, rows),
        ("Reasons", ["Table", "Reason", "Count"], why_rows),
    ]
    body = exports.to_csv(tables) if fmt == "csv" else exports.to_xlsx(tables, notes)
    _court_audit(request, f, f"download ({fmt})", action=Action.EXPORT)
    return _download(body, fmt, f"court-delays-{f.start.isoformat()}-to-{f.end.isoformat()}")
