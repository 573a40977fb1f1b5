"""Right to Review and complaints (Right 12) recorded through the staff event form start their
clocks: stored obligations with due dates, in the work queue, met by the answering events."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.factories import local
from tests.rights_storage.conftest import stored
from victimcare.cases.models import Event

pytestmark = pytest.mark.django_db


def _record(client, case, type_: str, day: date, **fields: str):
    data = {"occurred_on_day": day.day, "occurred_on_month": day.month, "occurred_on_year": day.year,
            "occurred_time": "10:00", **fields}  # fmt: skip
    r = client.post(f"/cases/{case.id}/events/new/?type={type_}", data)
    assert r.status_code == 302, r.content.decode()
    return Event.objects.filter(case=case, type=type_).latest("id")


def test_it_starts_the_police_review_clocks(client_for, case_a):
    client = client_for("cara")
    with time_machine.travel(local(2026, 6, 1, 12), tick=False):
        request = _record(client, case_a, "vrr_requested", date(2026, 6, 1), p_decision_maker="police")
        rows = stored(case_a)
        # Monday 1 June 2026: 10 working days -> 15 June; 30 -> 13 July.
        assert (rows["VRR_POLICE_ACK"].due, rows["VRR_POLICE_ACK"].status) == (date(2026, 6, 15), "pending")
        assert rows["VRR_POLICE_DECISION"].due == date(2026, 7, 13)
        assert rows["VRR_POLICE_ACK"].right == "review" and rows["VRR_POLICE_ACK"].provider == "police"
        page = client.get("/work/").content.decode()
        assert "Acknowledge a request for a police review of a decision" in page
        assert f"?type=vrr_acknowledged&amp;about={request.id}" in page
        assert f"?type=vrr_decided&amp;about={request.id}" in page
        _record(client, case_a, "vrr_acknowledged", date(2026, 6, 1), about=str(request.id))
        assert stored(case_a)["VRR_POLICE_ACK"].status == "met"
        assert "Acknowledge a request for a police review" not in client.get("/work/").content.decode()


def test_it_starts_the_complaint_clock(client_for, case_a):
    client = client_for("cara")
    with time_machine.travel(local(2026, 6, 1, 12), tick=False):
        complaint = _record(client, case_a, "complaint_received", date(2026, 6, 1), p_against="police")
        row = stored(case_a)["R12_COMPLAINT_ACK"]
        assert (row.due, row.status, row.provider, row.right) == (date(2026, 6, 15), "pending", "any", "12")
        page = client.get("/work/").content.decode()
        assert "Acknowledge or answer a complaint" in page
        assert f"?type=complaint_acknowledged&amp;about={complaint.id}" in page
    with time_machine.travel(local(2026, 6, 16, 12), tick=False):
        client = client_for("cara")  # a fresh sign-in: sessions do not last two weeks
        assert (
            '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
            in client.get("/work/").content.decode()
        )
        _record(client, case_a, "complaint_acknowledged", date(2026, 6, 16), about=str(complaint.id))
        assert stored(case_a)["R12_COMPLAINT_ACK"].status == "late"
