"""Counts by crime type and last outcome category for a force's loaded police.uk month.

    manage.py policeuk_summary --month 2025-01 [--force "Durham Constabulary"] [--format csv]

Rows outside the force area are left out and a repeated Crime ID counts once (docs/adr/0033).
"""

from __future__ import annotations

import csv
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimcare.ingest.policeuk import PoliceUkFormatError, parse_month
from victimcare.ingest.selectors import forces_loaded, month_summary


class Command(BaseCommand):
    help = "Print counts by crime type and last outcome category for a loaded police.uk month."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument(
            "--force", help="The force as police.uk names it (needed when several are loaded)."
        )
        parser.add_argument("--format", choices=("table", "csv"), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_month(options["month"])
        except PoliceUkFormatError as error:
            raise CommandError(f"--month: {error}") from None
        force = _force(options["force"], forces_loaded(month), f"{month:%Y-%m}")
        rows = month_summary(force, month)
        if options["format"] == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(("force", "month", "crime_type", "last_outcome_category", "crimes"))
            writer.writerows((force, f"{month:%Y-%m}", *row) for row in rows)
            return
        self.stdout.write(
            f"{force}, {month:%B %Y}: {sum(n for *_, n in rows)} crimes and anti-social behaviour"
        )
        width = max((len(t) for t, _, _ in rows), default=10)
        for crime_type, outcome, n in rows:
            self.stdout.write(f"{crime_type:<{width}}  {n:>6}  {outcome}")


def _force(asked: str | None, loaded: list[str], month: str) -> str:
    if asked:
        if asked not in loaded:
            raise CommandError(
                f"No street-level file for {asked} is loaded for {month}. Loaded: {', '.join(loaded) or 'none'}."
            )
        return asked
    if not loaded:
        raise CommandError(
            f"No police.uk street-level file is loaded for {month}. Load one with policeuk_import."
        )
    if len(loaded) > 1:
        raise CommandError(
            f"Several forces are loaded for {month} ({', '.join(loaded)}): choose one with --force."
        )
    return loaded[0]
