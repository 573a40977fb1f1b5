"""A message being written when the portal session times out is not lost (issue 14, item 5):
posted after the time-out it is kept on the server for the account, never sent by itself, and
offered back in the form when the same account signs in again. "Exit this page" deletes it.
Nothing is kept in the browser (docs/adr/0058)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.messaging.conftest import make_account
from victimcare.audit.models import AuditEvent
from victimcare.messaging.models import Message
from victimcare.portal.drafts import kept_drafts_prune
from victimcare.portal.models import KeptDraft

from .conftest import portal_sign_in, victim_case

TEXT = "The man from the trial has been outside my house again\nand I want to tell you before Friday."


def _idle_for(client: Client, minutes: float) -> None:
    session = client.session
    session["portal:seen"] = time.time() - minutes * 60
    session.save()


def test_it_keeps_a_message_posted_after_the_timeout_and_offers_it_back_at_sign_in(
    client, jane_case, settings
):
    portal_sign_in(client, "DU/00500/26", "jane@example.com")
    assert client.get("/portal/messages/").status_code == 200
    _idle_for(client, settings.PORTAL_IDLE_MINUTES + 1)

    response = client.post("/portal/messages/", {"body": TEXT})

    assert response.status_code == 302 and response["Location"] == "/portal/sign-in/"
    assert not Message.objects.filter(case=jane_case).exists()  # kept, not sent
    draft = KeptDraft.objects.get()
    assert draft.body == TEXT and draft.case == jane_case and draft.page == "messages"
    assert AuditEvent.objects.filter(detail="portal: messages kept when the session timed out").count() == 1
    sign_in_page = client.get("/portal/sign-in/").content.decode()
    assert "the message you were writing has been kept. It has not been sent." in sign_in_page

    signed_in = portal_sign_in(client, "DU/00500/26", "jane@example.com")

    assert signed_in["Location"] == "/portal/messages/"  # straight back to the kept message
    page = client.get("/portal/messages/").content.decode()
    assert "We kept the message you were writing when you were signed out" in page
    assert "The man from the trial has been outside my house again" in page
    sent = client.post("/portal/messages/", {"body": TEXT})
    assert sent.status_code == 302
    assert Message.objects.get(case=jane_case).body == TEXT
    assert not KeptDraft.objects.exists()  # sent once, no longer offered
    assert "We kept the message" not in client.get("/portal/messages/").content.decode()


def test_it_keeps_the_message_when_the_warning_runs_out_even_a_second_early(client, jane_case):
    """The warning's script posts the form with timed_out=1 when the time is up: kept, not sent,
    and the session ends, whatever the server's clock says."""
    portal_sign_in(client, "DU/00500/26", "jane@example.com")

    response = client.post("/portal/messages/", {"body": TEXT, "timed_out": "1"})

    assert response["Location"] == "/portal/sign-in/"
    assert KeptDraft.objects.get().body == TEXT
    assert not Message.objects.exists()
    assert client.get("/portal/")["Location"] == "/portal/sign-in/"


def test_the_stay_signed_in_button_extends_the_session(client, jane_case, settings):
    portal_sign_in(client, "DU/00500/26", "jane@example.com")
    _idle_for(client, settings.PORTAL_IDLE_MINUTES - 1)

    answer = client.post("/portal/session/extend/", {}, headers={"Accept": "application/json"})

    assert answer.status_code == 200
    assert answer.json()["seconds_left"] > (settings.PORTAL_IDLE_MINUTES * 60) - 5
    plain = client.post("/portal/session/extend/", {"next": "/portal/messages/"})
    assert plain.status_code == 302 and plain["Location"] == "/portal/messages/"
    _idle_for(client, settings.PORTAL_IDLE_MINUTES + 1)
    late = client.post("/portal/session/extend/", {}, headers={"Accept": "application/json"})
    assert late.status_code == 302 and late["Location"] == "/portal/sign-in/"  # too late: no extending


def test_another_account_signing_in_on_the_same_browser_is_not_offered_it(
    client, personas, jane_case, settings
):
    other = victim_case(personas, reference="DU/00501/26", email="kim@example.com", first_name="Kim")
    make_account(other)
    portal_sign_in(client, "DU/00500/26", "jane@example.com")
    _idle_for(client, settings.PORTAL_IDLE_MINUTES + 1)
    client.post("/portal/messages/", {"body": TEXT})

    signed_in = portal_sign_in(client, "DU/00501/26", "kim@example.com")

    assert signed_in["Location"] == "/portal/"
    assert "outside my house" not in client.get("/portal/messages/").content.decode()
    assert KeptDraft.objects.get().account.case == jane_case


def test_exit_this_page_deletes_a_kept_message(client, jane_case, settings):
    portal_sign_in(client, "DU/00500/26", "jane@example.com")
    _idle_for(client, settings.PORTAL_IDLE_MINUTES + 1)
    client.post("/portal/messages/", {"body": TEXT})
    assert KeptDraft.objects.exists()

    client.get("/portal/exit/")

    assert not KeptDraft.objects.exists()
    assert "has been kept" not in client.get("/portal/sign-in/").content.decode()
    signed_in = portal_sign_in(client, "DU/00500/26", "jane@example.com")
    assert signed_in["Location"] == "/portal/"


def test_the_victim_can_delete_a_kept_message(client, jane_case, settings):
    portal_sign_in(client, "DU/00500/26", "jane@example.com")
    _idle_for(client, settings.PORTAL_IDLE_MINUTES + 1)
    client.post("/portal/messages/", {"body": TEXT})
    portal_sign_in(client, "DU/00500/26", "jane@example.com")

    client.post("/portal/messages/", {"body": TEXT, "action": "discard"})

    assert not KeptDraft.objects.exists() and not Message.objects.exists()


def test_a_post_with_no_session_at_all_still_goes_to_sign_in_and_keeps_nothing(db):
    response = Client().post("/portal/messages/", {"body": TEXT})
    assert response["Location"] == "/portal/sign-in/"
    assert not KeptDraft.objects.exists()


@pytest.mark.django_db
def test_old_kept_messages_are_deleted(client, jane_case, settings):
    portal_sign_in(client, "DU/00500/26", "jane@example.com")
    _idle_for(client, settings.PORTAL_IDLE_MINUTES + 1)
    client.post("/portal/messages/", {"body": TEXT})
    KeptDraft.objects.update(kept_at=timezone.now() - timedelta(hours=settings.PORTAL_DRAFT_HOURS + 1))

    assert kept_drafts_prune() == 1
    assert not KeptDraft.objects.exists()
