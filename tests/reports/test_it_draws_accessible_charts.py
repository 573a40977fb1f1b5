"""Server-drawn SVG charts: named by their title and described (role="img", aria-labelledby),
every value written as text (never colour alone), hidden values written rather than drawn,
text escaped; and the compliance, survey and attrition pages show them beside their tables."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tests.reports.conftest import RANGE
from tests.reports.test_it_gates_the_figures import YEAR
from victimcare.reports import charts
from victimcare.reports.disclosure import Percent

SVG = "{http://www.w3.org/2000/svg}"
POINTS = [
    charts.point("Burglary", Percent(0.25)),
    charts.point("Robbery <b>", "Not shown"),
    charts.point("Shoplifting", Percent(0.8)),
]


@pytest.mark.parametrize("draw", [charts.bar_chart, charts.line_chart])
def test_it_is_an_image_named_and_described_by_its_own_title(draw):
    svg = draw("c1", "Charged by crime type", "Bar chart of the rate.", POINTS)
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Charged by crime type"
    assert root.find(f"{SVG}desc").text == "Bar chart of the rate."
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "25%" in texts and "80%" in texts  # each value in words, not only by length or colour
    assert "<b>" not in svg and "Robbery &lt;" in svg  # text is escaped


def test_a_hidden_value_is_written_not_drawn():
    root = ET.fromstring(charts.bar_chart("c2", "T", "D", POINTS))
    assert len(root.findall(f"{SVG}rect")) == 2
    assert "Not shown" in [t.text for t in root.iter(f"{SVG}text")]
    line = ET.fromstring(charts.line_chart("c3", "T", "D", POINTS))
    assert len(line.findall(f"{SVG}circle")) == 2


def test_the_summary_names_the_highest_and_lowest_and_what_is_hidden():
    text = charts.summary(POINTS, "rate")
    assert text == (
        "The highest rate is Shoplifting (80%) and the lowest is Burglary (25%). "
        "1 is not shown, to protect small numbers or where there is no figure."
    )
    assert (
        charts.summary([charts.point("A", "No figure")], "rate") == "No rate can be shown for this selection."
    )


def test_the_colours_have_enough_contrast():
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    assert contrast(charts.BLUE, "#ffffff") >= 4.5
    assert contrast(charts.TEXT, "#ffffff") >= 7


@pytest.mark.django_db
def test_the_pages_show_charts_beside_their_tables(client_for, timelines, attrition_victims):
    page = client_for("sue").get(f"/compliance/?{YEAR}").content.decode()
    # By the grouping, the trend, the obligations with no due date, and the local targets.
    assert page.count('role="img"') == 4 and 'id="grouped-summary"' in page
    assert 'id="chart-undated"' in page and 'id="undated-summary"' in page and 'id="chart-local"' in page
    attrition_page = client_for("ana").get(f"/compliance/attrition/?{RANGE}&by=sex").content.decode()
    assert attrition_page.count('role="img"') == 3
    assert re.search(r"The highest share reaching a step is Reported \(100%\)", attrition_page)
    feedback = client_for("sue").get("/feedback/").content.decode()
    assert 'id="chart-satisfaction"' in feedback and 'id="trend-summary"' in feedback


def test_a_chart_of_counts_has_a_numbered_axis_and_writes_hidden_counts():
    points, top = charts.count_points([("June", 12), ("July", "fewer than 5"), ("August", 6)])
    assert top == 12 and [p.value for p in points] == [1.0, None, 0.5]
    svg = charts.bar_chart("c", "Orders", "Bar chart.", points, scale=top)
    assert ">12</text>" in svg and ">6</text>" in svg and ">fewer than 5</text>" in svg
    assert ">100%</text>" not in svg and ">6</text>" in svg  # the axis counts orders, not shares
    zeros, _ = charts.count_points([("A", 0), ("B", 0), ("C", "fewer than 5")])
    assert charts.summary(zeros, "number of orders").startswith(
        "Every number of orders that can be shown is 0."
    )
