"""The portal's "ask for" pages: choose, answer, check your answers, send, and a confirmation
that says what happens next and by when (read from the stored entitlements)."""

from __future__ import annotations

import pytest

from tests.factories import local
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db


def test_it_asks_for_a_police_review_with_check_answers_and_dates(
    victim_case, portal_account, portal_client, personas, monday
):
    nfa = event_record(
        actor=personas["olly"],
        case=victim_case,
        type="suspect_released_no_further_action",
        occurred_at=local(2026, 3, 9, 12, 0),
    )
    event_record(
        actor=personas["olly"],
        case=victim_case,
        type="victim_informed",
        about=nfa,
        payload={"channel": "phone"},
        occurred_at=local(2026, 3, 10, 12, 0),
    )
    client = portal_client(portal_account(victim_case))
    choose = client.post("/portal/ask/", {"what": "review"})
    assert choose["Location"] == "/portal/ask/review/"
    form = client.get("/portal/ask/review/").content.decode()
    assert "The police decided to take no further action" in form and "10 June 2026" in form
    response = client.post(
        "/portal/ask/review/", {"decision_maker": "police", "reason": "Nobody asked my neighbour"}
    )
    assert response["Location"] == "/portal/ask/review/check/"
    assert victim_case.events.filter(type="vrr_requested").count() == 0  # nothing sent yet
    check = client.get("/portal/ask/review/check/").content.decode()
    assert "Check your answers" in check and "The police" in check and "Nobody asked my neighbour" in check
    # "Change" keeps what was typed.
    assert "Nobody asked my neighbour" in client.get("/portal/ask/review/").content.decode()
    sent = client.post("/portal/ask/review/check/")
    event = victim_case.events.get(type="vrr_requested")
    assert sent["Location"] == f"/portal/ask/review/sent/{event.id}/"
    page = client.get(sent["Location"]).content.decode()
    assert "Monday 30 March 2026" in page and "Wednesday 29 April 2026" in page
    # Sending again (back button) records nothing more.
    client.post("/portal/ask/review/check/")
    assert victim_case.events.filter(type="vrr_requested").count() == 1


def test_it_makes_a_complaint_and_says_when_the_reply_is_due(
    victim_case, portal_account, portal_client, monday
):
    client = portal_client(portal_account(victim_case))
    missing = client.post("/portal/ask/complaint/", {"against": "police", "summary": ""}).content.decode()
    assert "govuk-error-summary" in missing and "Enter what your complaint is about" in missing
    assert 'value="police" checked' in missing  # the choice made is kept
    client.post("/portal/ask/complaint/", {"against": "police", "summary": "Nobody rang me back"})
    sent = client.post("/portal/ask/complaint/check/")
    page = client.get(sent["Location"]).content.decode()
    assert "Monday 30 March 2026" in page
    event = victim_case.events.get(type="complaint_received")
    assert event.payload == {"against": "police", "summary": "Nobody rang me back"}


def test_it_asks_to_make_a_statement(victim_case, portal_account, portal_client, monday):
    client = portal_client(portal_account(victim_case))
    assert "Choose whether" in client.post("/portal/ask/statement/", {}).content.decode()
    client.post("/portal/ask/statement/", {"kind": "make"})
    sent = client.post("/portal/ask/statement/check/")
    assert victim_case.events.get(type="vps_requested").payload == {"kind": "make"}
    assert "will contact you to arrange your statement" in client.get(sent["Location"]).content.decode()


def test_it_never_shows_another_cases_request(victim_case, case_b, portal_account, portal_client, monday):
    from victimcare.messaging.services import complaint_make

    theirs = complaint_make(case=case_b, against="police", summary="Private", portal_label="x")
    client = portal_client(portal_account(victim_case))
    assert client.get(f"/portal/ask/complaint/sent/{theirs.id}/").status_code == 404
    assert client.get("/portal/ask/complaint/sent/999999/").status_code == 404


def test_it_goes_back_to_the_form_when_nothing_was_answered(victim_case, portal_account, portal_client):
    client = portal_client(portal_account(victim_case))
    assert client.get("/portal/ask/complaint/check/")["Location"] == "/portal/ask/complaint/"
    assert client.post("/portal/ask/complaint/check/")["Location"] == "/portal/ask/complaint/"
    assert victim_case.events.filter(type="complaint_received").count() == 0
