"""Erasing a case is all or nothing: if it fails after the timeline and the messages were
emptied, before the person's own record, nothing is changed, nothing recorded or audited."""

from __future__ import annotations

import pytest

from tests.dataprotection.conftest import VICTIM_MESSAGE
from tests.dataprotection.retention_support import NOTE, later, with_a_note
from victimcare.audit.chain import chain_verify
from victimcare.audit.models import Action, AuditEvent
from victimcare.cases.models import Event
from victimcare.dataprotection import retention
from victimcare.dataprotection.models import ErasureRecord, RetentionDecision
from victimcare.dataprotection.services import case_erase
from victimcare.messaging.models import Message
from victimcare.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failure_midway_leaves_nothing_changed(personas, seeded, monkeypatch):
    vcase = with_a_note(seeded)
    events = list(Event.objects.filter(case=vcase).values_list("id", "notes", "payload"))
    reached = []
    real = retention.erase_case_records

    def then_fail(person):
        reached.append(Event.objects.filter(case=vcase, notes=NOTE).exists())
        raise OSError("the database went away")

    monkeypatch.setattr(retention, "erase_person_records", then_fail)
    with later(), pytest.raises(OSError):
        case_erase(actor=personas["adam"], case=vcase, reason="Past its period")
    assert reached == [False], "the timeline was emptied before the failure"
    assert real is retention.erase_case_records
    assert list(Event.objects.filter(case=vcase).values_list("id", "notes", "payload")) == events
    assert VICTIM_MESSAGE in [
        m.body for m in Message.objects.filter(case=vcase)
    ]  # encrypted: compared in Python
    assert Person.objects.get(pk=vcase.person_id).last_name == "Smith"
    assert not ErasureRecord.objects.exists() and not RetentionDecision.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.ERASE).exists()
    vcase.crime.refresh_from_db()
    assert not vcase.crime.crime_reference.startswith("ERASED")
    assert chain_verify().broken is None
