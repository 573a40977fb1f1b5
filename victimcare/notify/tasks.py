"""Jobs for the django-tasks database worker (`manage.py db_worker`). Each only calls a service."""

from __future__ import annotations

from django_tasks import task

from victimcare.notify import services


@task()
def send_message(message_id: int) -> str:
    """Send one outbox message (enqueued when it is written). A no-op if another worker has it."""
    outcome = services.message_deliver(message_id)
    return outcome.status if outcome else "claimed elsewhere"


@task()
def drain_outbox(limit: int = 100) -> int:
    """Send every due message (enqueued by the scheduler: retries, safe-time waits, rescues)."""
    return len(services.outbox_drain(limit=limit))
