"""Staff reply on the case; the victim is told there is a new message by their own channel and
rules (never its words), sees the reply in the portal, and their look marks it read."""

from __future__ import annotations

import pytest

from victimcare.audit.models import Action, AuditEvent
from victimcare.messaging.models import Message, Sender
from victimcare.notify.models import Audience, NotificationPreference, OutboundMessage, Status
from victimcare.portal.models import AccountRole

pytestmark = pytest.mark.django_db

REPLY = "Thank you. I have asked the officer to visit you today."


def test_it_sends_the_reply_and_tells_the_victim(
    victim_case, portal_account, portal_client, client_for, personas
):
    account = portal_account(victim_case)
    portal_client(account).post("/portal/messages/", {"body": "Can someone call me?"})
    response = client_for("cara").post(f"/cases/{victim_case.id}/messages/", {"body": REPLY})
    assert response.status_code == 302
    reply = Message.objects.get(sender=Sender.STAFF)
    assert reply.sender_user == personas["cara"] and reply.body == REPLY
    assert Message.objects.get(sender=Sender.VICTIM).read_at is not None  # replying means reading
    told = OutboundMessage.objects.get(audience=Audience.VICTIM)
    assert told.template == "message_received" and told.person == victim_case.person
    assert told.channel == "email" and told.status == Status.QUEUED
    assert REPLY not in told.body and "new message" in told.body
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="message", actor=personas["cara"]
    ).exists()


def test_it_shows_the_reply_to_the_victim_and_marks_it_read(
    victim_case, portal_account, portal_client, client_for
):
    client = portal_client(portal_account(victim_case))
    client_for("cara").post(f"/cases/{victim_case.id}/messages/", {"body": REPLY})
    page = client.get("/portal/messages/").content.decode()
    assert REPLY in page and "Cara Walsh" in page
    assert Message.objects.get().read_at is not None
    assert AuditEvent.objects.filter(detail="portal: messages", case=victim_case).exists()


def test_it_tells_the_victim_discreetly_when_they_asked_for_that(victim_case, portal_account, client_for):
    portal_account(victim_case)
    NotificationPreference.objects.create(
        person=victim_case.person, organisation_id=victim_case.organisation_id, discreet=True
    )
    client_for("cara").post(f"/cases/{victim_case.id}/messages/", {"body": REPLY})
    told = OutboundMessage.objects.get(audience=Audience.VICTIM)
    assert told.discreet and "crime" not in told.body.lower()


def test_it_holds_the_notice_when_the_victim_agreed_no_channel(case_b, portal_account, client_for):
    portal_account(case_b)  # Tom Baker: no channels agreed
    client_for("cole").post(f"/cases/{case_b.id}/messages/", {"body": REPLY})
    told = OutboundMessage.objects.get(audience=Audience.VICTIM)
    assert told.status == Status.HELD and "has not agreed" in told.hold_reason


def test_it_tells_a_child_victims_parent_not_the_child(victim_case, portal_account, client_for, personas):
    from tests.factories import make_person

    parent = make_person(
        personas["cara"],
        first_name="Ann",
        last_name="Smith",
        email="ann@example.com",
        allowed_channels=["email"],
    )
    portal_account(victim_case, role=AccountRole.PARENT, person=parent)
    client_for("cara").post(f"/cases/{victim_case.id}/messages/", {"body": REPLY})
    told = OutboundMessage.objects.get(audience=Audience.VICTIM)
    assert told.person == parent and told.to_address == "ann@example.com"
