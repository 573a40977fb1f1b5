"""What ends without review (docs/adr/0052): the retention sweep (run by the scheduler, and by
`manage.py retention_due --sweep`) empties outbound messages' text past the message period,
deletes staff sign-in records past theirs, and erases the oldest audit rows past the audit
period from the start of the chain, so `audit_verify` still passes; the sweep is audited."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from tests.factories import local
from victimcare.audit.models import Action, AuditEvent, Category
from victimcare.audit.services import audit_record
from victimcare.notify.models import OutboundMessage

pytestmark = pytest.mark.django_db


def test_it_is_run_by_the_scheduler():
    assert "victimcare.dataprotection.services.retention_sweep" in settings.SCHEDULED_SCANS


def test_it_erases_the_oldest_audit_rows_and_the_chain_still_verifies(personas, case_a):
    with time_machine.travel(local(2026, 3, 1, 9, 0), tick=False):
        old = audit_record(actor=personas["cara"], action=Action.VIEW, case=case_a, detail="an old look")
    with time_machine.travel(local(2030, 3, 1, 9, 0), tick=False):
        kept = audit_record(actor=personas["cara"], action=Action.VIEW, case=case_a, detail="a later look")
    messages = OutboundMessage.objects.filter(case=case_a).exclude(status__in=["queued", "sending"])
    with time_machine.travel(local(2034, 6, 1, 9, 0), tick=False):  # past 7 years from the set-up too
        out = io.StringIO()
        call_command("retention_due", "--sweep", stdout=out)
    assert "audit rows" in out.getvalue()
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    swept = AuditEvent.objects.filter(action=Action.ERASE).latest("id")
    assert swept.category == Category.ERASURE and swept.changes["audit_rows"] > 0
    assert all(m.body == "" and m.to_address == "" for m in messages.all())
    verified = io.StringIO()
    call_command("audit_verify", stdout=verified)
    assert "intact" in verified.getvalue()


def test_it_erases_nothing_before_its_time(personas, case_a):
    audit_record(actor=personas["cara"], action=Action.VIEW, case=case_a, detail="a look")
    before = AuditEvent.objects.count()
    call_command("retention_due", "--sweep", stdout=io.StringIO())
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(action=Action.ERASE).exists()
