"""A real `manage.py db_worker` process SIGKILLed inside a job (PostgreSQL): the job it left
running, which django-tasks-db never retries, is queued again and the ten messages it had
claimed are sent, each exactly once, by the next worker within seconds of the dead worker's
lease running out, not after the 5-minute claim timeout (docs/adr/0058)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.notify.fakes import sends
from victimcare.notify.models import OutboundMessage, Status, WorkerLease
from victimcare.notify.services import drain_outbox

from .test_it_never_sends_twice_under_load import ROOT, queue_messages, wait_for, worker_env

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"),
]

LEASE = {"NOTIFY_LEASE_SECONDS": "2", "NOTIFY_LEASE_RENEW_SECONDS": "1"}


def db_worker(env: dict[str, str], worker_id: str, *more: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--worker-id", worker_id, "--no-startup-delay",
         "--interval", "0.1", "--no-reload", *more],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def test_a_killed_workers_job_and_messages_are_taken_back_and_sent_once(
    victim_case, tmp_path: Path, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ids = queue_messages(victim_case, 10)
    job = drain_outbox.enqueue()
    env = worker_env(tmp_path, "counting", NOTIFY_COUNT_DELAY="60", **LEASE)  # hangs inside the first send
    doomed = db_worker(env, "doomed")
    wait_for(lambda: OutboundMessage.objects.filter(status=Status.SENDING).count() == 10)
    assert WorkerLease.objects.filter(worker_id="doomed").exists()
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=30)
    assert DBTaskResult.objects.get(pk=job.id).status == "RUNNING"  # left running: never retried before
    assert sends(env["NOTIFY_COUNT_FILE"]) == []

    time.sleep(2.5)  # the dead worker's lease runs out (NOTIFY_LEASE_SECONDS=2)
    started = time.monotonic()
    rescuer = db_worker(worker_env(tmp_path, "counting", **LEASE), "rescuer", "--batch")
    out, err = rescuer.communicate(timeout=120)
    assert rescuer.returncode == 0, err.decode() + out.decode()

    assert time.monotonic() - started < 60  # well inside the 300-second claim timeout
    counted = Counter(sends(env["NOTIFY_COUNT_FILE"]))
    assert sorted(counted) == sorted(ids) and set(counted.values()) == {1}
    assert set(OutboundMessage.objects.filter(id__in=ids).values_list("status", flat=True)) == {
        Status.DELIVERED
    }
    assert DBTaskResult.objects.get(pk=job.id).status == "SUCCESSFUL"
    assert "left running by worker doomed" in (out + err).decode()
