"""The Panel pack's figures: an ordered list of sections, each from the figures the app already
works out (docs/adr/0051).

Each section is a small function `(user, quarter) -> Section` that asks one report's own reads
(the compliance dashboard, the Ministry of Justice return, the survey results, attrition and
equality, court delays) and writes what they show into tables of `Cell`s: a count, a rate, a
number, words, or a hidden count ("fewer than 5", "not shown"). Small numbers are always hidden
(the pack is published), whoever drafts it. A section is plain data, so it is frozen as JSON
when the pack is submitted and printed from that JSON afterwards (`to_json` / `section_from_json`).

To add a section (the commissioning evidence, for one), write its function and add it to
SECTIONS (reports/panel_sections.py, which may read every app's figures): the page, the PDF and
the spreadsheet follow the list.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from victimcare.access.capabilities import Capability, can
from victimcare.reports import attrition, charts, court, disclosure, returns, selectors
from victimcare.reports.models import PanelPack
from victimcare.reports.selectors import DATED_STATUSES, QUARTER, RIGHT, Filters
from victimcare.rights.vocabulary import LATE, MET, OVERDUE

COUNT, RATE, NUMBER, TEXT, HIDDEN = "count", "rate", "number", "text", "hidden"
HIDDEN_NOTE = "Not shown to protect small numbers: the count is fewer than 5, or would reveal one."


@dataclass(frozen=True)
class Cell:
    """One value in a table: a count (int), a rate (a share from 0 to 1), a number (e.g. a
    ratio or a median), words, or a hidden count (its words, never the number)."""

    kind: str
    value: Any

    @property
    def text(self) -> str:
        if self.kind == RATE:
            return f"{self.value:.0%}"
        if self.kind == COUNT:
            return f"{self.value:,}"
        return str(self.value)


def cell(value: Any) -> Cell:
    """A cell from what the reports' protection gives: an int, a Percent, or words."""
    if isinstance(value, bool):
        return Cell(TEXT, "Yes" if value else "No")
    if isinstance(value, int):
        return Cell(COUNT, value)
    if isinstance(value, disclosure.Percent):
        return Cell(RATE, float(value.value))
    if isinstance(value, float):
        return Cell(NUMBER, value)
    words = str(value)
    if words in (disclosure.FEWER_THAN, disclosure.NOT_SHOWN) or words.startswith("Not shown"):
        return Cell(HIDDEN, words)
    return Cell(TEXT, words)


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[Cell]]  # the first cell of each row names it


@dataclass(frozen=True)
class Chart:
    """A bar chart of one rate column of one of the section's tables (drawn when printed)."""

    title: str
    table: int
    column: int
    what: str  # for the summary sentence: "compliance rate"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    definition: str
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    note: str = ""  # why there are no figures, if there are none


@dataclass(frozen=True)
class Quarter:
    start: date

    @property
    def end(self) -> date:
        return selectors.next_period(self.start, QUARTER) - timedelta(days=1)

    @property
    def label(self) -> str:
        return selectors.period_label(self.start, QUARTER)


# --- the sections ---------------------------------------------------------------------------


def compliance_section(user: Any, quarter: Quarter, day: date) -> Section:
    """The compliance dashboard's figures by right, for obligations due in the quarter."""
    f = Filters(start=quarter.start, end=quarter.end, period=QUARTER, group=RIGHT)
    rows = selectors.group_rows(user, f, day)
    values: dict[Any, int] = {(r.key, s): r.counts.get(s, 0) for r in rows for s in DATED_STATUSES}
    values.update({("all", s): sum(r.counts.get(s, 0) for r in rows) for s in DATED_STATUSES})
    grid = [[(r.key, s) for s in DATED_STATUSES] for r in rows]
    sums = disclosure.grid_sums(grid, column_totals=[("all", s) for s in DATED_STATUSES])
    shown = disclosure.protect(values, sums)
    lines = []
    for key, label in [*((r.key, r.label) for r in rows), ("all", "All rights")]:
        met = [(key, MET)]
        rate = shown.rate(met, [*met, (key, LATE), (key, OVERDUE)])
        lines.append([Cell(TEXT, label), *(cell(shown.show((key, s))) for s in DATED_STATUSES), cell(rate)])
    header = ["Right", *(selectors.status_label(s) for s in DATED_STATUSES), "Compliance rate"]
    return Section(
        "compliance",
        "Victims' Code compliance by right",
        "Obligations with a statutory due date in the quarter, by right, with their status on the "
        "day the figures were taken. Compliance rate = met / (met + late + overdue); pending and "
        "not applicable are outside the rate.",
        [Table("Compliance by right", header, lines)] if rows else [],
        [Chart("Compliance rate by right", 0, len(header) - 1, "compliance rate")] if rows else [],
        "" if rows else "No obligations fell due in this quarter.",
    )


