"""Every case-scoped messages page answers 404 to anyone who cannot see the case, exactly as
for a case that does not exist."""

from __future__ import annotations

import pytest

from tests.notify.conftest import record, record_if_any
from victimcare.notify.models import OutboundMessage

pytestmark = pytest.mark.django_db

STAFF = ("cara", "cole", "sue", "olly", "fran", "wendy", "pat", "chad", "ana", "adam", "otto")
VIEWERS = {"cara", "sue", "olly", "fran"}  # the victim_case fixture: team North, officer olly
WRITERS = VIEWERS


def test_it_shows_a_cases_messages_only_to_those_who_can_see_the_case(
    client_for, victim_case, personas, tuesday
):
    record_if_any(victim_case, "suspect_arrested", personas["olly"])
    url = f"/messages/cases/{victim_case.id}/"
    got = {who: client_for(who).get(url).status_code for who in STAFF}
    assert {who for who, status in got.items() if status == 200} == VIEWERS
    assert {status for who, status in got.items() if who not in VIEWERS} == {404}
    assert client_for("cara").get("/messages/cases/999999/").status_code == 404


def test_it_lets_only_writers_change_update_preferences(client_for, victim_case):
    url = f"/messages/cases/{victim_case.id}/preferences/"
    got = {who: client_for(who).get(url).status_code for who in STAFF}
    assert {who for who, status in got.items() if status == 200} == WRITERS
    assert {status for who, status in got.items() if who not in WRITERS} == {404}


def test_it_lets_only_writers_send_a_message_again(client_for, victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    OutboundMessage.objects.filter(pk=msg.pk).update(status="failed")
    for who in ("cole", "otto", "pat", "wendy"):
        assert client_for(who).post(f"/messages/cases/{victim_case.id}/{msg.id}/retry/").status_code == 404
    msg.refresh_from_db()
    assert msg.status == "failed"


def test_it_lists_attention_only_for_cases_in_scope(client_for, victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    OutboundMessage.objects.filter(pk=msg.pk).update(status="held", hold_reason="Test reason")
    assert "DU/00100/26" in client_for("cara").get("/messages/").content.decode()
    assert "DU/00100/26" not in client_for("cole").get("/messages/?show=all").content.decode()
    assert client_for("pat").get("/messages/").status_code == 404


def test_it_sends_signed_out_people_to_sign_in(client, victim_case):
    r = client.get(f"/messages/cases/{victim_case.id}/")
    assert r.status_code == 302 and r["Location"].startswith("/sign-in")
