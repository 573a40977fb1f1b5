"""Rights 1, 2 and 5 are obligations on every case (VICTIMS-CODE.md's second table): recorded
from the staff event form, shown on the case page's rights panel as done / not done with any
local target beside it, and never presented as a statutory deadline (docs/adr/0059)."""

from __future__ import annotations

import re

import pytest

from victimcare.rights.models import Entitlement

pytestmark = pytest.mark.django_db


def _row(html: str, rule: str) -> str:
    found = re.findall(rf'<tr class="govuk-table__row" data-rule="{rule}">(.*?)</tr>', html, re.S)
    assert found, f"{rule} is not on the rights panel"
    return " ".join(" ".join(found).split())


def _when(day: int) -> dict[str, str]:
    return {"occurred_on_day": str(day), "occurred_on_month": "3", "occurred_on_year": "2026"}


def _record(client, case, kind: str, data: dict[str, str]):
    response = client.post(f"/cases/{case.id}/events/new/?type={kind}", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return case.events.filter(type=kind).latest("id")


def test_it_offers_the_new_events_on_the_record_an_event_form(client_for, case_a):
    page = client_for("olly").get(f"/cases/{case_a.id}/events/new/").content.decode()
    for label in (
        "Interpreter or communication help needed",
        "Interpreter or communication help provided",
        "Crime recorded by the police",
        "Information about compensation given",
        "Appeal against conviction or sentence lodged",
        "Victim&#x27;s property kept by the police",
        "Complaint answered in full",
        "Complaint taken further by the victim",
    ):
        assert label in page, label


def test_it_shows_rights_1_2_and_5_on_the_rights_panel(client_for, case_a):
    olly = client_for("olly")
    _record(olly, case_a, "communication_need_identified",
            {**_when(3), "p_need": "interpreter", "p_language": "Polish"})  # fmt: skip
    html = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    right_1 = _row(html, "R1_COMMUNICATION")
    right_2 = _row(html, "R2_CRIME_RECORDED")
    right_5 = _row(html, "R5_COMPENSATION_INFO")
    assert "Right 1: Understand and be understood" in right_1 and "Not done" in right_1
    assert "Right 2: Crime recorded without delay" in right_2 and "Not done" in right_2
    assert "Right 5: Information about compensation" in right_5 and "Not done" in right_5
    # Right 2's only clock is the Counting Rules' local target, and it says so.
    assert "Local target" in right_2
    assert "No deadline" in right_1 and "No deadline" in right_5
    assert "statutory" not in html.lower()


def test_it_marks_them_done_when_the_events_are_recorded(client_for, case_a):
    olly = client_for("olly")
    need = _record(olly, case_a, "communication_need_identified", {**_when(3), "p_need": "easy_read"})
    _record(olly, case_a, "communication_support_provided",
            {**_when(4), "about": str(need.id), "p_provided": "Easy Read letter sent"})  # fmt: skip
    _record(olly, case_a, "crime_recorded", {**_when(3), "p_crime_number": "DU-2026-0001"})
    _record(olly, case_a, "compensation_information_given", {**_when(5), "p_channel": "letter"})
    statuses = dict(Entitlement.objects.filter(case=case_a).values_list("rule", "status"))
    assert statuses["R1_COMMUNICATION"] == "done"
    assert statuses["R2_CRIME_RECORDED"] == "done"
    assert statuses["R5_COMPENSATION_INFO"] == "done"
    html = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert "Done" in _row(html, "R1_COMMUNICATION") and "Done" in _row(html, "R5_COMPENSATION_INFO")


def test_it_refuses_help_that_names_no_need(client_for, case_a):
    response = client_for("olly").post(
        f"/cases/{case_a.id}/events/new/?type=communication_support_provided",
        {**_when(4), "p_provided": "Interpreter booked"},
    )
    assert response.status_code == 200
    assert "Choose the event this is about" in response.content.decode()
    assert not case_a.events.filter(type="communication_support_provided").exists()


def test_it_lists_the_new_rules_with_their_local_targets_on_the_rules_page(client_for):
    body = client_for("cara").get("/rules/").content.decode()
    assert "Record the crime without unjustified delay" in body
    assert "No time limit in the Code; local target 1 working day" in body
    assert "local target 1 working days" not in body
    assert "Arrange an interpreter or other help to communicate" in body
    assert "Give the victim information about compensation" in body
