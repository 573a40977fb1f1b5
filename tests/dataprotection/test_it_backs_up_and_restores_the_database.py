"""A backup and restore round trip with the database's own tools (issue 14, item 7): the SQLite
backup API, or pg_dump and pg_restore on PostgreSQL (the suite runs on both). What was changed
after the backup is gone after the restore, every table has its backed-up row count, the audit
trail verifies (`audit_verify`) and ends at the backup's head, and a damaged backup or one of the
other engine is refused before anything is touched (docs/adr/0058)."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories import local, make_victim_case
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import Event, VictimCase
from victimcare.cases.services import event_record
from victimcare.dataprotection.backup import manifest_path

pytestmark = pytest.mark.django_db(transaction=True)

needs_tools = pytest.mark.skipif(
    connection.vendor == "postgresql" and shutil.which("pg_dump") is None, reason="pg_dump not on PATH"
)


def _world(personas: dict[str, Any]) -> VictimCase:
    case = make_victim_case(personas, reference="DU/00900/26")
    event_record(actor=personas["cara"], case=case, type="vps_offered", occurred_at=local(2026, 3, 3, 9))
    return case


@needs_tools
def test_it_restores_the_database_as_it_was_at_the_backup(personas, tmp_path):
    _world(personas)
    cases, events = VictimCase.objects.count(), Event.objects.count()
    backup = tmp_path / ("victimcare.sqlite3" if connection.vendor == "sqlite" else "victimcare.dump")
    out = StringIO()
    call_command("backup", str(backup), stdout=out)
    manifest = json.loads(manifest_path(backup).read_text())
    assert manifest["counts"]["cases.VictimCase"] == cases and manifest["counts"]["cases.Event"] == events
    assert manifest["engine"] == connection.vendor and "Backed up" in out.getvalue()
    audit_rows_at_backup = manifest["counts"]["audit.AuditEvent"]

    # After the backup: another case, more events and audit rows.
    make_victim_case(personas, reference="DU/00901/26", email="kim@example.com")
    assert VictimCase.objects.count() == cases + 1

    out = StringIO()
    call_command("restore", str(backup), "--no-input", stdout=out)

    assert "audit trail intact" in out.getvalue()
    assert VictimCase.objects.count() == cases
    assert Event.objects.count() == events
    assert not VictimCase.objects.filter(crime__crime_reference="DU/00901/26").exists()
    # The restore itself is on the trail, after the backed-up rows.
    assert AuditEvent.objects.count() == audit_rows_at_backup + 1
    assert AuditEvent.objects.order_by("-id").first().detail.startswith("database restored from backup")
    verified = StringIO()
    call_command("audit_verify", stdout=verified)
    assert "Audit trail intact" in verified.getvalue()
    # The restored database works: the append-only guard came back with it.
    with pytest.raises(Exception, match="append-only"):
        AuditEvent.objects.filter(pk=AuditEvent.objects.first().pk).update(detail="edited")


@needs_tools
def test_it_refuses_a_damaged_backup_and_changes_nothing(personas, tmp_path):
    _world(personas)
    backup = tmp_path / "victimcare.backup"
    call_command("backup", str(backup), stdout=StringIO())
    make_victim_case(personas, reference="DU/00901/26", email="kim@example.com")
    with backup.open("r+b") as handle:  # one flipped byte in the middle of the file
        handle.seek(backup.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))

    with pytest.raises(CommandError, match="does not match its manifest"):
        call_command("restore", str(backup), "--no-input")

    assert VictimCase.objects.count() == 2  # nothing restored, nothing lost


def test_it_refuses_a_backup_of_the_other_engine(personas, tmp_path):
    backup = tmp_path / "other.backup"
    backup.write_bytes(b"not a database")
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    import hashlib

    manifest_path(backup).write_text(
        json.dumps({"engine": other, "sha256": hashlib.sha256(b"not a database").hexdigest(), "counts": {}})
    )
    with pytest.raises(CommandError, match=f"This is a {other} backup"):
        call_command("restore", str(backup), "--no-input")


def test_it_says_when_there_is_no_backup(db, tmp_path):
    with pytest.raises(CommandError, match="There is no backup"):
        call_command("restore", str(tmp_path / "missing"), "--no-input")
