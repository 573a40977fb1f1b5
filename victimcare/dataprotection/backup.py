"""Backing up and restoring the whole database with its own tools (issue 14, item 7;
docs/adr/0058).

- SQLite: the online backup API (`sqlite3.Connection.backup`), a consistent copy of a live
  database, WAL or not, page by page; restoring copies the backup back into the live database
  the same way, under its write lock, so other connections never see half a restore.
- PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists --single-transaction`
  (on PATH; the client must be at least the server's version): schema, data, sequences, the
  append-only triggers and their function all come back, in one transaction.

Every backup writes a manifest beside it (`<file>.json`): the engine, when, the file's SHA-256,
the row count of every table, and the audit chain's head. A restore refuses a file whose hash
does not match its manifest, and afterwards checks that the audit chain verifies, ends at the
same head, and that every table has the count the manifest recorded; only then does it append
an audit row saying what was restored (the chain carries on from the restored head).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connections

from victimcare.audit.chain import chain_verify
from victimcare.audit.models import Action, AuditChainHead
from victimcare.audit.services import audit_record
from victimcare.refusals import Refusal


class BackupError(Refusal):
    pass


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    audit_rows: int
    head: str


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def table_counts(using: str = "default") -> dict[str, int]:
    """The row count of every table the project's models own (managed, concrete)."""
    counts: dict[str, int] = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            counts[meta.label] = model._default_manager.using(using).count()
    return dict(sorted(counts.items()))


def _audit_head(using: str) -> str:
    head = AuditChainHead.objects.using(using).filter(pk=1).first()
    return head.hash if head is not None else ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def database_backup(
    path: Path, *, using: str = "default", actor_label: str = "manage.py backup"
) -> dict[str, Any]:
    """Write a backup of the database to `path` and its manifest beside it; return the manifest."""
    connection = connections[using]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    counts = table_counts(using)
    head = _audit_head(using)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        _run(
            _tool("pg_dump"),
            ["--format=custom", "--no-owner", "--no-privileges", f"--file={path}"],
            connection.settings_dict,
        )
    else:
        raise BackupError("database", f"Backups are not supported on {connection.vendor}")
    digest = _sha256(path)
    manifest: dict[str, Any] = {
        "engine": connection.vendor,
        "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "file": path.name,
        "sha256": digest,
        "audit_head": head,
        "counts": counts,
    }
    manifest_path(path).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    audit_record(  # after the copy: a backup leaves the running system (Part 3 "disclosure")
        actor=actor_label,
        action=Action.EXPORT,
        detail=f"database backed up to {path.name} ({digest[:12]})",
    )
    return manifest


def database_restore(
    path: Path, *, using: str = "default", actor_label: str = "manage.py restore"
) -> Restored:
    """Replace the database with the backup at `path`, then prove it: the audit chain verifies
    and ends where the backup's did, and every table has the count the manifest recorded."""
    path = Path(path)
    manifest = _manifest(path)
    connection = connections[using]
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            "file", f"This is a {manifest['engine']} backup; the database is {connection.vendor}"
        )
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()  # nothing cached from before the restore survives it
    else:
        connection.close()
        _run(
            _tool("pg_restore"),
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", str(path)],
            connection.settings_dict,
            database_flag=True,
        )
    verdict = chain_verify(using=using)
    if verdict.broken is not None:
        raise BackupError("file", f"The restored audit trail does not verify: broken at {verdict.broken}")
    if verdict.head != manifest["audit_head"] and manifest["audit_head"]:
        raise BackupError("file", "The restored audit trail does not end where the backup's did")
    counts = table_counts(using)
    different = {
        label: (n, counts.get(label)) for label, n in manifest["counts"].items() if counts.get(label) != n
    }
    if different:
        raise BackupError("file", f"The restored tables do not have the backup's row counts: {different}")
    audit_record(
        actor=actor_label,
        action=Action.UPDATE,
        detail=f"database restored from backup {manifest['file']} taken {manifest['taken_at']}",
    )
    return Restored(manifest=manifest, audit_rows=verdict.rows, head=verdict.head)


def _manifest(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise BackupError("file", f"There is no backup at {path}")
    meta = manifest_path(path)
    if not meta.exists():
        raise BackupError("file", f"There is no manifest beside the backup ({meta.name})")
    manifest: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8"))
    if _sha256(path) != manifest.get("sha256"):
        raise BackupError("file", "The backup file does not match its manifest: it is damaged or was changed")
    return manifest


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError("database", f"{name} is not on PATH: install the PostgreSQL client tools")
    return found


def _run(tool: str, args: list[str], db: dict[str, Any], *, database_flag: bool = False) -> None:
    """Run a PostgreSQL client tool against the configured database; the password goes in the
    environment, never on the command line."""
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    options = db.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    name = str(db["NAME"])
    command = [tool, *args[:-1], f"--dbname={name}", args[-1]] if database_flag else [tool, *args, name]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError("database", f"{Path(tool).name} failed: {result.stderr.strip()[:500]}")
