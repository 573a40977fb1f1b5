"""Scopes: each operation names the one it needs (`required_scopes` by method); a client without it gets 403.
What records it then sees is the access gate's decision, through its service user."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, permissions
from rest_framework.request import Request

from victimcare.api.models import ApiClient


class HasScope(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            raise exceptions.NotAuthenticated("Send an API token: Authorization: Bearer <token>.")
        scopes: dict[str, str] = getattr(view, "required_scopes", {})
        if request.method not in scopes:
            return True  # a method the endpoint does not have: the view answers 405
        scope = scopes[request.method]
        if scope not in client.scopes:
            raise exceptions.PermissionDenied(f"This client does not have the {scope} scope.")
        return True
