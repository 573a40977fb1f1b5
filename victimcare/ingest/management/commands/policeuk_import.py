"""Load police.uk street-level crime and outcomes files, as data.police.uk publishes them.

    manage.py policeuk_import ../shared/data/police-uk/street/2025-0*-durham-street.csv

Every file's header is checked before any file is loaded, so a wrong file changes nothing.
Loading a month again replaces it, or changes nothing if the file is the same (docs/adr/0033).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimcare.ingest import policeuk
from victimcare.ingest.policeuk import KIND_LABELS, PoliceUkFormatError
from victimcare.ingest.services import LoadReport, policeuk_file_load

ACTOR = "manage.py policeuk_import"


class Command(BaseCommand):
    help = "Load police.uk street-level crime and outcomes CSV files (one force and month each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        for path in files:
            _check(path)
        for path in files:
            try:
                report = policeuk_file_load(actor=ACTOR, path=path)
            except PoliceUkFormatError as error:
                raise CommandError(
                    f"{path.name} was not loaded: {error}. Nothing from it was stored."
                ) from None
            self.stdout.write(describe(report))


def _check(path: Path) -> None:
    if not path.is_file():
        raise CommandError(f"{path} is not a file. Nothing was loaded.")
    try:
        policeuk.read_head(path)
    except PoliceUkFormatError as error:
        raise CommandError(f"{path.name} is not a police.uk file: {error}. Nothing was loaded.") from None


def describe(report: LoadReport) -> str:
    head = report.head
    status = {"loaded": "loaded", "replaced": "loaded, replacing the month loaded before",
              "unchanged": "already loaded with the same content: nothing changed"}[report.status]  # fmt: skip
    lines = [
        f"{report.file_name}: {head.force}, {KIND_LABELS[head.kind]}, {head.month:%Y-%m}: {status}",
        f"  rows read: {report.rows}",
        f"  crimes: {report.crimes}",
        f"  anti-social behaviour rows: {report.anti_social_behaviour}",
        f"  rows outside the force: {report.outside_force}",
        f"  duplicates (a Crime ID repeated in the file): {report.repeats}",
        f"  rows without coordinates: {report.without_coordinates}",
    ]
    if report.unrecognised:
        lines.append(f"  rows with a category not in the police.uk vocabulary: {report.unrecognised}")
    if not report.area_checked:
        lines.append(
            f"  the area {head.force} polices is not known here: only 'Falls within' placed rows outside it"
        )
    return "\n".join(lines)
