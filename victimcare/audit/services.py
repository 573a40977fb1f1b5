"""Writing the audit trail. Services call `audit_record`; nothing else writes AuditEvent."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest

from victimcare.audit.chain import chain_append, chain_erase_before
from victimcare.audit.clients import client_ip
from victimcare.audit.models import Action, AuditEvent

REDACTED = "[redacted]"
# A list's audit row names at most this many record ids (a page of results, or the first of an
# export); the count is always the whole number shown.
LISTED_IDS_CAP = 200


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
    """Write one audit row, linked onto the hash chain. `actor` is a staff User, or None for
    the system or a victim."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
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
        ip_address=client_ip(request),
    )
    return chain_append(event)


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


def audit_list(
    request: HttpRequest,
    *,
    what: str,
    rows: Iterable[Any] = (),
    count: int | None = None,
    action: str = Action.LIST,
    of: str = "",
    case: models.Model | None = None,
    person: models.Model | None = None,
) -> AuditEvent:
    """Record that a list, search result, drill-down or export showed `rows` (records, or their
    ids) to the signed-in member of staff: one row saying what was shown (`what`: "caseload",
    "work queue"), how many (`count`, default how many rows) and which (their ids, the first
    LISTED_IDS_CAP) of `of` (default the rows' model). A list that showed no one says 0. An export says `action=Action.EXPORT`
    (a disclosure), a search `Action.SEARCH`."""
    ids = [_row_id(row) for row in rows]
    shown = len(ids) if count is None else count
    model = of or _row_model(rows)
    return audit_record(
        actor=request.user,
        action=Action(action),
        person=person or getattr(case, "person", None),
        case=case,
        changes={"shown": shown, "ids": ids[:LISTED_IDS_CAP], "of": model},
        detail=f"{what}: {shown} shown",
        request=request,
    )


def _row_id(row: Any) -> Any:
    return row.pk if isinstance(row, models.Model) else row


def _row_model(rows: Iterable[Any]) -> str:
    model = getattr(rows, "model", None)
    if model is None and isinstance(rows, list | tuple) and rows and isinstance(rows[0], models.Model):
        model = type(rows[0])
    return str(model._meta.model_name) if model is not None else ""


@transaction.atomic
def audit_erase_before(*, actor: Any, before: datetime, reason: str) -> int:
    """Retention of the trail itself: erase the rows written before `before` (the oldest part of
    the chain), then record on the trail who erased how many and why. Returns how many."""
    count = chain_erase_before(before, reason=reason)
    audit_record(
        actor=actor,
        action=Action.ERASE,
        changes={"erased_before": before.isoformat(), "rows": count},
        detail=f"audit rows erased: {reason}",
    )
    return count


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
