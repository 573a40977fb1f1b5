"""Restore the whole database from a backup made by `manage.py backup` (docs/adr/0058).

    manage.py restore var/backups/victimcare-2026-12-06.dump [--no-input]

Replaces everything in the database with the backup (stop the web server, the job worker and
the scheduler first), then proves the restore: the file matches its manifest, the audit chain
verifies and ends at the backup's head, and every table has the manifest's row count. Exits 1,
naming what is wrong, if any of these fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimcare.dataprotection.backup import BackupError, database_restore


class Command(BaseCommand):
    help = "Replace the database with a backup, then check the audit chain and every table's row count."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default="default")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interactive"]:
            answer = input(
                "This replaces everything in the database with the backup. Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restored = database_restore(options["path"], using=options["database"])
        except BackupError as err:
            raise CommandError(err.message, returncode=1) from err
        manifest = restored.manifest
        self.stdout.write(
            f"Restored {manifest['file']} (taken {manifest['taken_at']}): every table has its backed-up "
            f"row count; audit trail intact, {restored.audit_rows} rows, head {restored.head}."
        )
