"""The results' CSV has the page's figures for the same filters (never a victim's words, small
numbers suppressed for analysts); dates that are not real, or in the wrong order, get the error
summary with what was typed kept, and no figures."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine

from tests.factories import local
from tests.voice import survey_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data(personas, case_other):
    survey_data.load(personas, case_other)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(local(2026, 3, 16, 10, 0), tick=False):
        yield


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_downloads_the_same_figures_as_the_page(client_for):
    response = client_for("sue").get("/feedback/figures.csv")
    assert 'filename="victims-feedback-2025-04-01-to-2026-03-31.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == [
        "Table",
        "Month",
        "Responses",
        "Satisfied or very satisfied",
        "Satisfied or very satisfied (%)",
    ]
    assert ["Trend by month", "January 2026", "8", "6", "75%"] in rows
    assert ["Trend by month", "September 2025", "0", "0", ""] in rows
    overall = "Overall, how satisfied are you with the service you received?"
    satisfied = next(r for r in rows if r[:2] == [overall, "Satisfied"])
    # After the outcome (after the two early moments' columns): 3 of 9 answered "satisfied";
    # all moments: 4 of 17.
    assert satisfied[6:8] == ["3", "33%"] and satisfied[-2:] == ["4", "24%"]
    assert "Private words" not in response.content.decode("utf-8-sig")


def test_it_downloads_for_the_filters_chosen(client_for):
    query = "?moment=sentence&start_day=1&start_month=2&start_year=2026&end_day=28&end_month=2&end_year=2026"
    response = client_for("sue").get(f"/feedback/figures.csv{query}")
    assert "victims-feedback-2026-02-01-to-2026-02-28-sentence.csv" in response["Content-Disposition"]
    rows = _csv(response)
    assert [r for r in rows if r[0] == "Trend by month"] == [
        ["Trend by month", "February 2026", "3", "1", "33%"]
    ]
    page = client_for("sue").get(f"/feedback/{query}").content.decode()
    assert f'href="/feedback/figures.csv{query.replace("&", "&amp;")}"' in page


def test_it_suppresses_small_numbers_in_the_analysts_download(client_for):
    rows = _csv(client_for("ana").get("/feedback/figures.csv"))
    assert ["Trend by month", "February 2026", "fewer than 5", "fewer than 5", ""] in rows
    assert ["Trend by month", "January 2026", "8", "not shown", ""] in rows  # it would give February's away


def test_it_is_only_for_those_who_see_the_results(client_for):
    for username in ("cara", "olly", "fran", "pat", "chad", "adam", "otto"):
        assert client_for(username).get("/feedback/figures.csv").status_code == 404, username


def test_it_keeps_what_was_typed_when_a_date_is_not_real(client_for):
    query = "?start_day=31&start_month=2&start_year=2026&end_day=&end_month=4&end_year=2026&moment=sentence"
    response = client_for("sue").get(f"/feedback/{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_start_0">Answered from must be a real date</a>' in page
    assert "Answered up to must include a day" in page
    assert 'value="31"' in page and 'value="2026"' in page and 'value="4"' in page
    assert '<option value="sentence" selected>' in page
    assert 'id="trend"' not in page and "figures.csv" not in page
    assert client_for("sue").get(f"/feedback/figures.csv{query}").status_code == 400


def test_it_refuses_a_range_that_ends_before_it_starts(client_for):
    query = "?start_day=1&start_month=6&start_year=2026&end_day=1&end_month=1&end_year=2026"
    page = client_for("ana").get(f"/feedback/{query}").content.decode()
    assert "Answered up to must be the same as or after answered from" in page
    assert 'id="trend"' not in page
