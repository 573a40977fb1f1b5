"""Send every due outbox message from this process (claiming rows, so any number of these and
of db_worker jobs may run at once). Used by the benchmarks and for operations."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from victimcare.notify import services


class Command(BaseCommand):
    help = "Send due outbox messages, then stop (or keep polling with --follow)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--limit", type=int, default=100, help="Messages claimed per batch")
        parser.add_argument("--worker", default="", help="Name recorded on the claims")
        parser.add_argument("--follow", action="store_true", help="Keep polling every second")

    def handle(self, *args: Any, **options: Any) -> None:
        worker = options["worker"] or services.worker_name()
        total = 0
        while True:
            outcomes = services.outbox_drain(worker=worker, limit=options["limit"])
            total += len(outcomes)
            if not options["follow"]:
                break
            time.sleep(1)
        self.stdout.write(f"{worker}: {total} messages handled")
