"""Check the audit trail's hash chain (docs/adr/0039).

    manage.py audit_verify [--batch-size 2000]

Walks every row in id order, a batch at a time, checking that each row links to the one before
it and that its content still matches its hash, then that the chain head names the last row.
Intact: prints the count and the head hash, exits 0. Broken: names the first broken row and what
is wrong, exits 1.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimcare.audit.chain import chain_verify


class Command(BaseCommand):
    help = "Check that no audit row has been changed, removed or added outside the chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        verdict = chain_verify(batch_size=options["batch_size"], using=options["database"])
        if verdict.broken is not None:
            raise CommandError(
                f"Audit trail broken at {verdict.broken} (checked {verdict.rows} rows).", returncode=1
            )
        self.stdout.write(f"Audit trail intact: {verdict.rows} rows, head {verdict.head}.")
