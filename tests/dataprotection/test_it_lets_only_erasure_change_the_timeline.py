"""The timeline still refuses UPDATE in the database, except inside an erasure permit, which
only retention takes (cases migration 0009); the audit trail refuses UPDATE even then."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from victimcare.audit.chain import erasure_permit
from victimcare.audit.services import audit_record
from victimcare.cases.models import Event

pytestmark = pytest.mark.django_db


def test_it_refuses_an_event_update_without_a_permit(case_a):
    event = case_a.events.first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(notes="rewritten")
    assert Event.objects.get(pk=event.pk).notes == ""


def test_it_lets_an_erasure_empty_an_event(case_a):
    event = case_a.events.first()
    with transaction.atomic():
        with erasure_permit(reason="retention test"):
            Event.objects.filter(pk=event.pk).update(notes="")
        # The permit is gone when its block ends.
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            Event.objects.filter(pk=event.pk).update(notes="again")


def test_the_audit_trail_refuses_an_update_even_with_a_permit(case_a):
    row = audit_record(actor=None, action="view", detail="a look")
    permit = erasure_permit(reason="retention test")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        permit,
        connection.cursor() as c,
    ):
        c.execute("UPDATE audit_auditevent SET detail = 'changed' WHERE id = %s", [row.pk])
