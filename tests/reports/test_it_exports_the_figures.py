"""CSV and XLSX of the dashboard's tables and of the MoJ quarterly return."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.reports.test_it_gates_the_figures import YEAR

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_has_the_tables_the_page_shows(client_for, timelines):
    response = client_for("sue").get(f"/compliance/export.csv?{YEAR}&group=rule")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="compliance-2026-01-01-to-2026-12-31.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == [
        "Table",
        "Rule",
        "Met",
        "Late",
        "Overdue",
        "Pending",
        "Not applicable",
        "Compliance rate",
    ]
    referral = next(r for r in rows if r[0] == "By rule" and "(R4_REFERRAL)" in r[1])
    assert referral[2:] == ["1", "0", "1", "1", "1", "50%"]
    trend = [r for r in rows if r[0] == "Trend by month"]
    assert len(trend) == 12 and trend[2][1] == "March 2026"
    ack = next(r for r in rows if r[0] == "No due date" and r[1].startswith("Written acknowledgement"))
    assert ack[-2:] == ["1", "3"]  # done, not done


def test_the_analysts_csv_suppresses_small_numbers(client_for, timelines):
    rows = _csv(client_for("ana").get(f"/compliance/export.csv?{YEAR}&group=rule"))
    referral = next(r for r in rows if r[0] == "By rule" and "(R4_REFERRAL)" in r[1])
    assert referral[2:] == [
        "fewer than 5",
        "0",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "Not shown (fewer than 5)",
    ]


def test_the_xlsx_has_one_sheet_per_table(client_for, timelines):
    response = client_for("ana").get(f"/compliance/export.xlsx?{YEAR}&group=right&period=quarter")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "By right",
        "Trend by quarter",
        "No due date",
        "Local targets",
        "Complaints by organisation",
        "Notes",
    ]
    by_right = [list(r) for r in book["By right"].iter_rows(values_only=True)]
    assert by_right[0][:3] == ["Right", "Met", "Late"]
    right4 = next(r for r in by_right if str(r[0]).startswith("Right 4"))
    assert right4[1] == "fewer than 5"
    assert next(r[0] for r in book["Trend by quarter"].iter_rows(min_row=2, values_only=True)).startswith(
        "2026 Q1"
    )
    assert any("fewer than 5" in str(r[0]) for r in book["Notes"].iter_rows(values_only=True))


def test_the_return_has_the_five_areas_with_their_definitions(client_for, timelines):
    page = client_for("sue").get("/compliance/return/?quarter=2026-01-01")
    html = page.content.decode()
    assert page.status_code == 200 and html.count('data-area="') == 5
    assert "Updates within the stated time-frames" in html and "sufficient quality" in html
    rows = _csv(client_for("sue").get("/compliance/return/export.csv?quarter=2026-01-01"))
    assert [r[1] for r in rows[1:]] == ["1", "2", "3", "4", "5"]
    header = rows[0]
    by_area = {r[1]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_area["1"]["Done"] == "1" and by_area["1"]["Not done"] == "2"  # reported in Q1: 3 cases
    assert (
        by_area["2"]["Met"] == "1"
        and by_area["2"]["Overdue"] == "1"
        and by_area["2"]["Not applicable"] == "1"
    )
    assert by_area["3"]["Met"] == "1" and by_area["3"]["Late"] == "1"
    assert by_area["4"]["Pending"] == "1"
    assert all(r[-2] for r in rows[1:])  # each area's definition is in the file
    book = load_workbook(
        io.BytesIO(client_for("ana").get("/compliance/return/export.xlsx?quarter=2026-01-01").content)
    )
    assert book.sheetnames == ["Quarterly return", "Notes"]
    notes = [r[0] for r in book["Notes"].iter_rows(values_only=True)]
    assert sum(1 for n in notes if str(n).startswith("Area ")) == 5


def test_bad_filters_show_the_error_summary(client_for, personas):
    page = client_for("sue").get("/compliance/?start_day=31&start_month=2&start_year=2026")
    html = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in html and "Due from must be a real date" in html
    assert 'id="by-group"' not in html
    page = client_for("sue").get(
        "/compliance/?start_day=1&start_month=6&start_year=2026&end_day=1&end_month=1&end_year=2026"
    )
    assert "Due up to must be the same as or after due from" in page.content.decode()
    page = client_for("sue").get("/compliance/return/?quarter=1999-01-01")
    assert "govuk-error-summary" in page.content.decode()
    export = client_for("sue").get("/compliance/export.csv?start_day=31&start_month=2&start_year=2026")
    assert "govuk-error-summary" in export.content.decode()


def test_cells_a_spreadsheet_would_run_are_written_as_text():
    from victimcare.reports.exports import to_csv

    body = to_csv([("T", ["Label"], [['=HYPERLINK("x")'], ["-1"], ["plain"]])]).decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "'-1" in body and ",plain" in body
