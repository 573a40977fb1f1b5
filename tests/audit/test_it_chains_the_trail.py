"""The audit trail is a hash chain, and `manage.py audit_verify` finds any row edited, deleted,
inserted or moved at the database (docs/adr/0039).

The tampering is done as the database's owner would: with the append-only triggers switched off
inside the test's transaction (rolled back with it)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from victimcare.audit.chain import chain_verify, row_hash
from victimcare.audit.models import GENESIS, AuditChainHead, AuditEvent
from victimcare.audit.services import audit_erase_before, audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail() -> list[AuditEvent]:
    return [audit_record(actor=None, action="view", detail=f"look {i}") for i in range(5)]


@contextmanager
def triggers_off() -> Iterator[None]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Run the deferred foreign key checks first: ALTER TABLE refuses while they wait.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        else:
            for name in ("audit_auditevent_no_update", "audit_auditevent_no_delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        yield


def sql(statement: str, params: list[Any] | None = None) -> None:
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def verify(**options: object) -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out, **options)
    return out.getvalue()


def broken(**options: object) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("audit_verify", **options)
    assert refused.value.returncode == 1
    return str(refused.value)


def test_each_row_links_to_the_one_before(trail):
    rows = list(AuditEvent.objects.order_by("id"))
    assert rows[0].prev_hash == GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    assert all(r.hash == row_hash(r) for r in rows)
    head = AuditChainHead.objects.get()
    assert (head.last_id, head.hash) == (rows[-1].id, rows[-1].hash)


def test_an_intact_chain_passes_with_its_count(trail):
    total = AuditEvent.objects.count()  # the personas' set-up writes none, but be sure
    assert verify() == f"Audit trail intact: {total} rows, head {trail[-1].hash}.\n"
    assert verify(batch_size=2).startswith(f"Audit trail intact: {total} rows")


def test_a_row_of_a_real_look_survives_the_round_trip(client_for, case_a):
    # JSON changes, foreign keys, an address and a timestamp read back as they were hashed.
    client_for("cara").get(f"/cases/{case_a.id}/", REMOTE_ADDR="2001:db8::1")
    audit_record(actor=None, action="update", obj=case_a, changes={"n": [1.0, 2.5], "s": ["a", None]})
    assert AuditEvent.objects.filter(ip_address__isnull=False).exists()
    assert verify().startswith("Audit trail intact")


def test_it_finds_a_detail_edited_in_sql(trail):
    sql("UPDATE audit_auditevent SET detail = 'nothing to see' WHERE id = %s", [trail[2].id])
    message = broken(batch_size=2)
    assert f"row {trail[2].id}: its content does not match its hash" in message


def test_it_finds_a_row_deleted_in_sql(trail):
    sql("DELETE FROM audit_auditevent WHERE id = %s", [trail[2].id])
    message = broken(batch_size=2)
    assert f"row {trail[3].id}: its link" in message and f"hash of row {trail[1].id}" in message


def test_it_finds_the_last_row_deleted(trail):
    sql("DELETE FROM audit_auditevent WHERE id = %s", [trail[-1].id])
    assert f"the chain head: it names row {trail[-1].id} as the last" in broken()


def test_it_finds_a_row_inserted_in_sql_even_with_a_good_hash(trail):
    # The strongest forger links the row and hashes it correctly, but cannot do it unseen
    # without rewriting the head too (which ADR 0039 answers by keeping the head hash elsewhere).
    forged = AuditEvent(actor_label="System", action="view", detail="forged", prev_hash=trail[-1].hash)
    forged.hash = row_hash(forged)
    sql(
        "INSERT INTO audit_auditevent (at, actor_label, action, object_type, object_id, changes, detail,"
        " prev_hash, hash) VALUES (%s, 'System', 'view', '', '', '{}', 'forged', %s, %s)",
        [forged.at, forged.prev_hash, forged.hash],
    )
    assert "the chain head: it names row" in broken()


def test_it_finds_a_row_slipped_in_between(trail):
    sql(
        "INSERT INTO audit_auditevent (id, at, actor_label, action, object_type, object_id, changes,"
        " detail, prev_hash, hash) VALUES (%s, %s, 'System', 'view', '', '', '{}', 'forged', %s, %s)",
        [trail[-1].id + 1000, trail[0].at, trail[-1].hash, "f" * 64],
    )
    assert f"row {trail[-1].id + 1000}: its content does not match" in broken()


def test_it_finds_rows_moved_out_of_order(trail):
    a, b = trail[1].id, trail[2].id
    sql("UPDATE audit_auditevent SET id = -1 WHERE id = %s", [a])
    sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [a, b])
    sql("UPDATE audit_auditevent SET id = %s WHERE id = -1", [b])
    assert f"row {a}: its link" in broken()


def test_it_finds_a_lost_head_under_existing_rows(trail):
    AuditChainHead.objects.all().delete()
    assert "the chain head is missing" in broken()
    audit_record(actor=None, action="view", detail="after the loss")
    assert "starts a new chain" in broken()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_concurrent_writers_keep_one_chain():
    # Each writer holds its transaction open after writing, so without the head lock two
    # writers would read the same head and fork the chain.
    def write(n: int) -> None:
        try:
            for i in range(10):
                with transaction.atomic():
                    audit_record(actor=None, action="view", detail=f"writer {n} row {i}")
                    time.sleep(0.005)
        finally:
            connections.close_all()

    writers = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    verdict = chain_verify()
    assert (verdict.rows, verdict.broken) == (40, None)


def test_retention_erases_the_oldest_rows_and_the_rest_still_verifies(personas, trail):
    cutoff = trail[2].at
    assert audit_erase_before(actor=personas["adam"], before=cutoff, reason="past its retention period") == 2
    assert not AuditEvent.objects.filter(pk__in=[trail[0].pk, trail[1].pk]).exists()
    assert AuditChainHead.objects.get().anchor == trail[1].hash
    erased = AuditEvent.objects.get(action="erase")
    assert erased.actor == personas["adam"] and erased.changes["rows"] == 2
    assert verify().startswith(f"Audit trail intact: {len(trail) - 2 + 1} rows")
    # Without the anchor, the first kept row would read as a deletion.
    AuditChainHead.objects.update(anchor=GENESIS)
    assert f"row {trail[2].id}: its link" in broken()
