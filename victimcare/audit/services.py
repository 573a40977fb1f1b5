"""Writing the audit trail. Services call `audit_record`; nothing else writes AuditEvent."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.http import HttpRequest

from victimcare.audit.models import Action, AuditEvent

REDACTED = "[redacted]"


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    person: Any = None,
    case: Any = None,
    changes: Mapping[str, Any] | None = None,
    detail: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Write one audit row. `actor` is a staff User, or None for the system or a victim."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=_actor_label(actor),
        organisation_id=getattr(user, "organisation_id", None),
        action=Action(action),
        object_type=(obj._meta.model_name or "") if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        person=person,
        case=case,
        changes=dict(changes or {}),
        detail=detail[:300],
        ip_address=_client_ip(request),
    )


def audit_look(
    request: HttpRequest,
    *,
    obj: models.Model | None = None,
    case: models.Model | None = None,
    person: models.Model | None = None,
    detail: str = "",
) -> AuditEvent:
    """Record that the signed-in member of staff looked at something: `obj` (default the case,
    else the person), the victim (default the case's) and the case, with the request's address.
    Every staff page, list and export that shows a victim's data calls this once per request;
    a list with no one record passes only `detail` ("provider referrals: waiting")."""
    return audit_record(
        actor=request.user,
        action=Action.VIEW,
        obj=obj or case or person,
        person=person or getattr(case, "person", None),
        case=case,
        detail=detail,
        request=request,
    )


def field_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], sensitive: Iterable[str] = ()
) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that changed; sensitive values are redacted,
    so the trail shows *that* a code word changed, never what it was or became."""
    hidden = set(sensitive)
    diff: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            diff[name] = [REDACTED, REDACTED] if name in hidden else [_jsonable(old), _jsonable(new)]
    return diff


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "System"
    if isinstance(actor, str):
        return actor
    return f"{actor.display_name} ({actor.username})"


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None
