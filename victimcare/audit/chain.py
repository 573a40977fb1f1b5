"""The hash chain over the audit trail (docs/adr/0039).

Each row's `hash` is the SHA-256 of a canonical JSON of its content: every concrete field but
`id` and `hash`, `prev_hash` included, so a row's hash covers the link to the row before it.
A field whose value is empty (None, "", {} or []) is left out of the JSON, so a field added
later with an empty default leaves the hashes of older rows as they were.

Writers take the chain head (one row of AuditChainHead) FOR UPDATE in their transaction: on
PostgreSQL that serialises writers from the audit write to commit; on SQLite the IMMEDIATE
transaction mode serialises every write already (FOR UPDATE is a no-op there). Row ids are
given out after the lock is taken, so id order is chain order.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connections, models, transaction

from victimcare.audit.models import GENESIS, AuditChainHead, AuditEvent

HEAD_ID = 1
UNHASHED = frozenset({"id", "hash"})


def row_content(row: models.Model) -> dict[str, Any]:
    """The hashed content of an audit row (also of a historical model in a migration)."""
    content: dict[str, Any] = {}
    for field in row._meta.concrete_fields:
        if field.name in UNHASHED:
            continue
        value = _plain(getattr(row, field.attname))
        if isinstance(field, models.GenericIPAddressField) and value:
            value = str(ipaddress.ip_address(value))
        if value not in (None, "", {}, []):
            content[field.name] = value
    return content


def row_hash(row: models.Model) -> str:
    canonical = json.dumps(row_content(row), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def chain_append(event: AuditEvent) -> AuditEvent:
    """Link `event` to the end of the chain and insert it, in the caller's transaction."""
    with transaction.atomic(savepoint=False):
        head = _head_for_update()
        event.prev_hash = head.hash
        event.hash = row_hash(event)
        event.save(force_insert=True)
        AuditChainHead.objects.filter(pk=HEAD_ID).update(last_id=event.pk, hash=event.hash)
    return event


def _head_for_update() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    if head is None:
        # A new (or flushed) database. Should the head go missing under existing rows, the next
        # row links to GENESIS and audit_verify reports the break there.
        AuditChainHead.objects.bulk_create([AuditChainHead(pk=HEAD_ID)], ignore_conflicts=True)
        head = AuditChainHead.objects.select_for_update().get(pk=HEAD_ID)
    return head


def chain_erase_before(before: datetime, *, reason: str) -> int:
    """Erase the oldest rows, written before `before`, in the caller's transaction; return how
    many. Only a prefix of the chain can go (the rows before the first one written at or after
    `before`), and the head's anchor moves to the hash of the last erased row, so what is kept
    still verifies from its first row."""
    with transaction.atomic(savepoint=False):
        _head_for_update()  # no writer links onto a row being erased
        first_kept = (
            AuditEvent.objects.filter(at__gte=before).order_by("pk").values_list("pk", flat=True).first()
        )
        doomed = (
            AuditEvent.objects.all() if first_kept is None else AuditEvent.objects.filter(pk__lt=first_kept)
        )
        last = doomed.order_by("-pk").values_list("hash", flat=True).first()
        if last is None:
            return 0
        with erasure_permit(reason=reason):
            count, _ = doomed.delete()
        AuditChainHead.objects.filter(pk=HEAD_ID).update(anchor=last)
    return count


@dataclass(frozen=True)
class Break:
    row_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"row {self.row_id}" if self.row_id is not None else "the chain head"
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Verdict:
    rows: int
    head: str
    broken: Break | None


def chain_verify(*, batch_size: int = 2000, using: str = "default") -> Verdict:
    """Walk the chain in id order, `batch_size` rows at a time, and stop at the first break."""
    head = AuditChainHead.objects.using(using).filter(pk=HEAD_ID).first()
    expected = head.anchor if head else GENESIS
    rows, last_id = 0, None
    for row in _rows(batch_size, using):
        rows += 1
        if row.prev_hash != expected:
            after = f"row {last_id}" if last_id is not None else "the start of the chain"
            return Verdict(rows, expected, Break(row.pk, _link_problem(row, after, expected)))
        if row_hash(row) != row.hash:
            problem = "its content does not match its hash: the row was changed after it was written"
            return Verdict(rows, expected, Break(row.pk, problem))
        expected, last_id = row.hash, row.pk
    if head is None:
        if rows:
            return Verdict(rows, expected, Break(None, "the chain head is missing"))
    elif (head.last_id, head.hash) != (last_id, expected):
        problem = (
            f"it names row {head.last_id} as the last, but the trail ends at row {last_id}: "
            "rows were deleted from the end, or a row was added without the chain"
        )
        return Verdict(rows, expected, Break(None, problem))
    return Verdict(rows, expected, None)


def _link_problem(row: AuditEvent, after: str, expected: str) -> str:
    if row.prev_hash == GENESIS:
        return f"it starts a new chain after {after}: the chain head was lost or reset"
    return (
        f"its link (prev_hash {row.prev_hash[:12]}…) is not the hash of {after} ({expected[:12]}…): "
        "a row was deleted before it, or it was inserted"
    )


def _rows(batch_size: int, using: str) -> Iterator[AuditEvent]:
    after = 0
    while True:
        batch = list(AuditEvent.objects.using(using).filter(pk__gt=after).order_by("pk")[:batch_size])
        yield from batch
        if len(batch) < batch_size:
            return
        after = batch[-1].pk


@contextmanager
def erasure_permit(*, reason: str, using: str = "default") -> Iterator[None]:
    """Let DELETE (and TRUNCATE) through the append-only triggers for the length of the block.

    The permit row lives inside a transaction (a savepoint when nested) and is gone when the block
    ends, however it ends; no other transaction ever sees it. Only the retention path and `flush`
    take one."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("INSERT INTO audit_erasure_permit (id, reason) VALUES (1, %s)", [reason[:200]])
        yield
        cursor.execute("DELETE FROM audit_erasure_permit")


def _plain(value: Any) -> Any:
    """A JSON value that reads back the same from either database."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)  # jsonb reads 1e20 back as an integer
    return value
