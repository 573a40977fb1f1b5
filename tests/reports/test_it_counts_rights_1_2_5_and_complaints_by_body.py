"""Rights 1, 2 and 5 are in the compliance figures (done / not done, Right 2's local target
apart from the statutory figure), and complaints are counted by the body they are about, carried
to their first reply, full answer, outcome and escalation, with small numbers hidden from
analysts (docs/adr/0059)."""

from __future__ import annotations

import re

import pytest

from tests.factories import local
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db

YEAR = "start_day=1&start_month=1&start_year=2026&end_day=31&end_month=12&end_year=2026"


def _table(html: str, table_id: str) -> str:
    found = re.search(rf'<table[^>]*id="{table_id}">(.*?)</table>', html, re.S)
    assert found, table_id
    return found.group(1)


def _row(table: str, key: str) -> dict[str, str]:
    found = re.search(rf'data-key="{key}">(.*?)</tr>', table, re.S)
    assert found, key
    return {
        status: re.sub(
            r"<[^>]+>", "", re.sub(r'<span class="govuk-visually-hidden">.*?</span>', "", value)
        ).strip()
        for status, value in re.findall(r'data-status="([^"]+)">(.*?)</td>', found.group(1), re.S)
    }


@pytest.fixture
def complaints(personas, case_a, case_b):
    cara, olly = personas["cara"], personas["olly"]
    first = event_record(actor=cara, case=case_a, type="complaint_received", occurred_at=local(2026, 3, 10, 10),
                         payload={"against": "police", "summary": "Nobody called me back"})  # fmt: skip
    event_record(actor=olly, case=case_a, type="complaint_responded", occurred_at=local(2026, 3, 16, 10), about=first,
                 payload={"outcome": "partly_upheld", "told_how_to_escalate": True})  # fmt: skip
    event_record(actor=cara, case=case_a, type="complaint_escalated", occurred_at=local(2026, 4, 1, 10), about=first,
                 payload={"route": "ombudsman"})  # fmt: skip
    event_record(actor=cara, case=case_b, type="complaint_received", occurred_at=local(2026, 3, 11, 10),
                 payload={"against": "cps"})  # fmt: skip
    return first


def test_it_counts_rights_1_2_and_5_with_no_due_date_and_right_2s_local_target_apart(
    client_for, personas, case_a, case_b
):
    event_record(actor=personas["olly"], case=case_a, type="communication_need_identified",
                 occurred_at=local(2026, 3, 3, 10), payload={"need": "interpreter"})  # fmt: skip
    event_record(
        actor=personas["olly"], case=case_a, type="crime_recorded", occurred_at=local(2026, 3, 2, 12)
    )
    html = client_for("sue").get(f"/compliance/?{YEAR}").content.decode()
    undated = _table(html, "undated")
    assert _row(undated, "R1_COMMUNICATION")["not_done"] == "1"
    assert _row(undated, "R2_CRIME_RECORDED")["done"] == "1"
    assert _row(undated, "R2_CRIME_RECORDED")["not_done"] == "1"
    assert _row(undated, "R5_COMPENSATION_INFO")["not_done"] == "2"
    local_targets = _table(html, "local")
    assert _row(local_targets, "R2_CRIME_RECORDED")["met"] == "1"
    assert _row(local_targets, "R2_CRIME_RECORDED")["overdue"] == "1"
    # Never in the statutory figure: the table by right counts only obligations with a due date.
    assert 'data-key="1"' not in _table(html, "by-group") and 'data-key="2"' not in _table(html, "by-group")


def test_it_counts_complaints_by_body_to_their_outcome_and_escalation(client_for, complaints):
    html = client_for("sue").get(f"/compliance/?{YEAR}").content.decode()
    table = _table(html, "complaints")
    police = _row(table, "police")
    assert police == {
        "received": "1",
        "first_reply_on_time": "1",
        "answered": "1",
        "upheld": "0",
        "partly_upheld": "1",
        "not_upheld": "0",
        "told_how_to_escalate": "1",
        "own_process": "0",
        "victims_commissioner": "0",
        "ombudsman": "1",
    }
    cps = _row(table, "cps")
    assert (cps["received"], cps["answered"], cps["first_reply_on_time"]) == ("1", "0", "0")
    assert ">CPS<" in table and ">Police<" in table


def test_it_hides_small_complaint_counts_from_analysts(client_for, complaints):
    html = client_for("ana").get(f"/compliance/?{YEAR}").content.decode()
    police = _row(_table(html, "complaints"), "police")
    assert police["received"] == "fewer than 5" and police["partly_upheld"] == "fewer than 5"
    assert police["upheld"] in ("0", "not shown") and "/compliance/cases/" not in html


def test_it_exports_the_complaints_table(client_for, complaints):
    body = client_for("sue").get(f"/compliance/export.csv?{YEAR}").content.decode()
    assert "Complaints by organisation" in body
    assert "Taken to the Ombudsman" in body
