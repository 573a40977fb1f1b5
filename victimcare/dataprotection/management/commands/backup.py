"""Back up the whole database with its own tools (docs/adr/0058).

    manage.py backup var/backups/victimcare-2026-12-06.sqlite3     (SQLite: the backup API)
    manage.py backup var/backups/victimcare-2026-12-06.dump        (PostgreSQL: pg_dump -Fc)

Writes the backup and a manifest beside it (<file>.json: SHA-256, every table's row count, the
audit chain's head) that `manage.py restore` checks. Keep backups encrypted and off the server:
they hold every victim's record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimcare.dataprotection.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Back up the database (SQLite backup API or pg_dump) with a manifest to check a restore against."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = database_backup(options["path"], using=options["database"])
        except BackupError as err:
            raise CommandError(err.message) from err
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {manifest['engine']} to {options['path']}: {rows} rows in "
            f"{len(manifest['counts'])} tables, sha256 {manifest['sha256']}."
        )
