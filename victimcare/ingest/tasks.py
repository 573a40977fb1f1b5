"""Jobs for the django-tasks database worker (`manage.py db_worker`). Each only calls a service."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from victimcare.accounts.models import User
from victimcare.ingest import feed_services
from victimcare.ingest.models import FeedRun


@task()
def import_feed_file(run_id: int, path: str, user_id: int) -> int:
    """Import an uploaded feed file into its run (started by the upload page); the rows imported."""
    run = FeedRun.objects.get(pk=run_id)
    actor = User.objects.get(pk=user_id)
    feed_services.feed_run_continue(actor=actor, run=run, path=Path(path))
    return run.rows
