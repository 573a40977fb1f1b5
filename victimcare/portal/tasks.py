"""Jobs for the django-tasks database worker (`manage.py db_worker`). Each only calls a service."""

from __future__ import annotations

from django_tasks import task

from victimcare.portal import services


@task()
def sign_in_code_send(challenge_id: int) -> str:
    """Match a sign-in code request to a case and, if it matches, send the code."""
    return services.sign_in_challenge_process(challenge_id=challenge_id)
