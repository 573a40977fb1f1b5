"""Safe contact is enforced by the outbox for every message, not left to the sender: a blocked
message is held with its reason shown to staff, and is never sent."""

from __future__ import annotations

from datetime import time

import pytest
import time_machine

from tests.factories import local
from tests.notify.conftest import record
from victimcare.notify import services
from victimcare.notify.models import MailboxItem, NotificationPreference, OutboundMessage, Status
from victimcare.people.services import person_update

pytestmark = pytest.mark.django_db


def test_it_never_texts_a_victim_who_refused_texts(
    victim_case_factory, personas, tuesday, django_capture_on_commit_callbacks
):
    # She chose text messages once, then said no more texts (only email is allowed now).
    vcase = victim_case_factory(reference="DU/00200/26", preferred="sms")
    person_update(actor=personas["cara"], person=vcase.person, data={"allowed_channels": ["email"]})
    with django_capture_on_commit_callbacks(execute=True):
        msg = record(vcase, "suspect_charged", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.HELD
    assert msg.hold_reason == "The victim has not agreed to contact by text message"
    assert not MailboxItem.objects.exists()


def test_it_shows_the_reason_a_message_is_held_on_the_case_and_messages_pages(
    client_for, victim_case_factory, personas, tuesday
):
    # She opted in, and later her email was marked unsafe (the opt-in form would refuse it now).
    vcase = victim_case_factory(
        reference="DU/00201/26", email_unsafe=True, allowed_channels=["email"], opt_in=False
    )
    NotificationPreference.objects.create(
        person=vcase.person, organisation_id=vcase.organisation_id, automatic_updates=True
    )
    msg = record(vcase, "suspect_arrested", personas["olly"])
    assert msg.status == Status.HELD
    page = client_for("cara").get(f"/messages/cases/{vcase.id}/").content.decode()
    assert "The victim&#x27;s email address is marked unsafe to use" in page
    attention = client_for("cara").get("/messages/").content.decode()
    assert "DU/00201/26" in attention and "marked unsafe to use" in attention


def test_it_rechecks_the_rules_just_before_sending(victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    assert msg.status == Status.QUEUED
    # Between writing and sending, the victim says her email is no longer safe.
    person_update(actor=personas["cara"], person=victim_case.person, data={"email_unsafe": True})
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.HELD and "marked unsafe" in msg.hold_reason
    assert not MailboxItem.objects.exists()


def test_it_waits_for_the_safe_time_then_sends(victim_case_factory, personas):
    with time_machine.travel(local(2026, 4, 7, 10, 0), tick=False):
        vcase = victim_case_factory(
            reference="DU/00202/26", safe_time_from=time(18, 0), safe_time_to=time(20, 0)
        )
        msg = record(vcase, "suspect_arrested", personas["olly"])
        assert msg.status == Status.QUEUED and msg.not_before == local(2026, 4, 7, 18, 0)
        assert "safe time (18:00 to 20:00)" in msg.hold_reason
        services.outbox_drain()
        msg.refresh_from_db()
        assert msg.status == Status.QUEUED  # not yet
    with time_machine.travel(local(2026, 4, 7, 18, 1), tick=False):
        services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED
    assert MailboxItem.objects.filter(message=msg).count() == 1


def test_it_uses_a_neutral_sender_and_words_in_discreet_mode(victim_case_factory, personas, tuesday):
    vcase = victim_case_factory(reference="DU/00203/26", discreet=True)
    msg = record(vcase, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    item = MailboxItem.objects.get(message=msg)
    assert item.sender_name == "Notifications"
    assert item.subject == "You have a new message"
    assert "police" not in item.body.lower() and "DU/00203/26" not in item.body


def test_it_turns_a_queued_message_discreet_if_discreet_mode_is_switched_on(victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    NotificationPreference.objects.filter(person=victim_case.person).update(discreet=True)
    services.outbox_drain()
    item = MailboxItem.objects.get(message=msg)
    assert item.subject == "You have a new message" and item.sender_name == "Notifications"


def test_it_holds_a_letter_where_letters_are_refused(victim_case_factory, personas, tuesday):
    vcase = victim_case_factory(
        reference="DU/00204/26",
        allowed_channels=["letter"],
        address="1 High Street",
        postcode="DH1 1AA",
        no_letters=True,
        opt_in=False,
    )
    NotificationPreference.objects.create(
        person=vcase.person, organisation_id=vcase.organisation_id, automatic_updates=True
    )
    msg = record(
        vcase, "hearing_listed", personas["olly"], hearing_date="2026-06-02", court="Durham Crown Court"
    )
    assert msg.status == Status.HELD and msg.hold_reason == "The victim does not want letters"


def test_it_refuses_to_opt_in_a_victim_with_no_safe_way_to_send(victim_case_factory, personas):
    vcase = victim_case_factory(reference="DU/00205/26", allowed_channels=["phone"], opt_in=False)
    with pytest.raises(services.NotifyError, match="has not agreed to email, text messages or letters"):
        services.notification_preference_set(
            actor=personas["cara"],
            person=vcase.person,
            automatic_updates=True,
            preferred_channel="",
            discreet=False,
        )
    assert not OutboundMessage.objects.exists()
