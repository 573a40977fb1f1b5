"""Outbound webhooks: a signed notice to a partner system that something changed, with ids only
(never a victim's details): the partner reads what changed through the API, where the gate and
the audit trail apply.

Deliveries are rows written in the transaction of the change, sent after it commits by the job
worker, and retried by the scheduler with the outbox's backoff. A claim is one conditional
UPDATE, as for the outbox (docs/adr/0013), so two workers never send the same try; a worker
killed after the partner got it and before the row says so means the partner may get it twice
(at least once): the `Victimcare-Delivery` id lets it drop the copy."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import uuid
from datetime import datetime, timedelta

import requests
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from victimcare.api.models import DeliveryStatus, WebhookDelivery
from victimcare.notify.services import backoff

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


def webhook_secret_new() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body>`: the partner recomputes it with
    its secret and refuses a stale timestamp, so a captured notice cannot be replayed later."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def deliveries_enqueue(ids: list[int]) -> None:
    """After the change commits, ask the job worker to send these now."""

    for delivery_id in ids:
        try:
            send_webhook.enqueue(delivery_id)
        except Exception:  # the scheduler's drain sends it anyway
            log.exception("Could not enqueue webhook delivery %s", delivery_id)


def _claimable(now: datetime) -> Q:
    stale = now - timedelta(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS)
    return Q(status=DeliveryStatus.QUEUED, not_before__lte=now) | Q(
        status=DeliveryStatus.SENDING, claimed_at__lt=stale
    )


def webhook_claim(delivery_id: int, *, now: datetime | None = None) -> str | None:
    now = now or timezone.now()
    token = uuid.uuid4().hex
    claimed = WebhookDelivery.objects.filter(_claimable(now), pk=delivery_id).update(
        status=DeliveryStatus.SENDING, claimed_by=token, claimed_at=now, attempts=F("attempts") + 1
    )
    return token if claimed else None


def webhook_deliver(delivery_id: int) -> str:
    """Claim and send one delivery; the status it ends in ("claimed elsewhere" if not ours)."""
    token = webhook_claim(delivery_id)
    if token is None:
        return "claimed elsewhere"
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    body = json.dumps(delivery.body, cls=DjangoJSONEncoder, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "Victimcare-Delivery": str(delivery.pk),
        "Victimcare-Signature": signature(
            delivery.subscription.secret, int(timezone.now().timestamp()), body
        ),
    }
    try:
        response = requests.post(
            delivery.subscription.url, data=body, headers=headers, timeout=TIMEOUT_SECONDS
        )
    except requests.RequestException as err:
        return _record(delivery, token, None, type(err).__name__)
    return _record(
        delivery, token, response.status_code, "" if response.ok else f"HTTP {response.status_code}"
    )


@transaction.atomic
def _record(delivery: WebhookDelivery, token: str, code: int | None, error: str) -> str:
    now = timezone.now()
    rows = WebhookDelivery.objects.filter(pk=delivery.pk, claimed_by=token, status=DeliveryStatus.SENDING)
    if not error:
        rows.update(status=DeliveryStatus.DELIVERED, delivered_at=now, response_status=code, last_error="")
        return DeliveryStatus.DELIVERED
    attempts = WebhookDelivery.objects.values_list("attempts", flat=True).get(pk=delivery.pk)
    if attempts >= settings.NOTIFY_MAX_ATTEMPTS:
        rows.update(status=DeliveryStatus.FAILED, response_status=code, last_error=error[:300])
        return DeliveryStatus.FAILED
    rows.update(
        status=DeliveryStatus.QUEUED,
        not_before=now + backoff(attempts),
        response_status=code,
        last_error=error[:300],
    )
    return DeliveryStatus.QUEUED


def webhook_deliveries_drain(limit: int = 100) -> int:
    """Send every due delivery (retries, and any a dead worker left): run by the scheduler."""
    due = list(
        WebhookDelivery.objects.filter(_claimable(timezone.now()))
        .order_by("not_before")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in due if webhook_deliver(pk) == DeliveryStatus.DELIVERED)


@task()
def send_webhook(delivery_id: int) -> str:
    """Send one webhook delivery (enqueued when its change commits): a job for the worker."""
    return webhook_deliver(delivery_id)
