"""Import a police feed file (CSV or JSON Lines, docs/feed-format.md).

    manage.py import_feed FILE --user USERNAME [--resume] [--batch-size N]

Rows are checked one by one; every refused row is listed with its field and why. Importing the
same file again changes nothing. Stopped part way (a kill, a lost connection), run it again with
--resume to carry on after the last committed batch (docs/adr/0033).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimcare.access.capabilities import Capability, can
from victimcare.accounts.models import User
from victimcare.ingest.feed import FeedFormatError
from victimcare.ingest.feed_services import DEFAULT_BATCH, FeedImportError, feed_import, run_counts
from victimcare.ingest.models import FeedRun

LABELS = {"rows": "rows read", "created": "records created", "unchanged": "unchanged (already imported)",
          "corrected": "corrected", "refused": "refused", "opted_out": "victims who opted out of referral, and their events (not kept)",
          "for_review": "possible matches to people already known, for review"}  # fmt: skip


class Command(BaseCommand):
    help = "Import a police feed file of crimes, victims and events (CSV or JSON Lines)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--user", required=True, help="The username the cases are opened by (a case creator)."
        )
        parser.add_argument(
            "--resume", action="store_true", help="Carry on a stopped import of the same file."
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH, help="Rows committed together.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file. Nothing was imported.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be 1 or more.")
        actor = User.objects.filter(username=options["user"], is_active=True).first()
        if actor is None or not can(actor, Capability.OPEN_CASES):
            raise CommandError(
                f"--user: {options['user']} is not an active member of staff who may open cases."
            )
        bar = ProgressBar(path.stat().st_size, self.stdout) if self.stdout.isatty() else None
        try:
            run = feed_import(actor=actor, path=path, resume=options["resume"], batch_size=options["batch_size"],
                              progress=bar.update if bar else None)  # fmt: skip
        except FeedFormatError as error:
            raise CommandError(f"{path.name} is not a feed file: {error}. Nothing was imported.") from None
        except FeedImportError as error:
            raise CommandError(f"{error}.") from None
        if bar is not None:
            bar.finish()
        self.stdout.write(report(run))


def report(run: FeedRun) -> str:
    lines = [f"{run.file_name}: imported in {run.batches} batches"]
    lines += [f"  {LABELS[name]}: {n}" for name, n in run_counts(run).items()]
    for refusal in run.refusals.all():
        what = f"{refusal.record} {refusal.source_id}".strip()
        lines.append(f"  line {refusal.line}{f' ({what})' if what else ''}: {refusal.field} {refusal.reason}")
    return "\n".join(lines)


class ProgressBar:
    """A one-line bar on a terminal, redrawn at most once per percent."""

    WIDTH = 40

    def __init__(self, total: int, out: Any) -> None:
        self.total, self.out, self.shown = max(total, 1), out, -1

    def update(self, done: int) -> None:
        percent = min(100, done * 100 // self.total)
        if percent != self.shown:
            self.shown = percent
            filled = self.WIDTH * percent // 100
            self.out.write(f"\r[{'#' * filled}{' ' * (self.WIDTH - filled)}] {percent:3d}%", ending="")
            self.out.flush()

    def finish(self) -> None:
        self.out.write("", ending="\n")
