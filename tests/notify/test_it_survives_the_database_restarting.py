"""The job worker and the scheduler survive the database restarting (issue 14, item 7): the
connection is dropped under them (on PostgreSQL the server really ends it, as a restart does,
with pg_terminate_backend; on SQLite the query raises the OperationalError a dropped connection
raises), and each loop logs a warning, reconnects and carries on: the message is still sent, and
a job that lost the connection part way is queued again, not failed (docs/adr/0058)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any
from unittest import mock

import psycopg
import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from tests.notify.conftest import record
from victimcare.notify import reminders, services
from victimcare.notify.management.commands.db_worker import ResilientWorker
from victimcare.notify.models import MailboxItem, Status, WorkerLease

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def drop_the_connection() -> None:
    """What a database restart does to this process's connection."""
    if connection.vendor == "postgresql":
        pid = connection.cursor().connection.info.backend_pid
        params = connection.get_connection_params()
        with psycopg.connect(
            **{k: v for k, v in params.items() if k != "cursor_factory"}, autocommit=True
        ) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
    else:
        raise OperationalError("server closed the connection unexpectedly")


def once_after_dropping(original: Callable[..., Any]) -> Callable[..., Any]:
    """`original`, but the first call drops the connection first (and so fails)."""
    calls = {"n": 0}

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            drop_the_connection()
        return original(*args, **kwargs)

    return wrapped


def run_worker(worker_id: str = "test-worker") -> None:
    ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def no_pauses() -> Iterator[None]:
    with mock.patch("time.sleep"):
        yield


def test_the_worker_reconnects_when_the_connection_drops_between_jobs(
    victim_case, personas, tuesday, settings, caplog, no_pauses
):
    settings.TASKS = DATABASE_BACKEND
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    job = DBTaskResult.objects.get()
    original = DBTaskResultQuerySet.get_locked

    with (
        mock.patch.object(DBTaskResultQuerySet, "get_locked", once_after_dropping(original)),
        caplog.at_level(logging.WARNING),
    ):
        run_worker()

    assert "lost the database connection" in caplog.text
    job.refresh_from_db()
    msg.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert msg.status == Status.DELIVERED and MailboxItem.objects.filter(message=msg).count() == 1
    assert not WorkerLease.objects.exists()  # given back when the worker stopped


def test_a_job_that_loses_the_connection_is_queued_again_and_done(
    victim_case, personas, tuesday, settings, caplog, no_pauses
):
    settings.TASKS = DATABASE_BACKEND
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    job = DBTaskResult.objects.get()

    with (
        mock.patch.object(services, "message_deliver", once_after_dropping(services.message_deliver)),
        caplog.at_level(logging.WARNING),
    ):
        run_worker()

    assert "queued again" in caplog.text
    job.refresh_from_db()
    msg.refresh_from_db()
    assert job.status == "SUCCESSFUL" and job.worker_ids == ["test-worker", "test-worker"]
    assert msg.status == Status.DELIVERED and MailboxItem.objects.filter(message=msg).count() == 1


def test_the_scheduler_reconnects_and_the_next_tick_sends(victim_case, personas, tuesday, settings):
    settings.TASKS = DATABASE_BACKEND  # the message waits in the outbox for the scheduler's --send
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    out, err = StringIO(), StringIO()

    with (
        mock.patch.object(reminders, "reminders_send", once_after_dropping(reminders.reminders_send)),
        mock.patch("victimcare.notify.management.commands.notify_scheduler.time.sleep"),
    ):
        call_command("notify_scheduler", "--send", "--ticks", "2", "--interval", "1", stdout=out, stderr=err)

    assert "Lost the database connection" in err.getvalue()
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED and MailboxItem.objects.filter(message=msg).count() == 1
    assert "messages due: 1" in out.getvalue()


def test_the_scheduler_run_once_fails_with_the_reason(victim_case, tuesday):
    with (
        mock.patch.object(reminders, "reminders_send", once_after_dropping(reminders.reminders_send)),
        pytest.raises(Exception, match="Lost the database connection"),
    ):
        call_command("notify_scheduler", "--once", stdout=StringIO())
