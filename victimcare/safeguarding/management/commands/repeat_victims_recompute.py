"""Recompute every case's repeat-victim flag (docs/adr/0019). Safe to run at any time and
to stop part way: each batch of people is written in its own transaction."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from victimcare.safeguarding.services import repeat_victims_recompute


class Command(BaseCommand):
    help = "Recompute the repeat-victim flag of every case from the victims' crimes."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=1000, help="People per batch (default 1000)")

    def handle(self, *args: Any, **options: Any) -> None:
        read, changed = repeat_victims_recompute(batch_size=options["batch_size"])
        self.stdout.write(
            f"Read {read} cases; changed {changed} repeat-victim flags "
            f"({settings.SAFEGUARDING_REPEAT_VICTIM_CRIMES} or more crimes within "
            f"{settings.SAFEGUARDING_REPEAT_VICTIM_MONTHS} months)."
        )
