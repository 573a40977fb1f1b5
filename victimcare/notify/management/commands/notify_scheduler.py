"""The scheduler loop: django-tasks has no periodic jobs, so this enqueues what falls due.

Each tick it writes staff reminders (the entitlement scan, every --scan-every seconds, with the
other apps' housekeeping listed in settings.SCHEDULED_SCANS, such as protective-order expiry
reminders and the pruning of old portal sign-in records), sends
the reminders that are due (immediate, or the daily digest), and, if any outbox message is due
(a retry after backoff, one that waited for a safe time, or one a dead worker had claimed),
enqueues a drain job for `manage.py db_worker`. Run one per deployment (two are harmless: the
reminder keys and the outbox claims are unique). `--once` runs a single tick (for cron).
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from victimcare.notify import reminders, services
from victimcare.notify.services import drain_outbox


class Command(BaseCommand):
    help = "Enqueue due outbox messages and write and send staff reminders, in a loop."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Run one tick and stop")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between ticks (default 30)")
        parser.add_argument("--scan-every", type=int, default=300, help="Seconds between reminder scans")
        parser.add_argument("--send", action="store_true", help="Send due messages here, not via db_worker")

    def handle(self, *args: Any, **options: Any) -> None:
        last_scan = 0.0
        while True:
            started = time.monotonic()
            if options["once"] or started - last_scan >= options["scan_every"]:
                written = reminders.reminders_scan()
                last_scan = started
                self.stdout.write(f"Reminder scan: {written} reminders checked")
                for name in settings.SCHEDULED_SCANS:
                    self.stdout.write(f"{name.rsplit('.', 1)[-1]}: {import_string(name)()}")
            sent = reminders.reminders_send()
            due = services.outbox_due()
            if due and options["send"]:
                due = len(services.outbox_drain())
            elif due:
                drain_outbox.enqueue()
            self.stdout.write(f"Reminder emails written: {sent}; messages due: {due}")
            if options["once"]:
                return
            time.sleep(max(1.0, options["interval"] - (time.monotonic() - started)))
