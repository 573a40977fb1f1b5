"""Staff sign-in lockout with two limits (django-axes, docs/adr/0040).

Axes counts failures per username and per address (AXES_LOCKOUT_PARAMETERS) against one
limit. Staff at a police station share one address, so the address gets a much higher limit
of its own: AXES_FAILURE_LIMIT wrong passwords for a username (from anywhere) lock that
username, and AXES_IP_FAILURE_LIMIT for any usernames from one address lock that address.
Signing in clears only the user's own failures, so a colleague (or an attacker with an account
of their own) signing in from the same address unlocks no one else."""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class UsernameAndAddressLockout(AxesDatabaseHandler):  # type: ignore[misc]
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        by_username, by_address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Axes compares one count with one limit: the address's count is scaled so that it
        # reaches the username limit exactly when it reaches its own.
        limit = int(get_failure_limit(request, credentials))
        return max(int(by_username), int(by_address) * limit // int(settings.AXES_IP_FAILURE_LIMIT))

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(username=username).delete()
        return int(deleted)
