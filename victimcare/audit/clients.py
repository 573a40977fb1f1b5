"""Whose browser a request came from: the address the audit trail records and sign-in limits
count (staff lockout per address, portal codes per client)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """REMOTE_ADDR; or, behind TRUSTED_PROXIES proxies that each append the address they saw to
    X-Forwarded-For, the address the outermost one saw. Addresses further left are whatever the
    client chose to send, so they are never read; without enough entries, REMOTE_ADDR."""
    if request is None:
        return None
    hops = int(getattr(settings, "TRUSTED_PROXIES", 0))
    if hops > 0:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [address.strip() for address in header.split(",") if address.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None
