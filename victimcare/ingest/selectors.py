"""Reads of the police.uk figures: the month summary and the area page.

The figures count the rows inside the force area and the first row of a repeated Crime ID
(victimcare.ingest.policeuk says why). police.uk figures are public and never suppressed; the
victims victimcare holds are counted through the gate (cases_counted_for), small numbers
suppressed for analysts as on the compliance pages."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from victimcare.access.capabilities import Capability
from victimcare.access.gate import cases_counted_for
from victimcare.cases.models import VictimCase
from victimcare.ingest.models import CrimeOutcome, PoliceUkFile, StreetCrime
from victimcare.ingest.policeuk import ANTI_SOCIAL_BEHAVIOUR, OUTCOMES, STREET
from victimcare.reports.selectors import show_count

MOST_MONTHS = 12
NO_OUTCOME = "No outcome (anti-social behaviour)"
LSOA_CODE = re.compile(r"^[EW]\d{8}$", re.IGNORECASE)


def _counted(model: type[StreetCrime] | type[CrimeOutcome], force: str, kind: str) -> QuerySet[Any]:
    return model.objects.filter(
        file__force=force, file__kind=kind, in_force_area=True, repeat=False
    ).order_by()


def month_summary(force: str, month: date) -> list[tuple[str, str, int]]:
    """(crime type, last outcome category, crimes) for the force's street file of the month."""
    rows = (
        _counted(StreetCrime, force, STREET)
        .filter(month=month)
        .values_list("crime_type", "last_outcome_category")
        .annotate(n=Count("id"))
        .order_by("crime_type", "last_outcome_category")
    )
    return [(crime_type, outcome or NO_OUTCOME, n) for crime_type, outcome, n in rows]


def forces_loaded(month: date) -> list[str]:
    return list(
        PoliceUkFile.objects.filter(kind=STREET, month=month)
        .order_by("force")
        .values_list("force", flat=True)
    )


def months_loaded(force: str) -> list[date]:
    """The latest months (at most 12, oldest first) with a street-level file for the force."""
    months = (
        PoliceUkFile.objects.filter(force=force, kind=STREET)
        .order_by("-month")
        .values_list("month", flat=True)
    )
    return sorted(months[:MOST_MONTHS])


def find_lsoa(force: str, text: str) -> tuple[str, str] | None:
    """(code, name) of the LSOA inside the force area matching a code or a name, if any."""
    text = " ".join(text.split())
    rows = StreetCrime.objects.filter(file__force=force, in_force_area=True).exclude(lsoa_code="")
    if LSOA_CODE.match(text):
        rows = rows.filter(lsoa_code=text.upper())
    else:
        rows = rows.filter(lsoa_name__iexact=text)
    found = rows.values_list("lsoa_code", "lsoa_name").first()
    return (found[0], found[1]) if found else None


@dataclass
class Table:
    """Counts by a label (crime type, outcome) and month, with each row's total."""

    months: list[date]
    cells: dict[str, dict[date, int]] = field(default_factory=dict)

    def add(self, label: str, month: date, n: int) -> None:
        self.cells.setdefault(label, defaultdict(int))[month] += n

    def rows(self, *, suppress: bool = False, totals: dict[str, int] | None = None) -> list[dict[str, Any]]:
        """Rows for a template; `totals` replaces the sum of the months in the last column."""
        out = []
        for label in sorted(self.cells):
            by_month = self.cells[label]
            total = sum(by_month.values()) if totals is None else totals.get(label, 0)
            out.append({"label": label, "counts": [show_count(by_month.get(m, 0), suppress) for m in self.months],
                        "total": show_count(total, suppress)})  # fmt: skip
        return out


@dataclass
class AreaFigures:
    force: str
    months: list[date]
    lsoa: tuple[str, str] | None
    crimes: Table
    outcomes: Table
    outcome_records: Table
    cases: Table
    cases_held: dict[str, int]


def area_figures(user: Any, *, force_id: int, force: str, lsoa: tuple[str, str] | None) -> AreaFigures:
    months = months_loaded(force)
    figures = AreaFigures(force=force, months=months, lsoa=lsoa, crimes=Table(months), outcomes=Table(months),
                          outcome_records=Table(months), cases=Table(months), cases_held={})  # fmt: skip
    street = _counted(StreetCrime, force, STREET).filter(month__in=months)
    outcomes = _counted(CrimeOutcome, force, OUTCOMES).filter(month__in=months)
    cases = cases_counted_for(user, Capability.SEE_AREA_CONTEXT).filter(crime__force_id=force_id)
    if lsoa is not None:
        street, outcomes = street.filter(lsoa_code=lsoa[0]), outcomes.filter(lsoa_code=lsoa[0])
        cases = cases.filter(crime__lsoa_code=lsoa[0])
    for crime_type, month, n in street.values_list("crime_type", "month").annotate(n=Count("id")):
        figures.crimes.add(crime_type, month, n)
    by_outcome = street.exclude(crime_type=ANTI_SOCIAL_BEHAVIOUR).values_list(
        "last_outcome_category", "month"
    )
    for outcome, month, n in by_outcome.annotate(n=Count("id")):
        figures.outcomes.add(outcome or "None published", month, n)
    for outcome, month, n in outcomes.values_list("outcome_type", "month").annotate(n=Count("id")):
        figures.outcome_records.add(outcome, month, n)
    _add_cases(figures, cases)
    return figures


def _add_cases(figures: AreaFigures, cases: QuerySet[VictimCase]) -> None:
    """Cases by crime type and the month the crime was reported (months shown), and every case held."""
    for crime_type, n in cases.values_list("crime__crime_type").annotate(n=Count("id")).order_by():
        figures.cases_held[crime_type] = n
    if not figures.months:
        return
    start, end = _local_midnight(figures.months[0]), _local_midnight(_next_month(figures.months[-1]))
    in_range = cases.filter(crime__reported_at__gte=start, crime__reported_at__lt=end)
    monthly = in_range.annotate(month=TruncMonth("crime__reported_at")).values_list(
        "crime__crime_type", "month"
    )
    for crime_type, month, n in monthly.annotate(n=Count("id")).order_by():
        day = month.date() if isinstance(month, datetime) else month
        if day in figures.months:
            figures.cases.add(crime_type, day, n)
    for crime_type in figures.cases_held:
        figures.cases.cells.setdefault(crime_type, defaultdict(int))


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
