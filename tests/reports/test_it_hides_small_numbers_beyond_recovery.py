"""Disclosure control that holds: a reader who sees the page or its download (the counts, the
rates, the totals, and the other table counting the same obligations) cannot work out any
count shown as "fewer than 5". The attacker (tests/reports/attacker.py) searches every value
the hidden cells could have; with primary suppression alone it succeeds, so it can fail."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Hashable, Mapping
from datetime import date
from typing import cast

import pytest
from openpyxl import load_workbook

from tests.reports.attacker import Equation, RateShown, possible_values, recovered
from tests.reports.test_it_gates_the_figures import YEAR
from victimcare.reports import disclosure, exports, views
from victimcare.reports.selectors import DATED_STATUSES, Filters, Row, show_count, show_rate, status_label

# A table with printed row and column totals.
GRID = [[2, 10, 12], [8, 9, 20], [15, 7, 3]]


def _grid_cells(shown: disclosure.Protection) -> tuple[dict[Hashable, int | str], list[Equation]]:
    cells = {c: shown.show(c) for c in shown.values}
    eqs = []
    for i in range(3):
        eqs.append(Equation(tuple(("c", i, j) for j in range(3)), (("row", i),)))
        eqs.append(Equation(tuple(("c", j, i) for j in range(3)), (("col", i),)))
    eqs.append(Equation(tuple(("row", i) for i in range(3)), (("all",),)))
    return cells, eqs


def _grid_values() -> tuple[dict[Hashable, int], list[disclosure.Sum]]:
    values: dict[Hashable, int] = {("c", i, j): v for i, row in enumerate(GRID) for j, v in enumerate(row)}
    values.update({("row", i): sum(row) for i, row in enumerate(GRID)})
    values.update({("col", j): sum(r[j] for r in GRID) for j in range(3)})
    values[("all",)] = sum(map(sum, GRID))
    ids = [[("c", i, j) for j in range(3)] for i in range(3)]
    sums = disclosure.grid_sums(ids, row_totals=[("row", i) for i in range(3)])
    sums += disclosure.grid_sums(ids, column_totals=[("col", j) for j in range(3)])
    sums.append(disclosure.Sum(tuple(("row", i) for i in range(3)), total=("all",)))
    return values, sums


def test_it_recovers_a_cell_hidden_by_primary_suppression_alone():
    values, _ = _grid_values()
    primary_only = disclosure.Protection(
        values, frozenset(c for c, v in values.items() if 0 < v < 5), frozenset()
    )
    cells, eqs = _grid_cells(primary_only)
    assert recovered(possible_values(cells, eqs, bound=60)) == {("c", 0, 0): 2, ("c", 2, 2): 3}


def test_it_cannot_recover_a_cell_after_secondary_suppression():
    values, sums = _grid_values()
    shown = disclosure.protect(values, sums)
    assert shown.primary == {("c", 0, 0), ("c", 2, 2)} and shown.secondary
    assert not shown.unprotected
    cells, eqs = _grid_cells(shown)
    possible = possible_values(cells, eqs, bound=60)
    assert all(values[c] in v for c, v in possible.items())
    assert recovered(possible) == {}


def test_it_hides_a_rate_that_would_give_a_count_away():
    values: dict[Hashable, int] = {"met": 3, "late": 10, "overdue": 2, "pending": 9}
    shown = disclosure.protect(values, [])
    assert shown.rate(["met"], ["met", "late", "overdue"]) == "Not shown (fewer than 5)"
    everything: dict[Hashable, int] = {"met": 30, "late": 10, "overdue": 0}
    rate = disclosure.protect(everything, []).rate(["met"], ["met", "late", "overdue"])
    assert rate == disclosure.Percent(0.75) and str(rate) == "75%"


def test_it_never_hides_a_zero_or_a_cell_of_5_or_more_without_cause():
    values: dict[Hashable, int] = {"a": 0, "b": 5, "c": 120}
    shown = disclosure.protect(values, [disclosure.Sum(("a", "b"), total="c")])
    assert [shown.show(c) for c in values] == [0, 5, 120]


# --- the dashboard's download ------------------------------------------------------------------


def _report(rng: random.Random) -> dict[str, list[Row]]:
    def counts() -> dict[str, int]:
        return {s: rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 11, 14]) for s in DATED_STATUSES}

    grouped = [Row(str(n), f"Right {n}", counts()) for n in (4, 6, 8)]
    # The trend splits the same obligations by month: each status adds up to the same total.
    trend = [Row(f"2026-0{m}-01", f"Month {m}", dict.fromkeys(DATED_STATUSES, 0)) for m in (1, 2)]
    for status in DATED_STATUSES:
        total = sum(r.counts[status] for r in grouped)
        first = rng.randint(0, total)
        trend[0].counts[status], trend[1].counts[status] = first, total - first
    return {"grouped": grouped, "trend": trend, "undated": [], "local": []}


def _attack_csv(body: bytes, bound: int) -> dict[Hashable, set[int]]:
    """What a reader of the CSV can work out: each status column of "By right" adds up to the
    same as in "Trend by month", and each printed rate is met / (met + late + overdue)."""
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    header = rows[0][2:]
    cells: dict[Hashable, int | str] = {}
    rates = []
    tables: dict[str, list[str]] = {}
    dated = {rows[1][0], "Trend by month"}  # the table by the grouping, then the trend
    for line in rows[1:]:
        table, label, *values = line
        if table not in dated:
            continue
        tables.setdefault(table, []).append(label)
        for status, v in zip(header[:-1], values[:-1], strict=True):
            cells[(table, label, status)] = v if v in ("fewer than 5", "not shown") else int(v)
        if values[-1].endswith("%"):
            rates.append(
                RateShown(
                    ((table, label, "Met"),),
                    tuple((table, label, s) for s in ("Met", "Late", "Overdue")),
                    int(values[-1][:-1]),
                )
            )
    by, trend = (t for t in tables if t != "Trend by month"), "Trend by month"
    first = next(by)
    eqs = [
        Equation(
            tuple((first, label, s) for label in tables[first]),
            tuple((trend, label, s) for label in tables[trend]),
        )
        for s in header[:-1]
    ]
    return possible_values(cells, eqs, rates, bound=bound)


def _old_csv(report: dict[str, list[Row]], f: Filters) -> bytes:
    """The download as it was: counts of 1 to 4 hidden, the rate printed beside them."""
    out = []
    for title, section in (("By right", "grouped"), ("Trend by month", "trend")):
        rows = [
            [r.label, *(show_count(r.counts[s], True) for s in DATED_STATUSES), show_rate(r, True)]
            for r in report[section]
        ]
        header = ["Right", *(status_label(s) for s in DATED_STATUSES), "Compliance rate"]
        out.append((title, header, rows))
    return exports.to_csv(out)


def test_no_count_in_the_dashboards_download_can_be_worked_out():
    f = Filters(start=date(2026, 1, 1), end=date(2026, 2, 28), group="right")
    broken = 0
    for seed in range(12):
        report = _report(random.Random(seed))
        bound = max(max(r.counts.values()) for r in report["grouped"] + report["trend"]) + 5
        shown = views.protection(report, True)
        tables = views.figure_tables(report, shown, f)[:2]
        possible = _attack_csv(exports.to_csv(tables), bound)
        labels = {(section, r.key): r.label for section in ("grouped", "trend") for r in report[section]}
        titles = {"grouped": "By right", "trend": "Trend by month"}
        truth: dict[Hashable, int] = {
            (titles[k[0]], labels[(k[0], k[1])], status_label(k[2])): v
            for k, v in cast("Mapping[tuple[str, str, str], int]", shown.values).items()
            if k[0] in titles
        }
        assert all(truth[c] in v for c, v in possible.items()), seed  # the search is sound
        assert recovered(possible) == {}, seed
        broken += bool(recovered(_attack_csv(_old_csv(report, f), bound)))
    assert broken  # the old download gave some away: the attacker is not toothless


@pytest.mark.django_db
def test_the_analysts_download_and_page_hide_enough(client_for, timelines):
    response = client_for("ana").get(f"/compliance/export.csv?{YEAR}&group=rule")
    assert recovered(_attack_csv(response.content, 20)) == {}
    page = client_for("ana").get(f"/compliance/?{YEAR}&group=rule").content.decode()
    assert "not shown" in page or "fewer than 5" in page


@pytest.mark.django_db
def test_the_spreadsheet_stores_numbers_as_numbers(client_for, timelines):
    book = load_workbook(
        io.BytesIO(client_for("sue").get(f"/compliance/export.xlsx?{YEAR}&group=rule").content)
    )
    rows = list(book["By rule"].iter_rows(min_row=2))
    referral = next(r for r in rows if "(R4_REFERRAL)" in str(r[0].value))
    assert [c.value for c in referral[1:6]] == [1, 0, 1, 1, 1]
    assert referral[6].value == 0.5 and referral[6].number_format == "0%"
    assert all(isinstance(c.value, int) for r in rows for c in r[1:6])