def moj_return_section(user: Any, quarter: Quarter, day: date) -> Section:
    """The Ministry of Justice's five areas for the quarter (reports.returns)."""
    found = returns.quarter_rows(user, quarter.start, day)
    values: dict[Any, int] = {(row.key, s): row.counts[s] for _, row in found for s in returns.STATUSES}
    shown = disclosure.protect(values, [])
    lines = []
    for area, row in found:
        met = [(row.key, MET)]
        rate: Any = "Not applicable (no time limit)"
        if area.number != 1:
            rate = shown.rate(met, [*met, (row.key, LATE), (row.key, OVERDUE)])
        counts = [cell(shown.show((row.key, s))) for s in returns.STATUSES]
        lines.append([Cell(TEXT, f"{area.number}. {area.title}"), *counts, cell(rate)])
    header = ["Area", *(selectors.status_label(s) for s in returns.STATUSES), "Compliance rate"]
    definitions = " ".join(f"Area {a.number}: {a.definition}" for a in returns.AREAS)
    return Section(
        "moj_return",
        "The Ministry of Justice quarterly return",
        definitions,
        [Table("Quarterly return by area", header, lines)],
        [Chart("Compliance rate by area of the return", 0, len(header) - 1, "compliance rate")],
    )


ATTRITION_SPLITS = ("sex", "ethnicity", "age", "disability")


def attrition_section(user: Any, quarter: Quarter, day: date) -> Section:
    """Everyone's steps, then for each protected characteristic the share charged or summonsed
    and the share of outcomes withdrawn, each group's ratio to everyone else and its flag."""
    tables: list[Table] = []
    charts: list[Chart] = []
    for by in ATTRITION_SPLITS:
        f = attrition.AttritionFilters(start=quarter.start, end=quarter.end, by=by)
        _, everyone, groups = attrition.report(user, f, suppress=True)
        if everyone is None:
            break
        if not tables:
            steps = [[Cell(TEXT, s.label), cell(s.count), cell(s.rate)] for s in everyone.steps]
            tables.append(Table("Everyone: victims reaching each step", ["Step", "Victims", "Share"], steps))
            charts.append(Chart("Share of all victims reaching each step", 0, 2, "share reaching a step"))
        tables.append(_split_table(attrition.SPLITS[by], groups))
        charts.append(Chart(f"Charged or summonsed, by {attrition.SPLITS[by].lower()}", len(tables) - 1, 3,
                            "rate charged or summonsed"))  # fmt: skip
    note = ""
    if not tables:
        note = f"Fewer than {attrition.MIN_TO_PUBLISH} victims' cases were opened in the quarter: too few to publish."
    return Section(
        "attrition",
        "Attrition and equality",
        "Victims whose case was opened in the quarter: how many reached each step, and for each "
        "group the share charged or summonsed and the share of outcomes where the victim did not "
        "support or withdrew (Home Office outcomes 14 and 16), each with the ratio to everyone "
        "else and its 95% interval; flagged where the interval excludes 1. "
        + " ".join(f"{s.label}: {s.definition}" for s in attrition.STEPS),
        tables,
        charts,
        note,
    )


CHARGED = attrition.STEP_KEYS.index("charged")


