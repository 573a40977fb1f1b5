"""Reliability against PostgreSQL with real concurrency: two worker processes (and racing
threads) never send the same message twice, and a worker SIGKILLed mid-send loses nothing and
duplicates nothing once another worker takes its claims over.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres; skipped on SQLite, whose
in-memory test database other processes cannot see (the claim logic itself is covered on
SQLite by test_it_claims_each_message_once.py).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, connections
from django.utils import timezone

from tests.notify.fakes import sends
from victimcare.notify import services
from victimcare.notify.models import MailboxItem, OutboundMessage, Status

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"),
]
ROOT = Path(__file__).resolve().parents[2]


def queue_messages(case, n: int) -> list[int]:
    now = timezone.now()
    rows = [
        OutboundMessage(
            organisation_id=case.organisation_id, audience="victim", person_id=case.person_id, case=case,
            channel="email", template="suspect_arrested", sender_name="Victim care", to_address="jane@example.com",
            subject=f"Message {i}", body="Hello", status=Status.QUEUED, not_before=now,
        )
        for i in range(n)
    ]  # fmt: skip
    return [m.id for m in OutboundMessage.objects.bulk_create(rows)]


def worker_env(tmp_path: Path, transport: str, **extra: str) -> dict[str, str]:
    db = connection.settings_dict
    return {
        **os.environ,
        "SECRET_KEY": "test-only",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "NOTIFY_TRANSPORT": transport,
        "NOTIFY_EXTRA_TRANSPORTS": "counting=tests.notify.fakes.CountingTransport,hang=tests.notify.fakes.MailboxThenHang",
        "NOTIFY_COUNT_FILE": str(tmp_path / "sends.txt"),
        **extra,
    }


def start_worker(env: dict[str, str], name: str, limit: int = 5) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "notify_send", "--worker", name, "--limit", str(limit)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def test_it_never_sends_a_message_twice_with_two_worker_processes(victim_case, tmp_path):
    ids = queue_messages(victim_case, 300)
    env = worker_env(tmp_path, "counting")
    workers = [start_worker(env, "worker-1"), start_worker(env, "worker-2")]
    for w in workers:
        _, err = w.communicate(timeout=300)
        assert w.returncode == 0, err.decode()
    counted = Counter(sends(env["NOTIFY_COUNT_FILE"]))
    assert sorted(counted) == sorted(ids) and set(counted.values()) == {1}
    claimed_by = set(OutboundMessage.objects.filter(id__in=ids).values_list("status", flat=True))
    assert claimed_by == {Status.DELIVERED}


def test_it_never_sends_twice_when_threads_race_for_the_same_messages(victim_case, tmp_path, settings):
    settings.NOTIFY_TRANSPORT = "counting"
    os.environ["NOTIFY_COUNT_FILE"] = str(tmp_path / "sends.txt")
    ids = queue_messages(victim_case, 60)
    start = threading.Barrier(4)

    def race(seed: int) -> None:
        order = ids[:]
        random.Random(seed).shuffle(order)
        start.wait()
        try:
            for mid in order:
                services.message_deliver(mid, worker=f"thread-{seed}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(seed,)) for seed in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    counted = Counter(sends(os.environ["NOTIFY_COUNT_FILE"]))
    assert sorted(counted) == sorted(ids) and set(counted.values()) == {1}


def wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_it_loses_and_duplicates_nothing_when_a_worker_is_killed_after_sending(victim_case, tmp_path):
    """SIGKILL a worker after its transport has stored one message in the mailbox and before
    the row is marked; the rest of its batch is claimed but unsent. A second worker takes the
    stale claims over: it finds the stored one (not sent again) and sends the others."""
    ids = queue_messages(victim_case, 20)
    env = worker_env(tmp_path, "hang")
    doomed = start_worker(env, "doomed", limit=5)
    wait_for(lambda: len(sends(env["NOTIFY_COUNT_FILE"])) == 1)
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=30)
    assert OutboundMessage.objects.filter(status=Status.SENDING).count() == 5  # claimed, then killed

    time.sleep(1.2)
    rescue_env = worker_env(tmp_path, "mailbox", NOTIFY_CLAIM_TIMEOUT_SECONDS="1")
    rescuer = start_worker(rescue_env, "rescuer")
    _, err = rescuer.communicate(timeout=120)
    assert rescuer.returncode == 0, err.decode()

    assert set(OutboundMessage.objects.filter(id__in=ids).values_list("status", flat=True)) == {
        Status.DELIVERED
    }
    stored = Counter(MailboxItem.objects.values_list("message_id", flat=True))
    assert sorted(stored) == sorted(ids) and set(stored.values()) == {1}


def test_it_loses_nothing_when_a_worker_is_killed_between_claim_and_send(victim_case, tmp_path):
    ids = queue_messages(victim_case, 10)
    env = worker_env(tmp_path, "counting", NOTIFY_COUNT_DELAY="60")  # hangs inside the first send
    doomed = start_worker(env, "doomed", limit=10)
    wait_for(lambda: OutboundMessage.objects.filter(status=Status.SENDING).count() == 10)
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=30)
    assert sends(env["NOTIFY_COUNT_FILE"]) == []

    time.sleep(1.2)
    rescuer = start_worker(worker_env(tmp_path, "counting", NOTIFY_CLAIM_TIMEOUT_SECONDS="1"), "rescuer")
    _, err = rescuer.communicate(timeout=120)
    assert rescuer.returncode == 0, err.decode()
    counted = Counter(sends(env["NOTIFY_COUNT_FILE"]))
    assert sorted(counted) == sorted(ids) and set(counted.values()) == {1}
