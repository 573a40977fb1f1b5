"""The scheduler loop: one tick writes reminders and enqueues due messages for db_worker."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from tests.factories import local
from tests.notify.conftest import record, record_if_any
from victimcare.notify.models import MailboxItem, Reminder, Status

pytestmark = pytest.mark.django_db


def test_it_sends_what_is_due_and_writes_reminders_in_one_tick(victim_case_factory, personas, tuesday):
    vcase = victim_case_factory(reference="DU/00800/26", opt_in=False)
    record_if_any(vcase, "suspect_arrested", personas["olly"])
    waiting = victim_case_factory(reference="DU/00801/26")
    msg = record(waiting, "suspect_charged", personas["olly"])  # written, never handed to a worker
    with time_machine.travel(local(2026, 4, 13, 8, 0), tick=False):
        out = StringIO()
        call_command("notify_scheduler", "--once", stdout=out)  # TASKS is the immediate backend here
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED and MailboxItem.objects.filter(message=msg).exists()
    assert Reminder.objects.filter(case=vcase, kind="due_soon").exists()
    assert "Reminder scan" in out.getvalue()