def _split_table(label: str, groups: Sequence[attrition.GroupFigures]) -> Table:
    header = [label, "Victims", "Charged or summonsed", "Share charged", "Ratio to everyone else",
              "95% interval", "Outcomes withdrawn (share)", "Ratio to everyone else (withdrawn)", "Flag"]  # fmt: skip
    rows = []
    for g in groups:
        charged = g.steps[CHARGED]
        rows.append(
            [
                Cell(TEXT, g.label),
                cell(g.victims),
                cell(charged.count),
                cell(charged.rate),
                _ratio(charged),
                _interval(charged),
                cell(g.withdrew.rate),
                _ratio(g.withdrew),
                Cell(TEXT, _flags(charged, g.withdrew)),
            ]
        )
    return Table(f"By {label.lower()}", header, rows)


def _flags(charged: attrition.StepFigure, withdrew: attrition.StepFigure) -> str:
    flags = [
        f"Charged: {charged.flag}" if charged.flag else "",
        f"Withdrawn: {withdrew.flag}" if withdrew.flag else "",
    ]
    return "; ".join(f for f in flags if f)


def _ratio(step: attrition.StepFigure) -> Cell:
    if step.ratio is None:
        return cell(step.note or "No figure")
    return Cell(NUMBER, round(step.ratio.ratio, 2))


def _interval(step: attrition.StepFigure) -> Cell:
    if step.ratio is None:
        return Cell(TEXT, "")
    return Cell(TEXT, f"{step.ratio.low:.2f} to {step.ratio.high:.2f}")


COURT_COLUMNS = ("charged", "awaiting", "over_6", "over_12", "over_24", "changed", "cracked")


def court_section(user: Any, quarter: Quarter, day: date) -> Section:
    """Court delays for cases charged in the three years to the quarter's end, by court."""
    f = court.CourtFilters(
        start=date(quarter.end.year - court.DEFAULT_YEARS, quarter.end.month, 1), end=quarter.end
    )
    journeys = court.journeys(user, f)
    everyone, courts = court.rows(journeys, day)
    why = court.reasons(journeys)
    shown = court.protection(everyone, courts, why, suppress=True)
    if everyone.counts["charged"] < court.MIN_TO_PUBLISH:
        return Section("court", "Court delays", _court_definition(f), note=(
            f"Fewer than {court.MIN_TO_PUBLISH} charged cases: too few to publish."))  # fmt: skip
    labels = dict(court.COLUMNS)
    header = ["Court", *(labels[k] for k in COURT_COLUMNS), "Median days, charge to first hearing",
              "Median days, charge to trial", "Share with a hearing moved"]  # fmt: skip
    lines = []
    for row in [everyone, *courts]:
        moved = shown.rate([(row.key, "changed")], [(row.key, "charged")], withheld="Not shown")
        lines.append(
            [
                Cell(TEXT, row.label),
                *(cell(shown.show((row.key, k))) for k in COURT_COLUMNS),
                cell(court.median_days(row.to_first_hearing, shown, (row.key, "listed"))),
                cell(court.median_days(row.to_trial, shown, (row.key, "trial"))),
                cell(moved),
            ]
        )
    return Section(
        "court",
        "Court delays",
        _court_definition(f),
        [Table("Court delays by court", header, lines)],
        [
            Chart(
                "Share of charged cases with a hearing moved, by court",
                0,
                len(header) - 1,
                "share with a hearing moved",
            )
        ],
    )


def _court_definition(f: court.CourtFilters) -> str:
    return f"Victims' cases charged {f.start:%d %B %Y} to {f.end:%d %B %Y}. " + " ".join(
        f"{term}: {words}" for term, words in court.DEFINITIONS
    )


# --- frozen as JSON -------------------------------------------------------------------------


def to_json(sections: Sequence[Section], day: date) -> dict[str, Any]:
    return {
        "as_on": day.isoformat(),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "definition": s.definition,
                "note": s.note,
                "tables": [
                    {
                        "caption": t.caption,
                        "header": t.header,
                        "rows": [[[c.kind, c.value] for c in r] for r in t.rows],
                    }
                    for t in s.tables
                ],
                "charts": [[c.title, c.table, c.column, c.what] for c in s.charts],
            }
            for s in sections
        ],
    }


