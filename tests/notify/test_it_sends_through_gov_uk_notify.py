"""The Notify transport, with notifications-python-client pointed at a local fake Notify API
that checks the JWT and the JSON body; and Notify's delivery-status callbacks."""

from __future__ import annotations

import json
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from tests.notify.conftest import record, record_if_any
from tests.notify.notify_fake import API_KEY, FakeNotify
from victimcare.cases.models import Event
from victimcare.notify import services
from victimcare.notify.models import Status
from victimcare.rights.models import Entitlement

pytestmark = pytest.mark.django_db
TOKEN = "callback-secret-for-tests"


@pytest.fixture
def notify(settings):
    with FakeNotify() as fake:
        settings.NOTIFY_TRANSPORT = "notify"
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = fake.url
        settings.NOTIFY_EMAIL_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
        settings.NOTIFY_SMS_TEMPLATE_ID = "0bd3f3b6-5b6e-4bd1-b6e5-43a2ad1e3a42"
        settings.NOTIFY_LETTER_TEMPLATE_ID = "a9b2a3c6-4ec9-4d0c-9a8d-6f4e6d2f4b0f"
        settings.NOTIFY_CALLBACK_TOKEN = TOKEN
        yield fake


def callback(client, body, token=TOKEN):
    return client.post(
        "/messages/callbacks/notify/", json.dumps(body), content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )  # fmt: skip


def test_it_sends_an_email_with_our_reference_and_words(notify, victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    assert notify.errors == []
    (sent,) = notify.accepted
    assert sent["path"] == "/v2/notifications/email"
    assert sent["body"]["email_address"] == "jane@example.com"
    assert sent["body"]["template_id"] == "f33517ff-2a88-4f6e-b855-c550268ce08a"
    assert sent["body"]["reference"] == f"outbox-{msg.id}"
    assert sent["body"]["personalisation"]["subject"] == "An update about your crime report DU/00100/26"
    assert sent["body"]["personalisation"]["body"].startswith("Dear Jane,")
    msg.refresh_from_db()
    assert msg.status == Status.SENT and msg.provider_reference == sent["id"]
    # Not told until Notify says delivered.
    assert not Event.objects.filter(case=victim_case, type="victim_informed").exists()


def test_it_sends_a_text_message_and_a_letter(notify, victim_case_factory, personas, tuesday):
    texted = victim_case_factory(reference="DU/00500/26", preferred="sms")
    record_if_any(texted, "suspect_arrested", personas["olly"])
    posted = victim_case_factory(
        reference="DU/00501/26",
        allowed_channels=["letter"],
        address="1 High Street\nDurham",
        postcode="DH1 1AA",
    )
    record_if_any(posted, "suspect_charged", personas["olly"])
    services.outbox_drain()
    sms, letter = notify.accepted
    assert sms["body"]["phone_number"] == "07700900982" and "body" in sms["body"]["personalisation"]
    assert letter["path"] == "/v2/notifications/letter"
    assert letter["body"]["personalisation"]["address_line_1"] == "Jane Smith"
    assert letter["body"]["personalisation"]["address_line_4"] == "DH1 1AA"


def test_it_marks_right_6_met_when_notify_says_delivered(client, notify, victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    r = callback(
        client, {"id": msg.provider_reference, "reference": f"outbox-{msg.id}", "status": "delivered"}
    )
    assert r.status_code == 200
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED
    informed = Event.objects.get(case=victim_case, type="victim_informed")
    assert Entitlement.objects.get(case=victim_case, rule="R6_ARREST").fulfilled_by_id == informed.id
    # A repeated receipt changes nothing.
    callback(client, {"id": msg.provider_reference, "reference": f"outbox-{msg.id}", "status": "delivered"})
    assert Event.objects.filter(case=victim_case, type="victim_informed").count() == 1


def test_it_records_a_permanent_failure_from_a_callback(client, notify, victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    callback(
        client, {"id": msg.provider_reference, "reference": f"outbox-{msg.id}", "status": "permanent-failure"}
    )
    msg.refresh_from_db()
    assert msg.status == Status.FAILED and "does not exist or is not in use" in msg.last_error


def test_it_refuses_a_callback_without_the_token(client, notify, victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    assert (
        callback(client, {"reference": f"outbox-{msg.id}", "status": "delivered"}, token="wrong").status_code
        == 401
    )
    r = client.post("/messages/callbacks/notify/", "{}", content_type="application/json")
    assert r.status_code == 401
    msg.refresh_from_db()
    assert msg.status == Status.SENT


def test_it_refuses_a_callback_that_is_not_a_receipt(client, notify):
    assert callback(client, ["not", "a", "receipt"]).status_code == 400
    assert callback(client, {"reference": "outbox-1"}).status_code == 400
    assert callback(client, {"reference": "someone-else", "status": "delivered"}).status_code == 200


def test_it_records_notifys_validation_error_as_permanent(notify, victim_case, personas, tuesday):
    notify.fail_with = (
        400,
        {
            "status_code": 400,
            "errors": [{"error": "ValidationError", "message": "phone_number Not a UK mobile number"}],
        },
    )
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.FAILED
    assert msg.last_error == "GOV.UK Notify said 400: phone_number Not a UK mobile number"


def test_it_retries_when_notify_is_rate_limiting_or_down(notify, victim_case, personas, tuesday):
    notify.fail_with = (
        429,
        {"status_code": 429, "errors": [{"error": "RateLimitError", "message": "Exceeded rate limit"}]},
    )
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.QUEUED and "429" in msg.last_error


def test_it_does_not_send_twice_after_a_crash_once_notify_has_it(
    notify, victim_case, personas, tuesday, settings
):
    class Killed(BaseException):
        pass

    msg = record(victim_case, "suspect_arrested", personas["olly"])
    with mock.patch.object(services, "_record_success", side_effect=Killed), pytest.raises(Killed):
        services.outbox_drain()
    later = timezone.now() + timedelta(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        services.outbox_drain()
    assert len(notify.accepted) == 1  # found by its reference, not sent again
    msg.refresh_from_db()
    assert msg.status == Status.SENT and msg.provider_reference == notify.accepted[0]["id"]
