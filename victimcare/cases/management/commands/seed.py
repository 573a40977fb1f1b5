"""Load realistic, deterministic synthetic victims, crimes, cases and timelines.

    manage.py seed --victims 500 --seed 1
    manage.py seed --proportions-from ../shared/data/police-uk/street --write-tables

Crime types and outcomes follow Durham's police.uk street-level files (Jan-Jun 2025), from the
table shipped in victimcare/cases/vocab/. See docs/adr/0008-synthetic-demo-data.md.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimcare.cases.synthetic.policeuk import StreetTables, street_tables, write_tables
from victimcare.cases.synthetic.seeding import (
    DEFAULT_ANCHOR,
    SeedCounts,
    SeedOptions,
    SeedRefused,
    seed_database,
)


class Command(BaseCommand):
    help = "Load synthetic victims, crimes, cases and timelines (the same --victims and --seed give the same data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--victims", type=int, default=500, help="How many victims (people) to create.")
        parser.add_argument("--seed", type=int, default=1, help="0-99; the same seed gives the same data.")
        parser.add_argument(
            "--anchor",
            type=date.fromisoformat,
            default=DEFAULT_ANCHOR,
            help="The day the data is 'as at' (YYYY-MM-DD): nothing happens after it.",
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="Victims written per batch.")
        parser.add_argument(
            "--proportions-from",
            type=Path,
            metavar="DIR",
            help="Compute the crime type x outcome table from police.uk street CSVs in DIR.",
        )
        parser.add_argument(
            "--write-tables",
            action="store_true",
            help="With --proportions-from: rewrite the shipped tables in vocab/ and stop.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        tables = self._tables(options["proportions_from"], write=options["write_tables"])
        if options["write_tables"]:
            return
        seed_options = SeedOptions(victims=options["victims"], seed=options["seed"], anchor=options["anchor"],
                                   batch_size=options["batch_size"], tables=tables)  # fmt: skip
        started = time.monotonic()
        try:
            counts = seed_database(
                seed_options, progress=self._progress if options["verbosity"] > 1 else None
            )
        except SeedRefused as err:
            raise CommandError(str(err)) from None
        self.stdout.write(
            f"Seeded {counts.people} victims, {counts.crimes} crimes, {counts.cases} cases and {counts.events} "
            f"events (seed {seed_options.seed}, as at {seed_options.anchor}) in {time.monotonic() - started:.1f} s\n"
        )

    def _tables(self, folder: Path | None, *, write: bool) -> StreetTables | None:
        if folder is None:
            if write:
                raise CommandError("--write-tables needs --proportions-from DIR.")
            return None
        try:
            tables = street_tables(folder)
        except FileNotFoundError as err:
            raise CommandError(str(err)) from None
        if write:
            for path in write_tables(tables):
                self.stdout.write(f"Wrote {path}\n")
        return tables

    def _progress(self, counts: SeedCounts) -> None:
        self.stdout.write(f"  {counts.people} victims, {counts.events} events\n")
