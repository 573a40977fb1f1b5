"""The scheduler loop: django-tasks has no periodic jobs, so this enqueues what falls due.

Each tick it writes staff reminders (the entitlement scan, every --scan-every seconds, with the
other apps' housekeeping listed in settings.SCHEDULED_SCANS, such as protective-order expiry
reminders and the pruning of old portal sign-in records), sends
the reminders that are due (immediate, or the daily digest), and, if any outbox message is due
(a retry after backoff, one that waited for a safe time, or one a dead worker had claimed),
enqueues a drain job for `manage.py db_worker`. Run one per deployment (two are harmless: the
reminder keys and the outbox claims are unique). `--once` runs a single tick (for cron).

Each tick also takes back what dead job workers left (notify/worker.py). A tick that loses the
database connection (the database restarting) logs a warning, closes the connections and the
loop carries on after a pause (1 s, doubling to 30 s) instead of ending (docs/adr/0058); with
`--once` it fails with the reason.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from victimcare.notify import reminders, services
from victimcare.notify import worker as resilience
from victimcare.notify.services import drain_outbox


class Command(BaseCommand):
    help = "Enqueue due outbox messages and write and send staff reminders, in a loop."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Run one tick and stop")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between ticks (default 30)")
        parser.add_argument("--scan-every", type=int, default=300, help="Seconds between reminder scans")
        parser.add_argument("--send", action="store_true", help="Send due messages here, not via db_worker")
        parser.add_argument("--ticks", type=int, default=0, help="Stop after this many ticks (0: never)")

    def handle(self, *args: Any, **options: Any) -> None:
        self.last_scan = 0.0
        ticks, pause = 0, 1.0
        while True:
            started = time.monotonic()
            ticks += 1
            try:
                self.tick(started, options)
                pause = 1.0
            except resilience.CONNECTION_ERRORS as err:
                if not resilience.connection_lost(err):
                    raise
                resilience.connections_reset()
                if options["once"]:
                    raise CommandError(f"Lost the database connection: {err}") from err
                self.stderr.write(
                    f"Lost the database connection ({type(err).__name__}: {str(err).strip()[:200]}); "
                    f"reconnecting in {pause:.0f} s"
                )
                resilience.log.warning("notify_scheduler lost the database connection: %s", err)
                time.sleep(pause)
                pause = resilience.next_pause(pause)
                if options["ticks"] and ticks >= options["ticks"]:
                    return
                continue
            if options["once"] or (options["ticks"] and ticks >= options["ticks"]):
                return
            time.sleep(max(1.0, options["interval"] - (time.monotonic() - started)))

    def tick(self, started: float, options: dict[str, Any]) -> None:
        if options["once"] or started - self.last_scan >= options["scan_every"]:
            written = reminders.reminders_scan()
            self.last_scan = started
            self.stdout.write(f"Reminder scan: {written} reminders checked")
            for name in settings.SCHEDULED_SCANS:
                self.stdout.write(f"{name.rsplit('.', 1)[-1]}: {import_string(name)()}")
        reclaimed = resilience.dead_workers_reclaim()
        if reclaimed.jobs or reclaimed.messages:
            self.stdout.write(
                f"Taken back from stopped workers: {reclaimed.jobs} jobs, {reclaimed.messages} messages"
            )
        sent = reminders.reminders_send()
        due = services.outbox_due()
        if due and options["send"]:
            due = len(services.outbox_drain())
        elif due:
            drain_outbox.enqueue()
        self.stdout.write(f"Reminder emails written: {sent}; messages due: {due}")
