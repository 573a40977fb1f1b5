"""The Panel pack's sections, in order, and the figures of one pack (docs/adr/0051).

The list lives here, among the pages, because its sections read more than one app's figures:
the survey's results (voice) read the compliance figures' helpers (reports), so a read in
reports that read the survey would make the two apps' reads import each other. Each section
is a function in reports.panel (or here, for the survey); add one to SECTIONS to add it to the
pack. The commissioning evidence (reports/commissioning.py) joins at merge.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from victimcare.reports import commissioning, disclosure
from victimcare.reports.models import PanelPack
from victimcare.reports.panel import (
    RATE,
    TEXT,
    Cell,
    Chart,
    Quarter,
    Section,
    Table,
    attrition_section,
    cell,
    compliance_section,
    court_section,
    from_json,
    moj_return_section,
)
from victimcare.voice import selectors as survey


def satisfaction_section(user: Any, quarter: Quarter, day: date) -> Section:
    """Satisfied or very satisfied overall, month by month (the survey results' own trend)."""
    f = survey.ResultsFilters(start=quarter.start, end=quarter.end)
    months = survey.trend(survey.filtered_responses(user, f), f, suppress=True)
    lines = []
    for m in months:
        rate: Any = m.percent or "Not shown"
        if m.percent and isinstance(m.responses, int) and isinstance(m.satisfied, int):
            rate = disclosure.Percent(m.satisfied / m.responses)
        lines.append([Cell(TEXT, m.label), cell(m.responses), cell(m.satisfied), cell(rate)])
    header = ["Month", "Responses", "Satisfied or very satisfied", "Share satisfied"]
    return Section(
        "satisfaction",
        "Victims' satisfaction",
        "Answers to the victims' survey submitted in the quarter: the share who were satisfied or "
        "very satisfied overall. No share is shown for fewer than 5 responses.",
        [Table("Satisfaction by month", header, lines)],
        [Chart("Share satisfied or very satisfied, by month", 0, 3, "share satisfied")],
    )


def commissioning_section(user: Any, quarter: Quarter, day: date) -> Section:
    """The commissioning evidence page's tables for the quarter (reports.commissioning), small
    numbers hidden across them all at once, as on the page; each table with a chart of its
    first rate column, if it has one."""
    figures = commissioning.commissioning_figures(
        user,
        commissioning.CommissioningFilters(start=quarter.start, end=quarter.end),
        suppress=True,
        today=day,
    )
    tables, drawn = [], []
    for part in figures.sections:
        if part.state != "shown":
            tables.append(Table(part.title, ["Note"], [[Cell(TEXT, part.message)]]))
            continue
        rows = [[cell(value) for value in row] for row in part.rows]
        tables.append(Table(part.title, list(part.header), rows))
        rate_columns = [
            i for i in range(1, len(part.header)) if any(r[i].kind == RATE for r in rows if len(r) > i)
        ]
        if rate_columns:
            column = rate_columns[0]
            drawn.append(Chart(f"{part.title}: {part.header[column].lower()}", len(tables) - 1, column,
                               part.header[column].lower()))  # fmt: skip
    return Section(
        "commissioning",
        "Commissioning evidence",
        "Referrals to commissioned services in the quarter against their capacity, how quickly and how often "
        "they were accepted and the victim engaged, needs met and not met, why victims declined support, "
        "restorative justice, protective orders, MARAC criteria met without a referral, and young victims' "
        "time to first contact, as the commissioning evidence page counts them. A table with too few cases "
        "to publish says so.",
        tables,
        drawn,
    )


SectionFunction = Callable[[Any, Quarter, date], Section]
# The pack, in order.
SECTIONS: tuple[SectionFunction, ...] = (
    compliance_section,
    moj_return_section,
    satisfaction_section,
    attrition_section,
    court_section,
    commissioning_section,
)


def pack_sections(user: Any, quarter: Quarter, day: date) -> list[Section]:
    """Every section's figures for the quarter, as `user` may see them, small numbers hidden."""
    return [make(user, quarter, day) for make in SECTIONS]


def pack_figures(user: Any, pack: PanelPack, day: date) -> tuple[date, list[Section]]:
    """(as on, sections): the frozen figures once submitted, else worked out now."""
    if pack.snapshot is not None:
        return from_json(pack.snapshot)
    return day, pack_sections(user, Quarter(pack.quarter_start), day)
