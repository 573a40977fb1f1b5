"""manage.py recompute_entitlements [--batch-size N] [--resume] [--max-batches N]

Rebuild every case's stored rights and entitlements from its events, after a change to the rule
files, the `holidays` package or the bank holidays table (docs/adr/0011).

Cases are streamed in id order, a batch at a time (keyset pagination: `id > last` with a
limit, never the whole table in memory). Each batch and the run's progress (`last_case_id`)
commit in one transaction, so a run stopped at any moment (Ctrl-C, kill, a crash) has written
whole batches only, and `--resume` carries on after the last one: every case is computed once.

Each batch goes through the same reactions as a recorded event (victimcare/pipeline/order.py),
with no new events: the stored entitlements and the derived safeguarding flags are rebuilt from
each case's timeline, in one recompute per batch; nothing is sent (docs/adr/0030).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from victimcare.cases.models import VictimCase
from victimcare.cases.pipeline import CaseEvents, event_reactions_run
from victimcare.rights.models import RecomputeRun
from victimcare.rights.services import rules_digest


def _commit_without_waiting_for_disk() -> None:
    """PostgreSQL: this batch's commit returns before its WAL reaches disk (waiting took a
    tenth of a batch). Safe for a recompute: the rows are derived, and a crash can lose only the
    last batches whole, with their progress marker, which --resume computes again."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused for one batch. A batch keeps its ~12,000 event rows, their
    engine events and its obligations alive until it ends, so each collection found nothing to
    free and the full ones walked the whole heap: a fifth of a recompute (docs/adr/0055). The
    rows are freed by reference counting when the batch ends, and the collector, running again,
    takes any cycle left over: memory stays flat (bench/bench_recompute.py measures it)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# What the reactions read of a case when it has no new events: which case, whose, and the
# derived flags they refresh (safeguarding.reactions). Loading every column cost more than the
# engine: Django reads the three timestamps in Python (docs/adr/0055). A reaction that reads
# another field still gets it, in one more query for that case.
_BATCH_FIELDS = ("id", "organisation_id", "person_id", "crime_id", "vulnerable", "repeat_victim")


class Command(BaseCommand):
    help = "Recompute every case's stored Victims' Code entitlements (resumable)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000, help="Cases per transaction.")
        parser.add_argument(
            "--resume", action="store_true", help="Carry on the last run that did not finish."
        )
        parser.add_argument(
            "--max-batches",
            type=int,
            default=None,
            help="Stop after this many batches, leaving the run to --resume (for testing and for "
            "spreading a long run over quiet hours).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        run = self._run(resume=options["resume"])
        remaining = VictimCase.objects.filter(id__gt=run.last_case_id).count()
        self.stdout.write(
            f"Run {run.pk}: {remaining} cases to compute after case {run.last_case_id} "
            f"(rules {run.rules_digest}, batches of {batch_size})."
        )
        try:
            finished = self._batches(run, batch_size, remaining, options["max_batches"])
        except KeyboardInterrupt:
            self.stdout.write(
                f"\nInterrupted after case {run.last_case_id} ({run.cases_done} cases done). "
                "Run again with --resume to carry on."
            )
            raise SystemExit(130) from None
        if finished:
            RecomputeRun.objects.filter(pk=run.pk).update(
                state=RecomputeRun.State.FINISHED, finished_at=timezone.now()
            )
            self.stdout.write(f"Finished: {run.cases_done} cases in {run.batches_done} batches.")
        else:
            self.stdout.write(
                f"Stopped after {run.batches_done} batches, at case {run.last_case_id}. "
                "Run again with --resume to carry on."
            )

    def _run(self, *, resume: bool) -> RecomputeRun:
        unfinished = RecomputeRun.objects.filter(state=RecomputeRun.State.RUNNING).order_by("-pk")
        if resume:
            run = unfinished.first()
            if run is None:
                raise CommandError("There is no unfinished run to resume.")
            if run.rules_digest != rules_digest():
                self.stdout.write("The rule files changed since this run started: its later cases use the new rules.")  # fmt: skip
            return run
        unfinished.update(state=RecomputeRun.State.ABANDONED)
        return RecomputeRun.objects.create(rules_digest=rules_digest())

    def _batches(self, run: RecomputeRun, batch_size: int, remaining: int, max_batches: int | None) -> bool:
        """Compute batches until none is left (True) or max_batches is reached (False)."""
        started, batches, cases = time.monotonic(), 0, 0
        while max_batches is None or batches < max_batches:
            batch = list(
                VictimCase.objects.filter(id__gt=run.last_case_id)
                .order_by("id")
                .only(*_BATCH_FIELDS)[:batch_size]
            )
            if not batch:
                return True
            ids = [case.pk for case in batch]
            with _no_cycle_collection(), transaction.atomic():
                _commit_without_waiting_for_disk()
                event_reactions_run([CaseEvents(case) for case in batch])
                RecomputeRun.objects.filter(pk=run.pk).update(
                    last_case_id=ids[-1],
                    cases_done=run.cases_done + len(ids),
                    batches_done=run.batches_done + 1,
                )
            # Only once the batch has committed does this process count it as done.
            run.last_case_id = ids[-1]
            run.cases_done += len(ids)
            run.batches_done += 1
            batches, cases = batches + 1, cases + len(ids)
            rate = cases / max(time.monotonic() - started, 1e-9)
            self.stdout.write(
                f"Batch {run.batches_done}: up to case {run.last_case_id}; "
                f"{cases} of {remaining} cases, {rate:,.0f} cases/s"
            )
        return not VictimCase.objects.filter(id__gt=run.last_case_id).exists()
