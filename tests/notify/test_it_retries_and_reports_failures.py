"""Temporary failures are retried with backoff; permanent ones are recorded on the message,
shown to staff and emailed to the caseworker, never swallowed."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.notify.conftest import record
from tests.notify.fakes import ScriptedTransport
from victimcare.notify import services
from victimcare.notify.models import OutboundMessage, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def scripted(settings):
    settings.NOTIFY_EXTRA_TRANSPORTS = {"scripted": "tests.notify.fakes.ScriptedTransport"}
    settings.NOTIFY_TRANSPORT = "scripted"
    ScriptedTransport.script, ScriptedTransport.sent = [], []
    return ScriptedTransport


def test_it_retries_a_temporary_failure_with_backoff(victim_case, personas, tuesday, scripted):
    scripted.script = ["temporary", "temporary", "ok"]
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.QUEUED and msg.attempts == 1
    assert msg.not_before == timezone.now() + timedelta(minutes=1)
    assert msg.last_error == "The provider is not answering (test)"
    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False):
        services.outbox_drain()
        msg.refresh_from_db()
        assert msg.not_before == timezone.now() + timedelta(minutes=2)  # doubled
    with time_machine.travel(timezone.now() + timedelta(minutes=3), tick=False):
        services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED and msg.attempts == 3 and len(msg.errors) == 2


def test_it_gives_up_after_the_last_attempt(victim_case, personas, tuesday, scripted, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 2
    scripted.script = ["temporary", "temporary"]
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False):
        services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.FAILED and "gave up after 2 attempts" in msg.last_error


def test_it_records_a_provider_error_and_tells_the_caseworker(
    client_for, victim_case, personas, tuesday, scripted
):
    scripted.script = ["permanent"]
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.FAILED
    assert msg.last_error == "GOV.UK Notify said 400: phone_number Not a UK mobile number"
    alert = OutboundMessage.objects.get(template="message_failed")
    assert alert.user == personas["cara"] and "Not a UK mobile number" in alert.body
    page = client_for("cara").get(f"/messages/cases/{victim_case.id}/").content.decode()
    assert "Not a UK mobile number" in page and "Failed" in page
    case_page = client_for("cara").get(f"/messages/cases/{victim_case.id}/")
    assert case_page.status_code == 200


def test_it_sends_a_failed_message_again_when_staff_ask(
    client_for, victim_case, personas, tuesday, scripted, django_capture_on_commit_callbacks
):
    scripted.script = ["permanent"]
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    with django_capture_on_commit_callbacks(execute=True):
        r = client_for("cara").post(f"/messages/cases/{victim_case.id}/{msg.id}/retry/")
    assert r.status_code == 302
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED and msg.attempts == 2


def test_it_holds_a_staff_reminder_with_no_email_address(personas, victim_case, tuesday):
    cara = personas["cara"]
    cara.email = ""
    cara.save()
    msg = services.message_write(
        audience="staff", organisation_id=victim_case.organisation_id, user=cara, case=victim_case,
        channel="email", template="reminder_overdue",
        context={"title": "x", "crime_reference": "DU/1", "due": "today", "case_url": "u"},
    )  # fmt: skip
    assert (
        msg.status == Status.HELD and msg.hold_reason == "There is no email address for this member of staff"
    )
