"""A witness care officer is no case's caseworker or officer and on no team: their work queue
opens on what the Witness Care Unit owes on the cases of its force area (docs/adr/0044)."""

from __future__ import annotations

import pytest

from tests.factories import local
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db


def _rules(response) -> list[str]:
    page = response.content.decode()
    return [chunk.split('"', 1)[0] for chunk in page.split('data-rule="')[1:]]


@pytest.fixture
def hearing_listed(personas, case_court):
    event_record(
        actor=personas["olly"], case=case_court, type="hearing_listed", occurred_at=local(2026, 3, 10, 9),
        payload={"hearing_date": "2026-04-20", "court": "Durham Crown Court"},
    )  # fmt: skip
    return case_court


def test_it_opens_on_what_the_unit_owes(client_for, hearing_listed):
    r = client_for("wendy").get("/work/")
    assert r.status_code == 200
    assert _rules(r) == ["R8_HEARING"]  # not the police's R6 and R7 on the same case
    page = r.content.decode()
    assert "Owed by the Witness Care Unit" in page and "My cases" not in page
    assert f'href="/cases/{hearing_listed.id}/"' in page


def test_it_still_offers_everything_in_the_area(client_for, hearing_listed):
    rules = _rules(client_for("wendy").get("/work/?show=all"))
    assert {"R8_HEARING", "R7_VPS_OFFER"} <= set(rules)


def test_it_leaves_out_another_forces_cases(client_for, personas, case_other):
    event_record(
        actor=personas["otto"], case=case_other, type="suspect_charged", occurred_at=local(2026, 3, 9, 15)
    )
    event_record(
        actor=personas["otto"], case=case_other, type="hearing_listed", occurred_at=local(2026, 3, 10, 9),
        payload={"hearing_date": "2026-04-20", "court": "Teesside Crown Court"},
    )  # fmt: skip
    assert _rules(client_for("wendy").get("/work/")) == []
    assert _rules(client_for("wendy").get("/work/?show=all")) == []
