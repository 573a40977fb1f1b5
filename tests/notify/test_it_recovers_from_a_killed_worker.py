"""A worker killed mid-send loses nothing and, where the transport can tell, duplicates
nothing: crashes between claim and send, and between send and marking it sent."""

from __future__ import annotations

import os
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from tests.notify.conftest import record
from tests.notify.fakes import COUNT_FILE_ENV, sends
from victimcare.cases.models import Event
from victimcare.notify import services
from victimcare.notify.models import MailboxItem, Status

pytestmark = pytest.mark.django_db


class Killed(BaseException):
    """Stands in for SIGKILL: not an Exception, so nothing catches it on the way out."""


def after_timeout(settings):
    return time_machine.travel(
        timezone.now() + timedelta(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS + 1), tick=False
    )


def test_it_sends_a_message_whose_worker_died_after_claiming_it(victim_case, personas, tuesday, settings):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.message_claim(msg.id, worker="killed-before-send")  # ...and then the process died
    assert services.outbox_drain() == []  # the claim is still fresh: nobody else sends
    with after_timeout(settings):
        services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED
    assert MailboxItem.objects.filter(message=msg).count() == 1


def test_it_sends_once_through_the_mailbox_when_killed_after_sending(
    victim_case, personas, tuesday, settings
):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    with mock.patch.object(services, "_record_success", side_effect=Killed), pytest.raises(Killed):
        services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.SENDING  # sent, but never marked
    with after_timeout(settings):
        services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED and msg.attempts == 2
    assert MailboxItem.objects.filter(message=msg).count() == 1  # found, not sent again
    assert Event.objects.filter(case=victim_case, type="victim_informed").count() == 1


def test_it_sends_at_least_once_where_the_transport_cannot_tell(
    victim_case, personas, tuesday, settings, tmp_path
):
    """SMTP-like transports cannot be asked whether an earlier attempt got through: a crash after
    the send and before marking it means a second copy (docs/adr/0013), never a lost message."""
    settings.NOTIFY_TRANSPORT = "counting"
    os.environ[COUNT_FILE_ENV] = str(tmp_path / "sends.txt")
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    with mock.patch.object(services, "_record_success", side_effect=Killed), pytest.raises(Killed):
        services.outbox_drain()
    with after_timeout(settings):
        services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED
    assert sends(os.environ[COUNT_FILE_ENV]) == [msg.id, msg.id]
    assert Event.objects.filter(case=victim_case, type="victim_informed").count() == 1
