"""Bad input gets the GOV.UK error summary and keeps every word typed; nothing is stored."""

from __future__ import annotations

import pytest

from victimcare.messaging.models import Message

pytestmark = pytest.mark.django_db

TOO_LONG = "Word " * 401  # 2,005 characters


def test_it_refuses_an_empty_message_in_the_portal(victim_case, portal_account, portal_client):
    response = portal_client(portal_account(victim_case)).post("/portal/messages/", {"body": "   "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Enter your message" in page
    assert Message.objects.count() == 0


def test_it_refuses_a_message_over_the_limit_and_keeps_the_text(victim_case, portal_account, portal_client):
    response = portal_client(portal_account(victim_case)).post("/portal/messages/", {"body": TOO_LONG})
    page = response.content.decode()
    assert "must be 2,000 characters or fewer" in page
    assert TOO_LONG.strip() in page  # the textarea keeps what was typed
    assert "<title>Error: " in page
    assert Message.objects.count() == 0


def test_it_refuses_a_bad_reply_from_staff_and_keeps_the_text(victim_case, client_for):
    response = client_for("cara").post(f"/cases/{victim_case.id}/messages/", {"body": TOO_LONG})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and TOO_LONG.strip() in page
    assert Message.objects.count() == 0


def test_it_gives_the_error_in_welsh(victim_case, portal_account, portal_client):
    response = portal_client(portal_account(victim_case, language="cy")).post(
        "/portal/messages/", {"body": ""}
    )
    page = response.content.decode()
    assert "Enter your message" not in page and "Rhowch eich neges" in page
