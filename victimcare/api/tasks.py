"""Jobs for the django-tasks database worker. Each only calls a service."""

from __future__ import annotations

from django_tasks import task

from victimcare.api import webhooks


@task()
def send_webhook(delivery_id: int) -> str:
    """Send one webhook delivery (enqueued when its change commits)."""
    return webhooks.webhook_deliver(delivery_id)
