"""API clients (partner systems), their stored idempotent responses and their rate windows.

A client is one partner system of one organisation. It acts through its own service user (a
staff `User` with the role that fits the system, no password and no second factor), so the
access gate in victimcare.access.gate applies to the API exactly as to the pages
(docs/adr/0035)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from victimcare.accounts.models import Organisation

SCOPES = {
    "cases:read": "Read crimes, victims, cases, timelines and entitlements",
    "cases:write": "Add victims and open cases",
    "events:write": "Record events on cases' timelines",
    "referrals:read": "Read referrals",
    "referrals:write": "Accept, decline and record the steps of referrals",
}


class ApiClient(models.Model):
    name = models.CharField(max_length=100, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="api_clients")
    # The service user the client acts as: its role and teams decide what the gate lets it see.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client")
    scopes = models.JSONField(default=list)
    # Only a keyed hash of the token is stored (HMAC-SHA256); the prefix lets staff tell tokens apart.
    token_prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    rate_per_minute = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "API client"

    def __str__(self) -> str:
        return self.name

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now() and self.user.is_active

    @property
    def rate(self) -> int:
        return self.rate_per_minute or settings.API_RATE_PER_MINUTE


class IdempotencyRecord(models.Model):
    """The response to a write sent with an Idempotency-Key, replayed when the same key and
    body come again. Kept API_IDEMPOTENCY_HOURS, then pruned (it may hold a victim's details)."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    operation = models.CharField(max_length=200)  # "POST /api/v1/cases/"
    request_digest = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_key_unique_per_client"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}: {self.key}"


class RateWindow(models.Model):
    """Calls one client made in one minute, counted with an UPDATE ... SET calls = calls + 1 so
    that every web server process shares the same count."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    calls = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "starts_at"], name="rate_window_unique_per_minute"),
            models.CheckConstraint(condition=Q(calls__gte=0), name="rate_window_calls_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} at {self.starts_at}: {self.calls}"


WEBHOOK_KINDS = {
    "event.recorded": "An event was recorded on a case the client may see",
    "referral.sent": "A referral was sent to the client's organisation",
    "referral.answered": "A provider accepted or declined a referral on a case the client may see",
}


class WebhookSubscription(models.Model):
    """Where a client wants to be told of changes, and which. Each delivery is signed with this
    subscription's secret (HMAC-SHA256 over the timestamp and the body)."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=500)
    kinds = models.JSONField(default=list)
    # Kept as given, since it signs every delivery; shown once when the subscription is made.
    secret = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "webhook subscription"

    def __str__(self) -> str:
        return f"{self.client} → {self.url}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to send"
    SENDING = "sending", "Sending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed: gave up"


class WebhookDelivery(models.Model):
    """One notice to one subscription, written in the transaction that recorded the change and
    sent after it commits, then retried with backoff like the outbox (docs/adr/0013)."""

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=30)
    event = models.ForeignKey("cases.Event", on_delete=models.PROTECT, related_name="+")
    body = models.JSONField(encoder=DjangoJSONEncoder)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    not_before = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event", "kind"], name="webhook_delivery_once_per_event"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="webhook_delivery_status_known"
            ),
        ]
        indexes = [models.Index(fields=["status", "not_before"], name="webhook_due_idx")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.subscription_id}: {self.status}"
