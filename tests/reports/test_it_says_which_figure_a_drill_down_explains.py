"""The cases behind a figure name the figure: its status and the row of the table it came
from (a rule, a right, a team, a month of the trend)."""

from __future__ import annotations

import re

import pytest

from tests.reports.test_it_gates_the_figures import YEAR

pytestmark = pytest.mark.django_db


def _figure(client, query: str) -> str:
    html = client.get(f"/compliance/cases/?{YEAR}&{query}").content.decode()
    found = re.search(r'<p class="govuk-body" id="figure">(.*?)</p>', html, re.S)
    assert found is not None
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_it_names_the_status_and_the_row(client_for, timelines):
    sue = client_for("sue")
    text = _figure(sue, "group=rule&by=rule&key=R4_REFERRAL&status=overdue&section=dated")
    assert text.startswith("The figure: Overdue in the row ") and "(R4_REFERRAL) (compliance by rule)" in text
    assert "Right 4" in _figure(sue, "by=right&key=4&status=met&section=dated")
    assert "March 2026 (trend by month)" in _figure(sue, "by=period&key=2026-03-01&status=&section=dated")
    assert "no due date" in _figure(sue, "by=rule&key=R3_WRITTEN_ACK&status=not_done&section=undated")
