"""Commissioning evidence (issue 13, item 4): seeded referrals, services, needs, declines,
restorative justice, orders and MARAC give the numbers worked out by hand; analysts see no count
under 5 that could be worked out from the page or the download; other roles get 404; the page
and the download are audited."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Hashable
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.reports.attacker import FEWER, NOT_SHOWN, Equation, RateShown, possible_values, recovered
from tests.reports.commissioning_data import YEAR, load_commissioning
from victimcare.audit.models import AuditEvent
from victimcare.reports import commissioning
from victimcare.reports.commissioning import CommissioningFilters, commissioning_figures
from victimcare.reports.disclosure import Percent

pytestmark = pytest.mark.django_db

F = CommissioningFilters(start=date(2026, 1, 1), end=date(2026, 12, 31))


@pytest.fixture
def seeded(personas):
    return load_commissioning(personas)


def _plain(rows: list[list[Any]]) -> dict[str, list[Any]]:
    return {str(r[0]): [str(v) if isinstance(v, Percent) else v for v in r[1:]] for r in rows}


def test_the_figures_match_a_count_by_hand(personas, seeded):
    got = commissioning_figures(personas["sue"], F, suppress=False)
    services = _plain(got.section("services").rows)
    assert services["Every service"] == [15, "", "", 2, 11, 2, 9, 7, "73%", "64%", 2, 5]
    assert services["Alpha Support"] == [12, 24, "50%", 0, 10, 2, 8, 6, "83%", "60%", 2, 5]
    assert services["Beta Advice"][:8] == [3, "No capacity given", "No capacity given", 2, 1, 0, 1, 1]
    by_need = _plain(got.section("needs_by_need").rows)
    assert by_need == {
        "Every need": [24, 6, 18, "25%"],
        "Health and wellbeing": [12, 6, 6, "50%"],
        "Housing": [12, 0, 12, "0%"],
    }
    assert _plain(got.section("needs_by_area").rows) == {
        "Every need": [24, 6, 18, "25%"],
        "County Durham": [16, 6, 10, "38%"],
        "Darlington": [8, 0, 8, "0%"],
    }
    assert _plain(got.section("needs_by_group").rows) == {
        "Every need": [24, 6, 18, "25%"],
        "0 to 17": [20, 6, 14, "30%"],
        "35 to 44": [4, 0, 4, "0%"],
    }
    declines = _plain(got.section("declines").rows)
    assert declines["Every reason"] == [12, "100%"]
    assert declines["They do not feel they need support"] == [6, "50%"]
    assert declines["They already have support from family, friends or another service"] == [3, "25%"]
    assert declines["Another reason"] == [2, "17%"] and declines["Not recorded"] == [1, "8%"]
    rj = _plain(got.section("rj").rows)
    assert [rj[k][0] for k in rj] == [10, 7, 2, 1, 5, 3, 2, 1, 1, 0]
    assert rj["Accepted by the victim (take-up)"] == [7, "70%"]
    orders = _plain(got.section("orders").rows)
    assert orders["Whole period"] == [4, 0, 3, 3, 10]
    assert orders["June 2026"] == [4, 0, 0, 0, 4] and orders["July 2026"] == [0, 0, 3, 0, 3]
    assert orders["August 2026"] == [0, 0, 0, 3, 3] and orders["January 2026"] == [0, 0, 0, 0, 0]
    marac = _plain(got.section("marac").rows)
    assert marac == {
        "Domestic abuse cases opened": [12, ""],
        "Victim meets a MARAC criterion": [6, ""],
        "Meets a criterion and referred to MARAC": [2, "33%"],
        "Meets a criterion but not referred": [4, "67%"],
    }
    young = _plain(got.section("young").rows)
    assert young["Under 18"] == [10, 8, "80%", 5]
    assert young["18 and over"] == [5, 1, "20%", 5]
    assert young["Age not recorded"] == [0, 0, "No figure", "No figure"]


def test_the_function_hides_small_numbers_as_the_user_must_see_them(personas, seeded):
    assert commissioning_figures(personas["ana"], F).suppress is True
    assert commissioning_figures(personas["sue"], F).suppress is False
    assert commissioning_figures(personas["cara"], F).empty  # no figures outside the capability


def test_the_filters_narrow_the_figures(personas, seeded):
    darlington = CommissioningFilters(start=F.start, end=F.end, area="Darlington")
    got = commissioning_figures(personas["sue"], darlington, suppress=False)
    assert got.section("needs_by_need").state == "too_few"  # 8 needs
    assert got.section("services").state == "too_few"  # 7 referrals
    assert commissioning.areas_for(personas["sue"]) == ["County Durham", "Darlington"]
    other = CommissioningFilters(start=F.start, end=F.end, crime_type="Burglary")
    assert commissioning_figures(personas["sue"], other, suppress=False).empty


def test_a_filter_that_matches_nothing_says_so(client_for, seeded):
    old = "start_day=1&start_month=1&start_year=2020&end_day=31&end_month=1&end_year=2020"
    page = client_for("sue").get(f"/compliance/commissioning/?{old}").content.decode()
    assert 'id="nothing"' in page and "Nothing matches these filters" in page
    assert "%" not in page[page.index('id="nothing"') :].split("</div>")[0]


def test_too_few_to_publish_says_why_and_shows_no_rate(client_for, seeded):
    page = client_for("sue").get(f"/compliance/commissioning/?{YEAR}&area=Darlington").content.decode()
    block = page[page.index('id="services-toofew"') :].split("</div>")[0]
    assert "Fewer than 10 referrals sent match these filters" in block and "too few to publish" in block
    assert 'id="services"' not in page  # no table, so no rate from so few


@pytest.mark.parametrize("username", ["cara", "pat", "chad", "olly", "adam", "wendy", "otto"])
@pytest.mark.parametrize(
    "url",
    [
        "/compliance/commissioning/",
        "/compliance/commissioning/export.csv",
        "/compliance/commissioning/export.xlsx",
    ],
)
def test_other_roles_get_not_found(client_for, username, url):
    assert client_for(username).get(url).status_code == 404


def test_the_page_and_the_download_are_audited(client_for, personas, seeded):
    ana = personas["ana"]
    before = AuditEvent.objects.filter(actor=ana, detail__startswith="commissioning evidence").count()
    assert client_for("ana").get(f"/compliance/commissioning/?{YEAR}").status_code == 200
    assert client_for("ana").get(f"/compliance/commissioning/export.xlsx?{YEAR}").status_code == 200
    rows = AuditEvent.objects.filter(actor=ana, detail__startswith="commissioning evidence").order_by("id")
    assert rows.count() == before + 2
    assert [r.detail.split(",")[0] for r in rows][-2:] == [
        "commissioning evidence figures",
        "commissioning evidence download (xlsx)",
    ]


def _csv_tables(body: bytes) -> dict[str, list[list[str]]]:
    tables: dict[str, list[list[str]]] = {}
    for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))):
        if row[0] == "Table":
            continue
        tables.setdefault(row[0], []).append(row[1:])
    return tables


def _cell(v: str) -> int | str:
    return v if v in (FEWER, NOT_SHOWN) else int(v)


def _attack(tables: dict[str, list[list[str]]]) -> dict[Hashable, set[int]]:
    """Every sum a reader can see in the download, and every printed rate."""
    cells: dict[Hashable, int | str] = {}
    eqs: list[Equation] = []
    rates: list[RateShown] = []

    def pct(v: str) -> int | None:
        return int(v[:-1]) if re.fullmatch(r"\d+%", v) else None

    needs = [t for t in tables if t.startswith("Needs by")]
    for t in needs:
        for label, *vals in tables[t]:
            key = "everyone" if label == "Every need" else (t, label)
            for col, v in zip(("needs", "met", "unmet"), vals[:3], strict=True):
                cells[(key, col)] = _cell(v)
            eqs.append(Equation(((key, "met"), (key, "unmet")), ((key, "needs"),)))
            if (p := pct(vals[3])) is not None:
                rates.append(RateShown(((key, "met"),), ((key, "needs"),), p))
        for col in ("needs", "met", "unmet"):
            parts = tuple(((t, r[0]), col) for r in tables[t][1:])
            eqs.append(Equation(parts, (("everyone", col),)))
    declines = tables["Declines"]
    for label, n, share in declines:
        cells[("d", label)] = _cell(n)
        if (p := pct(share)) is not None:
            rates.append(RateShown((("d", label),), (("d", "Every reason"),), p))
    eqs.append(Equation(tuple(("d", r[0]) for r in declines[1:]), (("d", "Every reason"),)))
    marac = {r[0]: r for r in tables["MARAC"]}
    for label, n, _ in marac.values():
        cells[("m", label)] = _cell(n)
    eqs.append(
        Equation(
            (("m", "Meets a criterion and referred to MARAC"), ("m", "Meets a criterion but not referred")),
            (("m", "Victim meets a MARAC criterion"),),
        )
    )
    orders = tables["Protective orders"]
    for label, *vals in orders:
        for i, v in enumerate(vals):
            cells[("o", label, i)] = _cell(v)
        eqs.append(
            Equation(tuple(("o", label, i) for i in range(len(vals) - 1)), (("o", label, len(vals) - 1),))
        )
    for i in range(len(orders[0]) - 1):
        eqs.append(Equation(tuple(("o", r[0], i) for r in orders[1:]), (("o", "Whole period", i),)))
    services = tables["Services"]
    for label, *vals in services:
        for i, v in zip((0, 3, 4, 5, 6, 7), (vals[0], *vals[3:8]), strict=True):
            cells[("s", label, i)] = _cell(v) if v != "" else 0
    for i in (0, 3, 4, 5, 6, 7):
        eqs.append(Equation(tuple(("s", r[0], i) for r in services[1:]), (("s", "Every service", i),)))
    return possible_values(cells, eqs, rates, bound=30)


def test_no_suppressed_count_can_be_recovered_from_the_download(client_for, seeded):
    body = client_for("ana").get(f"/compliance/commissioning/export.csv?{YEAR}").content
    tables = _csv_tables(body)
    text = body.decode("utf-8-sig")
    assert FEWER in text  # there are small numbers to protect
    possible = _attack(tables)
    assert possible and recovered(possible) == {}
    # The 4 needs of the victims aged 35 to 44 follow from the 20 of the under 18s and everyone's
    # 24: one of those is hidden as well.
    group = {r[0]: r for r in tables["Needs by group"]}
    assert group["35 to 44"][1] == FEWER
    assert NOT_SHOWN in (group["0 to 17"][1], group["Every need"][1])


def _page_rows(page: str, table_id: str) -> list[list[str]]:
    table = page[page.index(f'id="{table_id}"') :].split("</table>")[0]
    body = table[table.index("<tbody") :]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_the_page_shows_exactly_what_the_download_shows(client_for, seeded):
    page = client_for("ana").get(f"/compliance/commissioning/?{YEAR}").content.decode()
    tables = _csv_tables(client_for("ana").get(f"/compliance/commissioning/export.csv?{YEAR}").content)
    for key, sheet in commissioning.SHEETS.items():
        assert _page_rows(page, key) == tables[sheet], key
    marac = page[page.index('id="marac"') :].split("</table>")[0]
    assert marac.count(FEWER) == 2 and "33%" not in marac and "67%" not in marac
    sue = client_for("sue").get(f"/compliance/commissioning/?{YEAR}").content.decode()
    assert FEWER not in sue and "67%" in sue


def test_the_spreadsheet_stores_numbers_as_numbers(client_for, seeded):
    response = client_for("sue").get(f"/compliance/commissioning/export.xlsx?{YEAR}")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Services"]
    alpha = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Alpha Support")
    assert alpha[1].value == 12 and alpha[2].value == 24
    assert alpha[3].value == pytest.approx(0.5) and alpha[3].number_format == "0%"
    assert "MARAC criteria met but not referred" in str(list(book["Notes"].iter_rows(values_only=True)))


def test_the_split_in_use_is_the_one_the_form_shows(client_for, personas):
    page = client_for("sue").get(f"/compliance/commissioning/?{YEAR}").content.decode()
    chosen = re.search(r'<select name="by".*?</select>', page, re.S)
    assert chosen is not None and '<option value="age" selected>Age band</option>' in chosen.group(0)
