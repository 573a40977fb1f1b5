"""Row claiming: one worker wins each message; a claim older than the timeout can be taken over
(a dead worker's). These run on either database; test_it_never_sends_twice_under_load.py runs
real concurrent workers against PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.notify.conftest import record
from victimcare.notify import services
from victimcare.notify.models import Status

pytestmark = pytest.mark.django_db


def test_it_lets_only_one_worker_claim_a_message(victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    first = services.message_claim(msg.id, worker="worker-a")
    second = services.message_claim(msg.id, worker="worker-b")
    assert first is not None and second is None
    msg.refresh_from_db()
    assert msg.status == Status.SENDING and msg.claimed_by == first and msg.attempts == 1


def test_it_claims_a_batch_without_the_rows_another_worker_holds(victim_case_factory, personas, tuesday):
    messages = [
        record(victim_case_factory(reference=f"DU/0030{i}/26"), "suspect_arrested", personas["olly"])
        for i in range(3)
    ]
    services.message_claim(messages[0].id, worker="worker-a")
    batch = services.outbox_claim_batch(worker="worker-b", limit=10)
    assert [mid for mid, _ in batch] == [messages[1].id, messages[2].id]
    assert services.outbox_claim_batch(worker="worker-c", limit=10) == []


def test_it_does_not_claim_a_message_before_it_is_due(victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    type(msg).objects.filter(pk=msg.pk).update(not_before=timezone.now() + timedelta(minutes=5))
    assert services.message_claim(msg.id, worker="w") is None


def test_it_takes_over_a_claim_older_than_the_timeout(victim_case, personas, tuesday, settings):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    dead = services.message_claim(msg.id, worker="dead-worker")
    assert services.message_claim(msg.id, worker="live-worker") is None  # still fresh
    later = timezone.now() + timedelta(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        taken = services.message_claim(msg.id, worker="live-worker")
    assert taken is not None and taken != dead
    msg.refresh_from_db()
    assert msg.attempts == 2
