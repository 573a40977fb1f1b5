"""A job worker that was killed leaves nothing stuck (issue 14, "tasks left running by a killed
worker are never retried; stuck messages wait 5 minutes for the claim timeout"): once its lease
runs out (NOTIFY_LEASE_SECONDS), the jobs it left running are queued again and the messages it
had claimed are free to send at once; a live worker's are left alone (docs/adr/0058)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.notify.conftest import record
from victimcare.notify import services
from victimcare.notify.models import MailboxItem, Status, WorkerLease
from victimcare.notify.worker import LeaseKeeper, dead_workers_reclaim, lease_renew

from .test_it_survives_the_database_restarting import DATABASE_BACKEND, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def _left_running(
    job: DBTaskResult,  # type: ignore[type-arg]
    worker_id: str,
    started_ago: int,
) -> None:
    DBTaskResult.objects.filter(pk=job.pk).update(
        status="RUNNING", worker_ids=[worker_id], started_at=timezone.now() - timedelta(seconds=started_ago)
    )


def _lease(worker_id: str, prefix: str, renewed_ago: int) -> None:
    at = timezone.now() - timedelta(seconds=renewed_ago)
    WorkerLease.objects.create(worker_id=worker_id, claim_prefix=prefix, started_at=at, renewed_at=at)


def test_a_dead_workers_job_and_claimed_message_are_taken_back_and_sent(
    victim_case, personas, tuesday, settings
):
    settings.TASKS = DATABASE_BACKEND
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    job = DBTaskResult.objects.get()
    # The killed worker had started the job and claimed the message, a minute before its lease ran out.
    _lease("killed", "worker-host:4242:", renewed_ago=settings.NOTIFY_LEASE_SECONDS + 60)
    _left_running(job, "killed", started_ago=settings.NOTIFY_LEASE_SECONDS + 70)
    assert services.message_claim(msg.id, worker="worker-host:4242") is not None
    assert services.outbox_due() == 0  # the claim is fresh: the claim timeout alone would wait 5 minutes

    taken = dead_workers_reclaim()

    assert (taken.jobs, taken.messages) == (1, 1)
    job.refresh_from_db()
    msg.refresh_from_db()
    assert job.status == "READY" and msg.status == Status.QUEUED
    assert not WorkerLease.objects.filter(worker_id="killed").exists()
    run_worker()  # the job runs again (and the drain the reclaim queued)
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED and msg.attempts == 2
    assert MailboxItem.objects.filter(message=msg).count() == 1  # the mailbox was asked first


def test_a_live_workers_job_and_claims_are_left_alone(victim_case, personas, tuesday, settings):
    settings.TASKS = DATABASE_BACKEND
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    job = DBTaskResult.objects.get()
    _lease("alive", "worker-host:77:", renewed_ago=5)
    _left_running(job, "alive", started_ago=3600)  # a long job, but its worker is renewing its lease
    services.message_claim(msg.id, worker="worker-host:77")

    assert dead_workers_reclaim() == type(dead_workers_reclaim())(0, 0)

    job.refresh_from_db()
    msg.refresh_from_db()
    assert job.status == "RUNNING" and msg.status == Status.SENDING


def test_a_job_left_running_by_a_worker_without_a_lease_is_taken_back_once_it_is_old(
    victim_case, personas, tuesday, settings
):
    settings.TASKS = DATABASE_BACKEND
    record(victim_case, "suspect_arrested", personas["olly"])
    job = DBTaskResult.objects.get()
    _left_running(job, "from-before-leases", started_ago=10)
    assert dead_workers_reclaim().jobs == 0  # it may still be running
    _left_running(job, "from-before-leases", started_ago=settings.NOTIFY_LEASE_SECONDS + 1)
    assert dead_workers_reclaim().jobs == 1


def test_the_lease_keeper_renews_and_takes_back(victim_case, personas, settings):
    settings.TASKS = DATABASE_BACKEND
    record(victim_case, "suspect_arrested", personas["olly"])
    job = DBTaskResult.objects.get()
    _lease("killed", "worker-host:1:", renewed_ago=settings.NOTIFY_LEASE_SECONDS + 60)
    _left_running(job, "killed", started_ago=settings.NOTIFY_LEASE_SECONDS + 60)
    lease_renew("me")
    before = WorkerLease.objects.get(worker_id="me").renewed_at

    with time_machine.travel(timezone.now() + timedelta(seconds=20), tick=False):
        LeaseKeeper("me").tick()

    assert WorkerLease.objects.get(worker_id="me").renewed_at > before
    job.refresh_from_db()
    assert job.status == "READY"


def test_the_scheduler_takes_back_a_dead_workers_messages(victim_case, personas, tuesday, settings):
    settings.TASKS = DATABASE_BACKEND
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    DBTaskResult.objects.all().delete()
    _lease("killed", "worker-host:9:", renewed_ago=settings.NOTIFY_LEASE_SECONDS + 1)
    services.message_claim(msg.id, worker="worker-host:9")
    out = StringIO()
    with mock.patch("time.sleep"):
        call_command("notify_scheduler", "--once", "--send", stdout=out)
    assert "Taken back from stopped workers: 0 jobs, 1 messages" in out.getvalue()
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED
