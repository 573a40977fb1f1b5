"""The crime's outcome on the victim's timeline: plain words in English or Welsh, never the Home
Office number or its official label; outcome 0 ("not yet assigned") is not shown."""

from __future__ import annotations

from tests.factories import local
from victimcare.cases.services import event_record
from victimcare.portal.selectors import timeline

from .conftest import victim_case


def _outcome(case, actor, outcome_type, day=20):
    return event_record(actor=actor, case=case, type="outcome_recorded", occurred_at=local(2026, 3, day, 9, 0),
                        payload={"outcome_type": outcome_type})  # fmt: skip


def test_it_says_why_the_police_closed_the_investigation(portal_client, personas, jane_case):
    _outcome(jane_case, personas["olly"], 15)
    page = portal_client(jane_case).get("/portal/").content.decode()
    assert (
        "The police have closed the investigation because, although they know who the suspect is, "
        "there is not enough evidence to take the case to court." in page
    )
    assert "Evidential difficulties" not in page and "outcome_type" not in page


def test_it_says_it_in_welsh(portal_client, personas):
    vcase = victim_case(personas, reference="DU/00801/26", language="cy")
    _outcome(vcase, personas["olly"], 18)
    page = portal_client(vcase).get("/portal/").content.decode()
    assert "Mae&#x27;r heddlu wedi cau&#x27;r ymchwiliad oherwydd nad oeddent yn gallu darganfod" in page


def test_it_leaves_out_an_outcome_not_yet_assigned(portal_client, personas, jane_case):
    _outcome(jane_case, personas["olly"], 0)
    shown = [item.text for item in timeline(jane_case)]
    assert shown == ["The crime was reported to the police."]
    assert "Not yet assigned" not in portal_client(jane_case).get("/portal/").content.decode()


def test_it_marks_a_corrected_outcome(portal_client, personas, jane_case):
    first = _outcome(jane_case, personas["olly"], 14)
    event_record(actor=personas["olly"], case=jane_case, type="outcome_recorded", occurred_at=local(2026, 3, 20, 9, 0),
                 payload={"outcome_type": 16}, corrects=first)  # fmt: skip
    page = portal_client(jane_case).get("/portal/").content.decode()
    assert "Corrected" in page
    assert "the victim does not want the police to take further action" in page
