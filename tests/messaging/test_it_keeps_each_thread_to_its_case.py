"""A victim can only ever read or write their own case's thread: no case or message id in a
URL or form reaches another case. Staff outside a case's scope get the same 404 as for a case
that does not exist."""

from __future__ import annotations

import re

import pytest

from victimcare.messaging.models import Message
from victimcare.messaging.services import message_send_from_staff

pytestmark = pytest.mark.django_db


def _without_tokens(content: bytes) -> bytes:
    """The page but for the per-response CSP nonce and masked CSRF token."""
    content = re.sub(rb'nonce="[^"]*"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def test_it_shows_a_victim_only_their_own_thread(
    victim_case, case_b, portal_account, portal_client, personas
):
    message_send_from_staff(actor=personas["cole"], case=case_b, body="For Tom only")
    page = portal_client(portal_account(victim_case)).get("/portal/messages/").content.decode()
    assert "For Tom only" not in page


def test_it_ignores_case_ids_posted_by_a_victim(victim_case, case_b, portal_account, portal_client):
    client = portal_client(portal_account(victim_case))
    client.post("/portal/messages/", {"body": "Hello", "case": case_b.id, "case_id": case_b.id})
    client.post(f"/portal/messages/?case={case_b.id}", {"body": "Hello again"})
    assert set(Message.objects.values_list("case_id", flat=True)) == {victim_case.id}


def test_it_does_not_let_the_portal_open_staff_threads(victim_case, case_b, portal_account, portal_client):
    client = portal_client(portal_account(victim_case))
    response = client.get(f"/cases/{case_b.id}/messages/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    response = client.post(f"/cases/{case_b.id}/messages/", {"body": "Sneaky"})
    assert response.status_code == 302 and Message.objects.count() == 0


def test_it_refuses_staff_outside_the_case_with_the_missing_page(case_a, client_for):
    client = client_for("cole")
    outside = client.get(f"/cases/{case_a.id}/messages/")
    missing = client.get("/cases/999999/messages/")
    assert outside.status_code == missing.status_code == 404
    assert _without_tokens(outside.content) == _without_tokens(missing.content)
    assert client.post(f"/cases/{case_a.id}/messages/", {"body": "x"}).status_code == 404
    assert client_for("ana").get(f"/cases/{case_a.id}/messages/").status_code == 404
    assert Message.objects.count() == 0


def test_it_refuses_a_signed_out_visitor(victim_case, client):
    response = client.get("/portal/messages/")
    assert response.status_code == 302
    assert client.post("/portal/messages/", {"body": "x"}).status_code == 302
    assert Message.objects.count() == 0
