"""`manage.py db_worker`: django-tasks-db's worker, made to survive the database restarting and to
take back what a dead worker left (docs/adr/0058; victimcare/notify/worker.py).

The library's worker re-raises any OperationalError but "database is locked", so a database
restart ends the process; a job whose connection dropped is marked failed (or, if even that
fails, left "running" for ever). This one:
- catches a lost connection around each round of the library's loop, logs a warning, closes the
  connections and carries on after a pause (1 s, doubling to 30 s);
- queues again, rather than fails, a job that lost the connection, once the database is back;
- holds a lease renewed by a thread of its own, and takes back the jobs and outbox claims of
  workers whose leases ran out.
The options are the library's. INSTALLED_APPS lists victimcare.notify before django_tasks_db,
so this command wins the name.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from victimcare.notify import worker as resilience

log = logging.getLogger("victimcare.notify.worker")


class ResilientWorker(db_worker.Worker):
    pause = 1.0

    def run(self) -> None:
        self._start_lease()
        keeper = resilience.LeaseKeeper(self.worker_id)
        keeper.start()
        try:
            while self.running:
                try:
                    self._requeue_own()
                    resilience.dead_workers_reclaim()  # a worker starting takes back what dead ones left
                    super().run()
                    return  # --batch or --max-tasks finished
                except resilience.CONNECTION_ERRORS as err:
                    if not resilience.connection_lost(err):
                        raise
                    self._lost(err)
        finally:
            keeper.stop()
            with contextlib.suppress(DatabaseError):  # if not, the lease runs out by itself
                resilience.lease_end(self.worker_id)

    def _start_lease(self) -> None:
        while True:
            try:
                resilience.lease_renew(self.worker_id)
                return
            except resilience.CONNECTION_ERRORS as err:
                self._lost(err)

    def _lost(self, err: BaseException) -> None:
        log.warning(
            "db_worker %s lost the database connection (%s: %s); reconnecting in %.0f s",
            self.worker_id,
            type(err).__name__,
            str(err).strip()[:200],
            self.pause,
        )
        resilience.connections_reset()
        time.sleep(self.pause)
        self.pause = resilience.next_pause(self.pause)

    def _requeue_own(self) -> None:
        """Queue again the job this worker was running when the connection went."""
        for job in DBTaskResult.objects.running().only("id", "worker_ids"):
            if job.worker_ids and job.worker_ids[-1] == self.worker_id:
                DBTaskResult.objects.filter(pk=job.pk, status="RUNNING").update(
                    status="READY", started_at=None
                )
                log.warning(
                    "db_worker %s: job %s lost the database connection: queued again", self.worker_id, job.pk
                )
        self.pause = 1.0

    def run_task(self, db_task_result: DBTaskResult) -> None:  # type: ignore[type-arg]
        """The library's run_task, but a job that lost the database connection is left running
        for `_requeue_own`, not marked failed: it did not fail, the database went away."""
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except resilience.CONNECTION_ERRORS as err:
            if resilience.connection_lost(err):
                raise
            self._failed(db_task_result, err)
        except BaseException as err:
            self._failed(db_task_result, err)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def _failed(self, db_task_result: DBTaskResult, err: BaseException) -> None:  # type: ignore[type-arg]
        db_task_result.set_failed(err)
        try:
            sender = type(db_task_result.task.get_backend())
            task_result = db_task_result.task_result
        except (ImportError, SuspiciousOperation):
            log.exception("Task id=%s failed unexpectedly", db_task_result.id)
        else:
            task_finished.send(sender=sender, task_result=task_result)


class Command(db_worker.Command):
    help = "Run the job worker: survives the database restarting, and takes back a dead worker's jobs."

    def handle(self, *args: Any, **options: Any) -> None:
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
