"""The audit trail refuses UPDATE and DELETE at the database, through the ORM and in raw SQL, on
SQLite and PostgreSQL; DELETE passes only with an erasure permit, which `flush` takes
(docs/adr/0039)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from victimcare.audit.chain import erasure_permit
from victimcare.audit.models import AppendOnlyAuditError, AuditEvent
from victimcare.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def row() -> AuditEvent:
    return audit_record(actor=None, action="view", detail="a look")


def refused(statement: str, params: list[Any]) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as c:
        c.execute(statement, params)


def test_the_model_refuses_to_save_or_delete_a_written_row(row):
    row.detail = "rewritten"
    with pytest.raises(AppendOnlyAuditError):
        row.save()
    with pytest.raises(AppendOnlyAuditError):
        row.delete()


def test_the_database_refuses_an_orm_update_or_delete(row):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).update(detail="rewritten")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).delete()
    assert AuditEvent.objects.get(pk=row.pk).detail == "a look"


def test_the_database_refuses_an_update_or_delete_in_raw_sql(row):
    refused("UPDATE audit_auditevent SET detail = 'rewritten' WHERE id = %s", [row.pk])
    refused("DELETE FROM audit_auditevent WHERE id = %s", [row.pk])
    assert AuditEvent.objects.get(pk=row.pk).detail == "a look"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_a_truncate(row):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses while FK checks wait
    refused("TRUNCATE audit_auditevent CASCADE", [])
    assert AuditEvent.objects.filter(pk=row.pk).exists()


def test_a_permit_lets_a_delete_through_for_its_block_only(row):
    other = audit_record(actor=None, action="view", detail="another look")
    with erasure_permit(reason="retention test"):
        AuditEvent.objects.filter(pk=row.pk).delete()
        # Even with a permit, no row is ever changed.
        refused("UPDATE audit_auditevent SET detail = 'x' WHERE id = %s", [other.pk])
    refused("DELETE FROM audit_auditevent WHERE id = %s", [other.pk])
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [other.pk]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM audit_erasure_permit")
        assert cursor.fetchone() == (0,)


def test_a_permit_ends_with_its_block_when_the_block_fails(row):
    with pytest.raises(ValueError), erasure_permit(reason="retention test"):
        raise ValueError
    refused("DELETE FROM audit_auditevent WHERE id = %s", [row.pk])


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_trail_and_the_timeline(case_a):
    audit_record(actor=None, action="view", detail="a look")
    assert AuditEvent.objects.exists() and case_a.events.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    from victimcare.cases.models import Event

    assert not Event.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM audit_erasure_permit")
        assert cursor.fetchone() == (0,)
