"""Done when: recording an arrest on a case whose victim opted in to email updates sends a
plain-English email (visible in the demo mailbox) and marks Right 6 met."""

from __future__ import annotations

import pytest

from victimcare.cases.models import Event
from victimcare.notify.models import MailboxItem, OutboundMessage, Status
from victimcare.rights.models import Entitlement

pytestmark = pytest.mark.django_db


def post_arrest(client, case):
    return client.post(
        f"/cases/{case.id}/events/new/?type=suspect_arrested",
        {
            "occurred_on_day": "7",
            "occurred_on_month": "4",
            "occurred_on_year": "2026",
            "occurred_time": "09:00",
        },
    )


def test_it_emails_the_victim_and_meets_right_6(
    client_for, victim_case, tuesday, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = post_arrest(client_for("olly"), victim_case)
    assert r.status_code == 302

    msg = OutboundMessage.objects.get(case=victim_case, template="suspect_arrested")
    assert msg.status == Status.DELIVERED and msg.channel == "email" and msg.to_address == "jane@example.com"
    assert msg.attempts == 1 and msg.transport == "mailbox"
    item = MailboxItem.objects.get(message=msg)
    assert item.subject == "An update about your crime report DU/00100/26"
    assert item.body.startswith("Dear Jane,\n\nThe police have arrested someone")

    informed = Event.objects.get(case=victim_case, type="victim_informed")
    assert informed.about.type == "suspect_arrested" and informed.actor_label == "Automatic update"
    assert informed.payload["channel"] == "email"
    msg.refresh_from_db()
    assert msg.informed_event_id == informed.id
    right6 = Entitlement.objects.get(case=victim_case, rule="R6_ARREST")
    assert right6.status == "met" and right6.fulfilled_by_id == informed.id


def test_it_shows_the_email_in_the_demo_mailbox(
    client_for, victim_case, tuesday, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_arrest(client_for("olly"), victim_case)
    page = client_for("cara").get("/messages/mailbox/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "An update about your crime report DU/00100/26" in text
    assert "jane@example.com" in text
    # Someone who cannot see the case does not see its messages.
    assert "DU/00100/26" not in client_for("cole").get("/messages/mailbox/").content.decode()


def test_it_shows_the_message_on_the_case(
    client_for, victim_case, tuesday, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_arrest(client_for("olly"), victim_case)
    page = client_for("cara").get(f"/messages/cases/{victim_case.id}/")
    assert page.status_code == 200
    assert "Suspect arrested" in page.content.decode() and "Delivered" in page.content.decode()


def test_it_sends_nothing_when_the_victim_did_not_opt_in(
    client_for, victim_case_factory, tuesday, django_capture_on_commit_callbacks
):
    vcase = victim_case_factory(reference="DU/00101/26", opt_in=False)
    with django_capture_on_commit_callbacks(execute=True):
        post_arrest(client_for("olly"), vcase)
    assert not OutboundMessage.objects.filter(case=vcase).exists()
    # The obligation stays open, so it is in the officer's work queue.
    assert Entitlement.objects.get(case=vcase, rule="R6_ARREST").status == "pending"
    assert "Tell the victim a suspect was arrested" in client_for("olly").get("/work/").content.decode()


def test_it_writes_the_update_in_welsh_for_a_welsh_speaker(
    victim_case_factory, personas, tuesday, django_capture_on_commit_callbacks
):
    from tests.notify.conftest import record

    vcase = victim_case_factory(reference="DU/00102/26", language="cy")
    with django_capture_on_commit_callbacks(execute=True):
        msg = record(vcase, "suspect_arrested", personas["olly"])
    assert msg is not None and msg.language == "cy"
    assert MailboxItem.objects.get(message=msg).body.startswith("Annwyl Jane,")
