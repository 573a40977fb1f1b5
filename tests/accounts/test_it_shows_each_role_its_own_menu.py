"""The staff menu offers each role the pages it can use, and staff land where their work is."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import local
from victimcare.messaging.services import message_send_from_victim

pytestmark = pytest.mark.django_db


def _menu(client) -> dict[str, str]:
    return {item["text"]: item["href"] for item in client.get("/cases/search/").context["nav_items"]}


def _provider_menu(client) -> dict[str, str]:
    return {item["text"]: item["href"] for item in client.get("/provider/").context["nav_items"]}


def test_it_offers_caseworkers_their_casework_pages(client_for):
    menu = _menu(client_for("cara"))
    assert {"Caseload", "Work queue", "Inbox", "Services", "MARAC", "Orders ending soon"} <= set(menu)
    assert not {"Compliance", "Feedback", "Response times", "Referrals", "Audit"} & set(menu)


def test_it_offers_victim_care_supervisors_the_figures(client_for):
    menu = _menu(client_for("sue"))
    assert {"Compliance", "Feedback", "Response times"} <= set(menu)


def test_it_offers_provider_staff_only_their_referrals(client_for):
    client = client_for("pat")
    assert client.get("/").url == reverse("support:provider_list")
    assert set(_provider_menu(client)) <= {"Referrals", "Mailbox (demo)"}
    assert "Referrals" in _provider_menu(client)


def test_it_counts_unread_victim_messages_in_the_menu(client_for, case_a):
    message_send_from_victim(
        case=case_a, body="Can you call me after 5pm?", sender_label="Jane", now=local(2026, 3, 2, 9, 0)
    )
    assert "Inbox (1 unread)" in _menu(client_for("cara"))
    assert "Inbox" in _menu(client_for("cole"))  # not a case cole can see: no count
