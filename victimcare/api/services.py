"""State changes of the API app: clients created and revoked by administrators, and the
housekeeping of stored idempotent responses. Each change writes its audit row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from victimcare.access.capabilities import api_client_role_refusal
from victimcare.accounts.models import Organisation, Team, User
from victimcare.api.models import SCOPES, WEBHOOK_KINDS, ApiClient, IdempotencyRecord, WebhookSubscription
from victimcare.api.tokens import token_display_prefix, token_hash, token_new
from victimcare.api.webhooks import webhook_secret_new
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record

MAX_LIFETIME = timedelta(days=366)


class ApiClientError(ValueError):
    """A refused change to a client; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ApiClientInput:
    name: str
    organisation: Organisation
    role: str
    scopes: tuple[str, ...]
    expires_at: datetime
    teams: tuple[Team, ...] = field(default=())
    rate_per_minute: int | None = None


@transaction.atomic
def api_client_create(*, actor: User | str, data: ApiClientInput) -> tuple[ApiClient, str]:
    """A client and its service user; returns the client and its token, which is shown once
    and never stored (only its keyed hash is)."""
    api_client_check(data)
    user = User.objects.create(
        username=_username(data.name),
        first_name=data.name.strip()[:150],
        last_name="(partner system)",
        password=make_password(None),  # unusable: the service user never signs in to the pages
        organisation=data.organisation,
        role=data.role,
    )
    user.teams.set(data.teams)
    token = token_new()
    client = ApiClient.objects.create(
        name=data.name.strip(),
        organisation=data.organisation,
        user=user,
        scopes=sorted(set(data.scopes)),
        token_prefix=token_display_prefix(token),
        token_hash=token_hash(token),
        expires_at=data.expires_at,
        rate_per_minute=data.rate_per_minute,
        created_by=actor if isinstance(actor, User) else None,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=client,
        changes={"role": [None, data.role], "scopes": [None, client.scopes]},
        detail=f"API client {client.name} of {data.organisation.name}",
    )
    return client, token


def api_client_check(data: ApiClientInput) -> None:
    """Raise ApiClientError on the first input at fault (the admin form shows it on its field)."""
    if not data.name.strip():
        raise ApiClientError("name", "Enter the partner system's name")
    if ApiClient.objects.filter(name=data.name.strip()).exists():
        raise ApiClientError("name", f"There is already an API client called {data.name.strip()}")
    why = api_client_role_refusal(data.role, data.organisation)
    if why:
        raise ApiClientError("role", why)
    unknown = sorted(set(data.scopes) - set(SCOPES))
    if unknown or not data.scopes:
        raise ApiClientError("scopes", f"Choose scopes from: {', '.join(SCOPES)}")
    now = timezone.now()
    if not now < data.expires_at <= now + MAX_LIFETIME:
        raise ApiClientError("expires_at", "The expiry must be in the future and within a year")
    if any(team.organisation_id != data.organisation.id for team in data.teams):
        raise ApiClientError("teams", f"Choose teams of {data.organisation.name}")
    if data.rate_per_minute is not None and data.rate_per_minute < 1:
        raise ApiClientError("rate_per_minute", "The rate limit must be 1 call a minute or more")


def _username(name: str) -> str:
    base = f"api-{slugify(name)[:100] or 'client'}"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def api_client_revoke(*, actor: User | str, client: ApiClient) -> ApiClient:
    """End the client's token now, and switch off its service user. Cannot be undone: a partner
    system that needs access again gets a new client and token."""
    client = ApiClient.objects.select_for_update().select_related("user").get(pk=client.pk)
    if client.revoked_at is not None:
        return client
    client.revoked_at = timezone.now()
    client.revoked_by = actor if isinstance(actor, User) else None
    client.save(update_fields=["revoked_at", "revoked_by"])
    client.user.is_active = False
    client.user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=client,
        changes={"revoked": [False, True]},
        detail=f"API client {client.name} revoked",
    )
    return client


def idempotency_records_prune() -> int:
    """Delete stored responses older than API_IDEMPOTENCY_HOURS (run by the scheduler)."""
    cutoff = timezone.now() - timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@transaction.atomic
def webhook_subscribe(
    *, actor: User | str, client: ApiClient, url: str, kinds: tuple[str, ...]
) -> tuple[WebhookSubscription, str]:
    """A subscription and its signing secret (shown once to the administrator)."""
    if not url.startswith("https://") and not settings.DEBUG:
        raise ApiClientError("url", "The webhook address must start https://")
    unknown = sorted(set(kinds) - set(WEBHOOK_KINDS))
    if unknown or not kinds:
        raise ApiClientError("kinds", f"Choose from: {', '.join(WEBHOOK_KINDS)}")
    secret = webhook_secret_new()
    sub = WebhookSubscription.objects.create(client=client, url=url, kinds=sorted(set(kinds)), secret=secret)
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=sub,
        detail=f"webhook for {client.name}: {', '.join(sub.kinds)}",
    )
    return sub, secret
