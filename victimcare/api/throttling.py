"""A per-client rate limit counted in the database: fixed one-minute windows, incremented with
one conditional UPDATE, so every web server process and worker shares the count (DRF's own
throttles keep theirs in the cache, which is per process unless a shared cache is set up)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from victimcare.api.models import ApiClient, RateWindow


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True  # unauthenticated calls are refused before they do any work
        now = timezone.now()
        self.window = now.replace(second=0, microsecond=0)
        self.now = now
        return window_count(client, self.window) <= client.rate

    def wait(self) -> float | None:
        return max(1.0, (self.window + timedelta(minutes=1) - self.now).total_seconds())


def window_count(client: ApiClient, window: Any) -> int:
    """Add one call to the client's window and return the calls in it so far."""
    rows = RateWindow.objects.filter(client=client, starts_at=window)
    if not rows.update(calls=F("calls") + 1):
        try:
            with transaction.atomic():
                RateWindow.objects.create(client=client, starts_at=window, calls=1)
            RateWindow.objects.filter(client=client, starts_at__lt=window).delete()
            return 1
        except IntegrityError:  # another process opened the window first
            rows.update(calls=F("calls") + 1)
    return int(rows.values_list("calls", flat=True).get())