def from_json(data: dict[str, Any]) -> tuple[date, list[Section]]:
    sections = [
        Section(
            s["key"],
            s["title"],
            s["definition"],
            [
                Table(t["caption"], t["header"], [[Cell(k, v) for k, v in r] for r in t["rows"]])
                for t in s["tables"]
            ],
            [Chart(title, table, column, what) for title, table, column, what in s["charts"]],
            s["note"],
        )
        for s in data["sections"]
    ]
    return date.fromisoformat(data["as_on"]), sections


# --- pictures and the spreadsheet -----------------------------------------------------------


def chart_points(section: Section, chart: Chart) -> list[charts.Point]:
    """The bars of a chart: each row's rate (drawn), or its words (hidden or no figure)."""
    table = section.tables[chart.table]
    points = []
    for row in table.rows:
        value = row[chart.column]
        drawn = float(value.value) if value.kind == RATE else None
        points.append(charts.Point(row[0].text, drawn, value.text))
    return points


@dataclass(frozen=True)
class Picture:
    title: str
    svg: str
    summary: str


def pictures(section: Section) -> list[Picture]:
    out = []
    for n, chart in enumerate(section.charts):
        points = chart_points(section, chart)
        text = charts.summary(points, chart.what)
        svg = charts.bar_chart(f"chart-{section.key}-{n}", chart.title, f"Bar chart. {text}", points)
        out.append(Picture(chart.title, svg, text))
    return out


PERCENT_FORMAT, COUNT_FORMAT, NUMBER_FORMAT = "0%", "#,##0", "0.00"


def to_xlsx(title: str, sections: Sequence[Section], notes: Sequence[str]) -> bytes:
    """One worksheet per section (its tables one under another, then its definition), and a
    first sheet with the title and notes. Counts are integers, rates numbers formatted as
    percentages; a hidden count is a blank cell with a comment saying why, never the number."""
    book = Workbook()
    front = book.active
    assert front is not None
    front.title = "About"
    front.append([title])
    front["A1"].font = Font(bold=True, size=14)
    for note in notes:
        front.append([note])
    for section in sections:
        sheet = book.create_sheet(_sheet_title(section.title))
        sheet.append([section.title])
        sheet["A1"].font = Font(bold=True, size=13)
        if section.note:
            sheet.append([section.note])
        for table in section.tables:
            sheet.append([])
            sheet.append([table.caption])
            sheet.cell(sheet.max_row, 1).font = Font(bold=True)
            sheet.append(table.header)
            for c in sheet[sheet.max_row]:
                c.font = Font(bold=True)
            for row in table.rows:
                sheet.append([_xlsx_value(c) for c in row])
                for target, c in zip(sheet[sheet.max_row], row, strict=False):
                    _format(target, c)
        sheet.append([])
        sheet.append([f"Definition: {section.definition}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]


def _xlsx_value(c: Cell) -> Any:
    if c.kind == COUNT:
        return int(c.value)
    if c.kind in (RATE, NUMBER):
        return float(c.value)
    if c.kind == HIDDEN:
        return None
    text = str(c.value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # no formulas


def _format(target: Any, c: Cell) -> None:
    if c.kind == COUNT:
        target.number_format = COUNT_FORMAT
    elif c.kind == RATE:
        target.number_format = PERCENT_FORMAT
    elif c.kind == NUMBER:
        target.number_format = NUMBER_FORMAT
    elif c.kind == HIDDEN:
        target.comment = Comment(f"{c.value}. {HIDDEN_NOTE}", "victimcare")


# --- the gate -------------------------------------------------------------------------------


def panel_packs_for(user: Any) -> QuerySet[PanelPack]:
    """The packs a user may open: their own organisation's, for those who prepare or approve them."""
    if not (can(user, Capability.PREPARE_PANEL_PACK) or can(user, Capability.APPROVE_PANEL_PACK)):
        return PanelPack.objects.none()
    return PanelPack.objects.filter(organisation_id=user.organisation_id)
