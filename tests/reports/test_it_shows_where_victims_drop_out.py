"""The attrition page: how many victims reach each step, for each group of a split, with the
ratio to everyone else and its 95% interval, a flag where the interval excludes 1, and the
share of outcomes where the victim withdrew (Home Office outcomes 14 and 16). "Not recorded"
and "prefer not to say" are groups of their own; a filter matching nothing says so; too few
cases says why; analysts see small numbers hidden so that none can be worked out."""

from __future__ import annotations

import re
from collections.abc import Hashable
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from tests.factories import make_case, make_person
from tests.reports.attacker import Equation, possible_values, recovered
from tests.reports.conftest import LATER, RANGE, TODAY
from victimcare.audit.models import AuditEvent
from victimcare.reports import attrition
from victimcare.reports.forms import AttritionFilterForm

pytestmark = pytest.mark.django_db


def _group(page: str, key: str) -> dict[str, list[str]]:
    table = page[page.index(f'data-group="{key}"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>(.*?)</tr>', table, re.S)
    return {
        label.strip(): [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
        ]
        for label, cells in rows
    }


def test_it_counts_each_step_for_each_group_with_the_ratio_and_its_interval(client_for, attrition_victims):
    page = client_for("sue").get(f"/compliance/attrition/?{RANGE}&by=sex").content.decode()
    everyone = _group(page, attrition.TOTAL_KEY)
    assert everyone["Reported"][:2] == ["24", "100%"]
    assert everyone["Referred to support"][:2] == ["24", "100%"]
    assert everyone["Charged or summonsed"][:2] == ["12", "50%"]
    women = _group(page, "female")
    assert women["Charged or summonsed"][:2] == ["10", "83%"]
    # 10/12 against 2/12: ratio 5.00, Katz interval exp(ln 5 +/- 1.96 sqrt(1/10 - 1/12 + 1/2 - 1/12))
    assert women["Charged or summonsed"][2] == "5.00 (1.38 to 18.17)"
    assert women["Charged or summonsed"][3] == "Differs from everyone else: higher"
    assert women["Referred to support"][2:] == ["1.00 (1.00 to 1.00)", "No clear difference"]  # all referred
    # The 2 women with a Home Office outcome recorded both withdrew (outcomes 14 and 16).
    withdrew = women["Outcomes where the victim did not support or withdrew from action"]
    assert withdrew[:2] == ["2", "100%"]
    assert _group(page, "prefer_not_to_say")["Reported"][0] == "2"
    assert _group(page, "")["Reported"][0] == "2"
    assert "Prefer not to say" in page and "Not recorded" in page
    assert "Katz" in page and 'id="definitions"' in page
    for step in attrition.STEPS:
        assert escape(step.definition) in page


def test_the_figures_match_a_recount_of_the_cases(personas, attrition_victims):
    f = attrition.AttritionFilters(start=TODAY - timedelta(days=30), end=LATER, by="sex")
    rows = {g.key: g.counts for g in attrition.groups(personas["sue"], f)}
    for sex in ("female", "male", "prefer_not_to_say", ""):
        mine = [v for v in attrition_victims if v[0] == sex]
        assert rows[sex]["reported"] == len(mine)
        assert rows[sex]["charged"] == sum(1 for v in mine if v[1])
        assert rows[sex]["withdrew"] == sum(1 for v in mine if v[2])
        assert rows[sex]["outcomes"] == sum(1 for v in mine if not v[1])
        assert rows[sex]["hearing"] == rows[sex]["assessed"] == 0


def test_every_split_works_and_the_query_count_is_flat(personas, attrition_victims):
    for by in attrition.SPLITS:
        f = attrition.AttritionFilters(start=TODAY - timedelta(days=400), end=LATER, by=by)
        with CaptureQueriesContext(connection) as queries:
            got = attrition.groups(personas["sue"], f)
        assert sum(g.counts["reported"] for g in got) == len(attrition_victims), by
        assert len(queries) <= 5, by  # cases, events, referrals, team names, the scope
    age = {
        g.label for g in attrition.groups(personas["sue"], attrition.AttritionFilters(TODAY, TODAY, by="age"))
    }
    assert age <= {"35 to 44", "Not recorded", "0 to 17", "18 to 24", "25 to 34"}


def test_a_filter_that_matches_nothing_says_so_and_too_few_says_why(client_for, attrition_victims):
    page = client_for("sue").get(f"/compliance/attrition/?{RANGE}&crime_type=Bicycle+theft").content.decode()
    assert 'id="nothing"' in page and "No victims' cases match these filters" in page
    old = "start_day=1&start_month=1&start_year=2020&end_day=31&end_month=1&end_year=2020"
    assert 'id="nothing"' in client_for("sue").get(f"/compliance/attrition/?{old}").content.decode()
    bad = client_for("sue").get("/compliance/attrition/?start_day=31&start_month=2&start_year=2026")
    assert "govuk-error-summary" in bad.content.decode()


def test_too_few_cases_to_publish_says_why(client_for, personas):
    cole = personas["cole"]
    for i in range(3):
        make_case(cole, person=make_person(cole, first_name=f"F{i}"), reference=f"DU/8{i:04d}/26")
    page = client_for("sue").get(f"/compliance/attrition/?{RANGE}").content.decode()
    assert 'id="too-few"' in page and "too few to publish" in page
    assert "%" not in page[page.index('id="too-few"') :].split("</div>")[0]


def test_the_analyst_sees_no_count_that_could_be_worked_out(client_for, attrition_victims):
    page = client_for("ana").get(f"/compliance/attrition/?{RANGE}&by=sex").content.decode()
    assert "fewer than 5" in page
    keys = [attrition.TOTAL_KEY, "female", "male", "prefer_not_to_say", ""]
    tables = {k: _group(page, k) for k in keys}
    cells: dict[Hashable, int | str] = {}
    for k, rows in tables.items():
        for label, values in rows.items():
            v = values[0]
            cells[(k, label)] = v if v in ("fewer than 5", "not shown") else int(v)
    eqs = [
        Equation(tuple((k, label) for k in keys[1:]), ((attrition.TOTAL_KEY, label),))
        for label in tables[attrition.TOTAL_KEY]
    ]
    possible = possible_values(cells, eqs, bound=30)
    assert possible and recovered(possible) == {}
    # The men's 2 charged would follow from the women's 10 and everyone's 12: the 10 is hidden
    # too, and so is any ratio that uses it; counts that give nothing away are still shown.
    women = tables["female"]
    assert women["Charged or summonsed"][0] == "not shown"
    assert women["Charged or summonsed"][2] == "Not shown: it would reveal a hidden count"
    assert women["Reported"][0] == "12" and tables["male"]["Reported"][0] == "8"


@pytest.mark.parametrize("username", ["cara", "pat", "chad", "olly", "adam", "wendy", "otto"])
@pytest.mark.parametrize("url", ["/compliance/attrition/", "/compliance/attrition/export.csv"])
def test_other_roles_get_not_found(client_for, username, url):
    assert client_for(username).get(url).status_code == 404


def test_the_download_has_the_page_figures_with_numbers_as_numbers(client_for, personas, attrition_victims):
    import csv
    import io

    from openpyxl import load_workbook

    body = client_for("ana").get(f"/compliance/attrition/export.csv?{RANGE}&by=sex")
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig"))))
    by = {(r[1], r[2]): r[3:] for r in rows[1:]}
    assert by[("Female", "Reported")][:2] == ["12", "100%"]
    assert by[("Female", "Charged or summonsed")][:3] == [
        "not shown",
        "Not shown",
        "Not shown: it would reveal a hidden count",
    ]
    assert by[("Male", "Charged or summonsed")][0] == "fewer than 5"
    sue = client_for("sue").get(f"/compliance/attrition/export.xlsx?{RANGE}&by=sex")
    sheet = load_workbook(io.BytesIO(sue.content))["Attrition"]
    women = next(
        r
        for r in sheet.iter_rows(min_row=2)
        if r[0].value == "Female" and r[1].value == "Charged or summonsed"
    )
    assert [c.value for c in women[2:7]] == [10, pytest.approx(10 / 12), 5.0, 1.376, 18.168]
    assert women[3].number_format == "0%" and women[7].value == "Differs from everyone else: higher"
    assert client_for("sue").get("/compliance/attrition/export.pdf").status_code == 404


def test_each_view_is_audited(client_for, personas, attrition_victims):
    before = AuditEvent.objects.filter(actor=personas["ana"]).count()
    assert client_for("ana").get("/compliance/attrition/?by=ethnicity").status_code == 200
    row = AuditEvent.objects.filter(actor=personas["ana"]).order_by("-id").first()
    assert AuditEvent.objects.filter(actor=personas["ana"]).count() == before + 1
    assert row is not None and row.detail.startswith("attrition figures by ethnicity")


def test_the_default_period_is_the_last_12_months_as_its_hint_says(personas):
    form = AttritionFilterForm(None, user=personas["sue"], today=TODAY)
    f = form.filters()
    assert "Leave blank for the last 12 months" in str(form["start"].help_text)
    assert f.start.day == 1 and (f.end - f.start).days in range(360, 367)


def test_a_crime_charged_by_its_outcome_counts_once(personas, attrition_victims):
    """Outcome 1 (charged or summonsed) counts as charged without a charge event, and a case with
    both is counted once."""
    from victimcare.cases.models import Crime, VictimCase

    men = VictimCase.objects.filter(person__sex="male").order_by("id")
    uncharged, charged = men.first(), men.last()
    assert uncharged is not None and charged is not None
    Crime.objects.filter(id__in=[uncharged.crime_id, charged.crime_id]).update(outcome_type=1)
    f = attrition.AttritionFilters(start=TODAY - timedelta(days=30), end=LATER, by="sex")
    rows = {g.key: g.counts for g in attrition.groups(personas["sue"], f)}
    assert rows["male"]["charged"] == 3  # the 2 with a charge event (one now also outcome 1), and 1
