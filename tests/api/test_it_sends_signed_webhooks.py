"""Webhooks: a partner subscribed to events hears of each one on a case it may see (ids only),
signed with its secret; a failed delivery is retried with backoff and then given up; a partner
is never told of a case outside its scope; a provider hears of referrals sent to it."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from unittest import mock

import pytest
from django.test import override_settings

from tests.api.conftest import make_partner
from tests.factories import local
from victimcare.api.models import WebhookDelivery
from victimcare.api.services import webhook_subscribe
from victimcare.api.webhooks import webhook_deliver, webhook_deliveries_drain
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db


class FakeResponse:
    def __init__(self, status: int) -> None:
        self.status_code, self.ok = status, 200 <= status < 300


@pytest.fixture
def force_hook(personas):
    partner = make_partner("force")
    sub, secret = webhook_subscribe(
        actor=personas["adam"],
        client=partner.client,
        url="https://force.example/hooks",
        kinds=("event.recorded",),
    )
    return sub, secret


def _arrest(personas: Any, case: Any) -> Any:
    return event_record(
        actor=personas["olly"], case=case, type="suspect_arrested", occurred_at=local(2026, 11, 23, 10)
    )


def test_it_sends_a_signed_notice_of_an_event(
    personas, case_a, force_hook, django_capture_on_commit_callbacks
):
    sub, secret = force_hook
    with mock.patch("victimcare.api.webhooks.requests.post", return_value=FakeResponse(204)) as post:
        with django_capture_on_commit_callbacks(execute=False):
            event = _arrest(personas, case_a)
        delivery = WebhookDelivery.objects.get(subscription=sub)
        assert webhook_deliver(delivery.pk) == "delivered"
    url, kwargs = post.call_args.args[0], post.call_args.kwargs
    assert url == "https://force.example/hooks"
    body = json.loads(kwargs["data"])
    assert body == {
        "kind": "event.recorded",
        "case": case_a.id,
        "event": event.id,
        "event_type": "suspect_arrested",
        "occurred_at": body["occurred_at"],
        "timeline": f"/api/v1/cases/{case_a.id}/events/",
    }
    assert "Smith" not in kwargs["data"].decode()  # ids only: the partner reads the rest through the API
    stamp, mac = (part.split("=", 1)[1] for part in kwargs["headers"]["Victimcare-Signature"].split(","))
    expected = hmac.new(secret.encode(), f"{stamp}.".encode() + kwargs["data"], hashlib.sha256).hexdigest()
    assert hmac.compare_digest(mac, expected)
    assert kwargs["headers"]["Victimcare-Delivery"] == str(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.response_status == 204


def test_it_does_not_tell_a_partner_of_a_case_outside_its_scope(personas, case_other, force_hook):
    event_record(
        actor=personas["otto"], case=case_other, type="suspect_arrested", occurred_at=local(2026, 11, 23, 10)
    )
    assert not WebhookDelivery.objects.exists()


@override_settings(NOTIFY_MAX_ATTEMPTS=2)
def test_it_retries_with_backoff_then_gives_up(personas, case_a, force_hook, time_machine):
    time_machine.move_to("2026-11-23 12:00Z", tick=False)
    _arrest(personas, case_a)
    delivery = WebhookDelivery.objects.get()
    with mock.patch("victimcare.api.webhooks.requests.post", return_value=FakeResponse(503)):
        assert webhook_deliver(delivery.pk) == "queued"
        assert webhook_deliveries_drain() == 0  # not due yet: a minute's backoff
        time_machine.move_to("2026-11-23 12:01:01Z", tick=False)
        webhook_deliveries_drain()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("failed", 2, "HTTP 503")


def test_it_never_sends_one_try_twice(personas, case_a, force_hook):
    _arrest(personas, case_a)
    delivery = WebhookDelivery.objects.get()
    with mock.patch("victimcare.api.webhooks.requests.post", return_value=FakeResponse(200)) as post:
        assert webhook_deliver(delivery.pk) == "delivered"
        assert webhook_deliver(delivery.pk) == "claimed elsewhere"
    assert post.call_count == 1


def test_it_tells_a_provider_of_a_referral_sent_to_it(personas, sent_referral_hooked):
    delivery = WebhookDelivery.objects.get(kind="referral.sent")
    assert delivery.body["referral"] == sent_referral_hooked.id


@pytest.fixture
def sent_referral_hooked(personas, case_a, django_capture_on_commit_callbacks):
    from tests.support.conftest import SENT, consented, load_directory
    from victimcare.support.demo_directory import HARBOUR
    from victimcare.support.services import referral_send

    provider = make_partner("provider")
    webhook_subscribe(
        actor="Test", client=provider.client, url="https://harbour.example/h", kinds=("referral.sent",)
    )
    referral = consented(personas["cara"], case_a, load_directory()[HARBOUR])
    with (
        django_capture_on_commit_callbacks(execute=True),
        mock.patch("victimcare.api.reactions.deliveries_enqueue"),
    ):
        return referral_send(actor=personas["cara"], referral=referral, occurred_at=SENT)
