"""The survey offer appears on the victim's portal home page once a key moment is reached, and
goes away when they say no thanks."""

from __future__ import annotations

import pytest

from tests.factories import local
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db


def test_it_shows_the_offer_after_the_outcome_and_not_after_no_thanks(
    victim_case, portal_account, portal_client, personas
):
    client = portal_client(portal_account(victim_case))
    assert "Tell us how we did" not in client.get("/portal/").content.decode()

    event_record(
        actor=personas["olly"],
        case=victim_case,
        type="case_outcome_received",
        occurred_at=local(2026, 3, 2, 12, 0),
        payload={"outcome": "Guilty plea"},
    )
    page = client.get("/portal/").content.decode()
    assert "Tell us how we did" in page

    client.post("/portal/feedback/no-thanks/", {"moment": "outcome", "next": "/portal/"})
    assert "Tell us how we did" not in client.get("/portal/").content.decode()
