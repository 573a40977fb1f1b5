"""The results page's trend: responses and the share satisfied (very satisfied or satisfied)
per month of the chosen range, or per quarter for a range over 12 months, each share beside its
count; filtered by moment; the last 12 months by default; the organisation's responses only."""

from __future__ import annotations

import re

import pytest
import time_machine

from tests.factories import local
from tests.voice import survey_data
from victimcare.voice import selectors
from victimcare.voice.selectors import ResultsFilters

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data(personas, case_other):
    survey_data.load(personas, case_other)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(local(2026, 3, 16, 10, 0), tick=False):
        yield


def _rows(client, query=""):
    response = client.get(f"/feedback/{query}")
    assert response.status_code == 200
    page = response.content.decode()
    table = page[page.index('id="trend"') : page.index("</table>", page.index('id="trend"'))]
    cells = re.findall(
        r'<th scope="row"[^>]*>([^<]+)</th>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>(.*?)</td>', table
    )
    return page, {label: (n.strip(), re.sub(r"<[^>]+>", "", s).strip()) for label, n, s in cells}


def test_it_shows_the_last_12_months_by_month_against_a_hand_count(client_for):
    page, rows = _rows(client_for("sue"))
    assert "Answered from 1 April 2025 to 31 March 2026, all moments" in page
    assert next(iter(rows)) == "April 2025" and list(rows)[-1] == "March 2026" and len(rows) == 12
    assert rows["January 2026"] == ("8", "6 (75%)")
    assert rows["February 2026"] == ("3", "1 (33%)")
    assert rows["March 2026"] == ("5", "5 (100%)")
    assert rows["October 2025"] == ("1", "0 (0%)")  # 23:30 UTC on 30 September is October here
    assert rows["September 2025"] == ("0", "0")
    for label, (n, satisfied) in survey_data.BY_MONTH.items():
        assert rows[label][0] == str(n) and rows[label][1].startswith(str(satisfied))
    assert "Responses: 17." in page  # not 2024's, not another organisation's
    assert "Private words" not in page


def test_it_filters_by_moment(client_for):
    page, rows = _rows(client_for("sue"), "?moment=outcome")
    assert rows["January 2026"] == ("8", "6 (75%)")
    assert rows["February 2026"] == ("0", "0") and rows["March 2026"] == ("0", "0")
    assert "Responses: 9." in page
    heads = re.findall(
        r'<th scope="col" class="govuk-table__header govuk-table__header--numeric">([^<]+)</th>', page
    )
    assert "After the sentence" not in heads and "All moments" not in heads
    assert "After the outcome of the case" in heads


def test_it_shows_quarters_for_a_range_over_12_months(client_for):
    query = "?start_day=1&start_month=1&start_year=2024&end_day=31&end_month=3&end_year=2026"
    page, rows = _rows(client_for("sue"), query)
    assert '<th scope="col" class="govuk-table__header">Quarter</th>' in page
    assert len(rows) == 9
    assert rows["2024 Q1 (Jan to Mar 2024)"] == ("1", "1 (100%)")
    assert rows["2025 Q4 (Oct to Dec 2025)"] == ("1", "0 (0%)")
    assert rows["2026 Q1 (Jan to Mar 2026)"] == ("16", "12 (75%)")
    assert "Responses: 18." in page


def test_it_counts_only_the_days_chosen(client_for, personas):
    f = ResultsFilters(start=local(2026, 1, 20, 0, 0).date(), end=local(2026, 2, 3, 0, 0).date())
    [jan, feb] = selectors.trend(selectors.filtered_responses(personas["sue"], f), f, suppress=False)
    assert (jan.label, jan.responses, jan.satisfied, jan.percent) == ("January 2026", 5, 3, "60%")
    assert (feb.label, feb.responses, feb.satisfied, feb.percent) == ("February 2026", 1, 1, "100%")


def test_it_suppresses_small_numbers_for_analysts(client_for):
    page, rows = _rows(client_for("ana"))
    # January's 6 and March's 5 satisfied, with the 8 "very satisfied" of all moments, would give
    # away February's 1 (6 + 1 + 5 = 8 + the hidden 4 "satisfied"): so they are not shown.
    assert rows["January 2026"] == ("8", "not shown")
    assert rows["March 2026"] == ("5", "not shown")
    assert rows["February 2026"] == ("fewer than 5", "fewer than 5")  # no share from 3
    assert rows["October 2025"] == ("fewer than 5", "0")
    assert "33%" not in page


def test_it_counts_only_the_users_organisation(personas, case_other):
    f = ResultsFilters(start=local(2026, 1, 1, 0, 0).date(), end=local(2026, 1, 31, 0, 0).date())
    assert selectors.filtered_responses(personas["sue"], f).count() == 8
    assert selectors.filtered_responses(personas["ana"], f).count() == 8
    assert selectors.filtered_responses(personas["otto"], f).count() == 0  # not a supervisor
