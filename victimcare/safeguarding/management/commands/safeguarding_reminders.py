"""Write reminders about protective orders that expire soon (run once a day, e.g. from cron).
The notify scheduler (`manage.py notify_scheduler`) sends them with the staff's other
reminders, at once or in the daily digest."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from victimcare.safeguarding.services import order_expiry_reminders_write


class Command(BaseCommand):
    help = "Remind caseworkers of protective orders that expire soon."

    def handle(self, *args: Any, **options: Any) -> None:
        written = order_expiry_reminders_write()
        self.stdout.write(f"Protective order reminders checked: {written}")
