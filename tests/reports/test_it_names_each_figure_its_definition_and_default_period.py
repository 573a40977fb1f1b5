"""Issue 13, item 7, one test per rule over every figure page (the compliance dashboard, the
cases behind a figure, attrition, court delays, the quarterly return, commissioning evidence):

- every figure page names its definitions ("What each figure counts");
- a drill-down's heading says which figure it explains;
- the default period is the one its hint promises.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from django.utils import timezone

from tests.reports.test_it_gates_the_figures import YEAR

pytestmark = pytest.mark.django_db

DRILL = f"/compliance/cases/?{YEAR}&group=rule&by=rule&key=R4_REFERRAL&status=overdue&section=dated"
FIGURE_PAGES = [
    "/compliance/",
    DRILL,
    "/compliance/attrition/",
    "/compliance/court/",
    "/compliance/return/",
    "/compliance/commissioning/",
]
# The pages whose period is a date range with a "Leave blank for the last ..." hint.
RANGE_PAGES = ["/compliance/", "/compliance/attrition/", "/compliance/court/", "/compliance/commissioning/"]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.parametrize("url", FIGURE_PAGES)
def test_every_figure_page_names_its_definitions(client_for, timelines, url):
    page = client_for("sue").get(url).content.decode()
    heading = re.search(r'<h2 class="govuk-heading-m" id="how-counted">(.*?)</h2>', page)
    assert heading is not None and heading.group(1) in (
        "What each figure counts",
        "What this figure counts",
        "What each area counts",
    )
    definitions = page[page.index('id="definitions"') :].split("</dl>")[0]
    terms = re.findall(r'<dt class="govuk-summary-list__key">(.*?)</dt>', definitions, re.S)
    meanings = re.findall(r'<dd class="govuk-summary-list__value">(.*?)</dd>', definitions, re.S)
    assert terms and len(terms) == len(meanings) and all(_text(m) for m in meanings)


def test_the_drill_down_heading_names_its_figure(client_for, timelines):
    page = client_for("sue").get(DRILL).content.decode()
    h1 = re.search(r'<h1 class="govuk-heading-l" id="drill-heading">(.*?)</h1>', page, re.S)
    assert h1 is not None
    assert _text(h1.group(1)).startswith("Cases behind the figure: Overdue, ")
    assert "(R4_REFERRAL) (compliance by rule)" in _text(h1.group(1))
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None and "Overdue" in title.group(1) and "R4_REFERRAL" in title.group(1)
    trend = client_for("sue").get(
        f"/compliance/cases/?{YEAR}&by=period&key=2026-03-01&status=met&section=dated"
    )
    assert "Cases behind the figure: Met, March 2026 (trend by month)" in _text(trend.content.decode())


def _months_back(today: date, months: int) -> date:
    """The first day of the month `months` before this one."""
    n = today.year * 12 + today.month - 1 - months
    return date(n // 12, n % 12 + 1, 1)


@pytest.mark.parametrize("url", RANGE_PAGES)
def test_the_default_period_is_the_one_its_hint_promises(client_for, timelines, url):
    page = client_for("sue").get(url).content.decode()
    hint = re.search(r"Leave blank for the last (\d+) (months|years)", page)
    assert hint is not None, "the hint names the default period"
    months = int(hint.group(1)) * (12 if hint.group(2) == "years" else 1)
    shown = re.search(r'id="range">.*?[Ff]rom (\d+ \w+ \d{4}) to (\d+ \w+ \d{4})', page, re.S)
    assert shown is not None, "the page says which period it shows"
    start, end = (datetime.strptime(d, "%d %B %Y").date() for d in shown.groups())
    today = timezone.localdate()
    assert start == _months_back(today, months - 1)  # that many calendar months, this one included
    assert today <= end and (end.year, end.month) == (today.year, today.month)


def test_the_returns_default_quarter_is_the_one_its_form_shows_first(client_for, timelines):
    page = client_for("sue").get("/compliance/return/").content.decode()
    first = re.search(r'<option value="[\d-]+"[^>]*>(.*?)</option>', page)
    caption = re.search(
        r'<caption class="govuk-table__caption govuk-table__caption--m">(.*?)</caption>', page
    )
    assert first is not None and caption is not None and first.group(1) == caption.group(1)
