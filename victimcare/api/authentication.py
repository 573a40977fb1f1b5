"""Bearer tokens of API clients. A refused token is audited as a failed sign-in."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from victimcare.api.models import ApiClient
from victimcare.api.tokens import PREFIX, token_hashes
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record

REFUSED = "The API token is missing, wrong, expired or revoked."


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer vc_...`. The request's user is the client's service user and
    `request.auth` the ApiClient. Wrong, expired and revoked tokens get the same 401."""

    def authenticate(self, request: Request) -> tuple[Any, ApiClient] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None  # no credentials: the permission check answers 401
        client = self._client(token.strip())
        if client is None or not client.is_usable:
            audit_record(
                actor=f"API client {client.name}" if client else "Unknown API client",
                action=Action.SIGN_IN_FAILED,
                obj=client,
                detail=f"API token refused: {request.method} {request.path}",
                request=request._request,
            )
            raise exceptions.AuthenticationFailed(REFUSED)
        now = timezone.now()
        if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)  # at most once a minute
        return client.user, client

    def _client(self, token: str) -> ApiClient | None:
        if not token.startswith(PREFIX) or len(token) > 200:
            return None
        return (
            ApiClient.objects.select_related("user", "user__organisation", "organisation")
            .filter(token_hash__in=token_hashes(token))
            .first()
        )

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
