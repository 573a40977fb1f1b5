"""A victim writes to the staff on their case: the message is stored on their case only, the
caseworker is emailed that it is waiting (never what it says), and the look at it is audited."""

from __future__ import annotations

import pytest

from victimcare.audit.models import Action, AuditEvent
from victimcare.messaging.models import Message, Sender
from victimcare.notify.models import Audience, OutboundMessage

pytestmark = pytest.mark.django_db

SECRET = "He came back last night and shouted at the door"


def test_it_stores_the_message_and_emails_the_caseworker(
    victim_case, portal_account, portal_client, personas
):
    account = portal_account(victim_case)
    response = portal_client(account).post("/portal/messages/", {"body": f"  {SECRET}  "})
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.case_id, message.sender, message.body) == (victim_case.id, Sender.VICTIM, SECRET)
    assert message.sender_user is None and message.sender_label == "Jane Smith (victim)"
    assert message.read_at is None
    email = OutboundMessage.objects.get(audience=Audience.STAFF)
    assert email.user == personas["cara"] and email.template == "victim_message_received"
    assert SECRET not in email.body and SECRET not in email.subject
    assert f"/cases/{victim_case.id}/messages/" in email.body
    created = AuditEvent.objects.get(action=Action.CREATE, object_type="message")
    assert created.actor is None and f"account {account.pk}" in created.actor_label
    assert created.person_id == victim_case.person_id


def test_it_emails_once_until_the_caseworker_reads_them(
    victim_case, portal_account, portal_client, client_for
):
    client = portal_client(portal_account(victim_case))
    client.post("/portal/messages/", {"body": "First"})
    client.post("/portal/messages/", {"body": "Second"})
    assert OutboundMessage.objects.filter(template="victim_message_received").count() == 1
    client_for("cara").get(f"/cases/{victim_case.id}/messages/")
    client.post("/portal/messages/", {"body": "Third"})
    assert OutboundMessage.objects.filter(template="victim_message_received").count() == 2


def test_it_shows_the_thread_to_staff_and_marks_it_read(
    victim_case, portal_account, portal_client, client_for, personas
):
    portal_client(portal_account(victim_case)).post("/portal/messages/", {"body": SECRET})
    response = client_for("cara").get(f"/cases/{victim_case.id}/messages/")
    assert response.status_code == 200
    page = response.content.decode()
    assert SECRET in page and "Jane Smith (victim)" in page and ">New<" in page
    message = Message.objects.get()
    assert message.read_at is not None and message.read_by == personas["cara"]
    view = AuditEvent.objects.get(action=Action.VIEW, detail="messages")
    assert view.actor == personas["cara"] and view.case_id == victim_case.id
    # Read now: no longer new on the next look.
    assert ">New<" not in client_for("cara").get(f"/cases/{victim_case.id}/messages/").content.decode()
