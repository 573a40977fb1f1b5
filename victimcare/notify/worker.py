"""Keeping the job worker and the scheduler going (issue 14, item 7; docs/adr/0058).

- **The database restarting.** A query on a connection the server closed raises
  OperationalError or InterfaceError. `manage.py db_worker` (the library's worker, wrapped in
  management/commands/db_worker.py) and `manage.py notify_scheduler` catch those around each
  round, log a warning, close every connection (Django opens a new one on the next query) and
  carry on after a pause that doubles up to 30 seconds. A job that lost the connection part way
  is queued again, not marked failed: its transaction was rolled back, and every job here is
  safe to run twice (the outbox claims a message before sending it, docs/adr/0013).
- **A worker killed** (SIGKILL, out of memory, its machine gone). Each db_worker holds a lease
  (WorkerLease) that a thread of its own renews, even while a long job runs. A lease older than
  NOTIFY_LEASE_SECONDS is a dead worker's: `dead_workers_reclaim` (run by every live worker's
  lease thread and by every scheduler tick) queues again the jobs it left running, which the
  library never retries, and frees the outbox messages it had claimed at once, instead of after
  NOTIFY_CLAIM_TIMEOUT_SECONDS. A re-claimed message still asks its transport whether the first
  attempt got through (`find_previous`), so nothing the transport can answer is sent twice.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from victimcare.notify.models import OutboundMessage, Status, WorkerLease
from victimcare.notify.services import drain_outbox, worker_name

log = logging.getLogger(__name__)

CONNECTION_ERRORS = (OperationalError, InterfaceError)
MAX_PAUSE = 30.0


def connection_lost(err: BaseException) -> bool:
    """Whether `err` is the database going away (not a lock to wait for, not a bad query)."""
    if isinstance(err, InterfaceError):
        return True
    return isinstance(err, OperationalError) and not is_locked_database_exception(err)


def connections_reset() -> None:
    """Close this thread's database connections, dead or not: the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:  # closing a connection the server already dropped
            connection.connection = None


def next_pause(pause: float) -> float:
    return min(MAX_PAUSE, max(1.0, pause * 2))


def claim_prefix() -> str:
    """How this process's outbox claim tokens begin (services._token)."""
    return f"{worker_name()[:50]}:"


def lease_renew(worker_id: str, *, now: datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerLease.objects.filter(worker_id=worker_id).update(renewed_at=now)
    if not updated:
        WorkerLease.objects.update_or_create(
            worker_id=worker_id,
            defaults={"claim_prefix": claim_prefix(), "started_at": now, "renewed_at": now},
        )


def lease_end(worker_id: str) -> None:
    WorkerLease.objects.filter(worker_id=worker_id).delete()


@dataclass(frozen=True)
class Reclaimed:
    jobs: int
    messages: int


@transaction.atomic
def dead_workers_reclaim(*, now: datetime | None = None) -> Reclaimed:
    """Queue again the jobs that dead workers left running and free the messages they claimed.

    A worker is dead when its lease was last renewed more than NOTIFY_LEASE_SECONDS ago; a job
    running under a worker with no lease at all (one started before leases, or a lease already
    taken back) counts as a dead worker's once it has run that long. Each step is a conditional
    UPDATE, so two reclaimers, or the worker coming back to life, change nothing twice."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
    leases = list(WorkerLease.objects.select_for_update().all())
    live = {lease.worker_id for lease in leases if lease.renewed_at >= cutoff}
    dead = [lease for lease in leases if lease.renewed_at < cutoff]
    jobs = 0
    for job in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        last = job.worker_ids[-1] if job.worker_ids else ""
        if last in live or (job.started_at is not None and job.started_at >= cutoff):
            continue
        jobs += DBTaskResult.objects.filter(pk=job.pk, status="RUNNING").update(
            status="READY", started_at=None
        )
        log.warning("Job %s was left running by worker %s, which has stopped: queued again", job.pk, last)
    messages = 0
    for lease in dead:
        messages += OutboundMessage.objects.filter(
            status=Status.SENDING, claimed_by__startswith=lease.claim_prefix
        ).update(status=Status.QUEUED, not_before=now)
    if dead:
        log.warning(
            "Workers %s stopped renewing their leases: %s messages they had claimed are free to send",
            ", ".join(lease.worker_id for lease in dead),
            messages,
        )
        WorkerLease.objects.filter(pk__in=[lease.pk for lease in dead], renewed_at__lt=cutoff).delete()
    if messages:
        transaction.on_commit(_drain)
    return Reclaimed(jobs, messages)


def _drain() -> None:
    try:
        drain_outbox.enqueue()
    except DatabaseError:  # the scheduler's next tick finds them due anyway
        log.warning("Could not enqueue the outbox drain; the scheduler will send the messages")


class LeaseKeeper(threading.Thread):
    """Renews a worker's lease every NOTIFY_LEASE_RENEW_SECONDS and takes back what dead
    workers left, on its own database connection, until stopped."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"lease-{worker_id[:12]}", daemon=True)
        self.worker_id = worker_id
        self._stop_requested = threading.Event()

    def run(self) -> None:
        try:
            while not self._stop_requested.wait(settings.NOTIFY_LEASE_RENEW_SECONDS):
                self.tick()
        finally:
            connections.close_all()

    def tick(self) -> None:
        try:
            lease_renew(self.worker_id)
            dead_workers_reclaim()
        except DatabaseError as err:
            log.warning("Worker %s could not renew its lease (%s); trying again", self.worker_id, err)
            connections_reset()

    def stop(self) -> None:
        self._stop_requested.set()
