"""The Panel pack as a tagged PDF and as a spreadsheet: accessible structure, numbers stored
as numbers, and no small count anywhere (a hidden count is words in the PDF, a blank cell with
a comment in the spreadsheet)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from tests.reports.panel_support import submitted_and_approved
from victimcare.documents import pdf_facts
from victimcare.reports import panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(client_for, attrition_victims):
    return submitted_and_approved(client_for)


def test_the_pdf_is_tagged_titled_and_hides_small_counts(client_for, approved):
    response = client_for("sue").get(f"/compliance/panel/{approved.pk}/pack.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    facts = pdf_facts(response.content)
    assert facts.marked and facts.has_structure_tree
    assert {"H1", "H2", "Table", "TH", "TD", "Figure"} <= facts.structure_tags
    assert facts.figures_without_alt == 0
    assert facts.language == "en-GB" and facts.displays_title
    assert facts.title.startswith("Victims' services performance report to the Police and Crime Panel")
    assert "Women are charged more often." in facts.text  # the commentary
    # By sex: 2 said "prefer not to say", 2 have none recorded, 2 men were charged: words only.
    by_sex = facts.text[facts.text.index("By sex\nSex Victims") : facts.text.index("By ethnicity")]
    assert "Prefer" in by_sex and by_sex.count("fewer") >= 3
    assert not re.findall(r"(?<![\d.,])[1-4](?![\d.,%])", by_sex)


def test_the_spreadsheet_stores_counts_and_rates_as_numbers(client_for, approved):
    response = client_for("ana").get(f"/compliance/panel/{approved.pk}/pack.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    titles = [s.title for s in book]
    assert titles[0] == "About" and "Attrition and equality" in titles and "Court delays" in titles
    sheet = book["Attrition and equality"]
    cells = [c for row in sheet.iter_rows() for c in row]
    counts = [c for c in cells if c.number_format == panel.COUNT_FORMAT]
    rates = [c for c in cells if c.number_format == panel.PERCENT_FORMAT]
    assert counts and rates
    assert all(c.data_type == "n" and isinstance(c.value, int) for c in counts)
    assert all(c.data_type == "n" and isinstance(c.value, int | float) and 0 <= c.value <= 1 for c in rates)
    assert not [c.value for c in counts if 0 < c.value < 5]
    everyone = next(row for row in sheet.iter_rows() if row[0].value == "Reported")
    assert everyone[1].value == 24 and everyone[2].value == 1.0
    hidden = [c for c in cells if c.comment is not None]
    assert hidden and all(c.value is None for c in hidden)
    assert "fewer than 5" in hidden[0].comment.text
    prefer = next(row for row in sheet.iter_rows() if row[0].value == "Prefer not to say")
    assert prefer[1].value is None and prefer[1].comment is not None  # 2 victims: blank, with a note


def test_a_draft_pack_prints_too(client_for, attrition_victims):
    from tests.reports.panel_support import draft_through_the_page

    ana = client_for("ana")
    pack = draft_through_the_page(ana)
    facts = pdf_facts(ana.get(f"/compliance/panel/{pack.pk}/pack.pdf").content)
    assert "Draft. Figures as on" in facts.text
