"""List, for each organisation, the cases and people at the end of their retention period (the
review queue, docs/adr/0052); with --sweep, also erase what ends without review (message text,
staff sign-in records, the oldest audit rows), as the scheduler does with each scan."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from victimcare.accounts.models import Organisation
from victimcare.dataprotection import retention
from victimcare.dataprotection.services import retention_sweep


class Command(BaseCommand):
    help = "List the cases and people due for retention review; --sweep erases what needs no review."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--sweep", action="store_true", help="Also erase what ends without review")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        for org in Organisation.objects.order_by("name"):
            cases = retention.cases_due(org.pk, today)
            people = retention.people_due(org.pk, today)
            held = len([r for r in [*cases, *people] if getattr(r, "held", False)])  # annotated
            self.stdout.write(
                f"{org.name}: {cases.count()} cases and {people.count()} people due for review"
                + (f" ({held} on legal hold)" if held else "")
            )
        if options["sweep"]:
            done = retention_sweep()
            self.stdout.write(
                f"Erased: text of {done['messages']} messages, {done['sign_ins']} sign-in records, "
                f"{done['audit_rows']} audit rows"
            )
