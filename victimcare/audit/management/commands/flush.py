"""Django's `flush`, holding an erasure permit (docs/adr/0039).

The audit trail and the case timeline refuse DELETE (and TRUNCATE) at the database unless an
erasure permit is held. `flush` empties every table on purpose, and the test suite runs it after
each transactional test, so it takes the permit around Django's own command: in one transaction
with the DELETE statements on SQLite and the TRUNCATE on PostgreSQL. The permit table itself is
unmanaged, so flush never empties it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush

from victimcare.audit.chain import erasure_permit


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with erasure_permit(reason="manage.py flush", using=options["database"]):
            super().handle(**options)
