"""A person's request to correct their data is recorded with what was changed; the change goes
through person_update (so it is on the audit trail) and the person is told which details were
corrected, in their language (docs/adr/0053)."""

from __future__ import annotations

import pytest

from tests.factories import make_victim_case
from victimcare.audit.models import Action, AuditEvent
from victimcare.dataprotection.models import RectificationRequest
from victimcare.notify.models import OutboundMessage

pytestmark = pytest.mark.django_db


def _post(person, **changes):
    data = {"received_on_day": "2", "received_on_month": "3", "received_on_year": "2026",
            "requested": "My phone number is wrong", "first_name": person.first_name,
            "last_name": person.last_name, "email": person.email, "phone": person.phone,
            "address": person.address, "postcode": person.postcode, "date_of_birth_day": "14",
            "date_of_birth_month": "2", "date_of_birth_year": "1987"}  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def jane(personas, settings):
    settings.NOTIFY_TRANSPORT = "mailbox"
    return make_victim_case(personas, reference="DU/00801/26").person


def test_a_correction_is_made_audited_and_the_person_told(client_for, personas, jane):
    saved = client_for("adam").post(
        f"/data-protection/people/{jane.id}/rectify/", _post(jane, phone="07700 900555")
    )
    assert saved.status_code == 302
    jane.refresh_from_db()
    assert jane.phone == "07700900555"
    record = RectificationRequest.objects.get(person=jane)
    assert record.fields_changed == ["phone"] and record.decided_by == personas["adam"]
    change = AuditEvent.objects.get(person=jane, action=Action.UPDATE, object_type="person")
    assert change.actor == personas["adam"] and change.changes == {"phone": ["[redacted]", "[redacted]"]}
    assert record.told_message_id is not None
    told = OutboundMessage.objects.get(pk=record.told_message_id)
    assert told.person == jane and told.template == "record_corrected" and told.channel == "email"
    assert "We have now corrected: your phone number." in told.body


def test_a_welsh_speaker_is_told_in_welsh(client_for, personas, settings):
    settings.NOTIFY_TRANSPORT = "mailbox"
    person = make_victim_case(personas, reference="DU/00802/26", language="cy").person
    client_for("adam").post(f"/data-protection/people/{person.id}/rectify/", _post(person, last_name="Smyth"))
    told = OutboundMessage.objects.get(template="record_corrected")
    assert told.language == "cy" and "eich cyfenw" in told.body


def test_nothing_changed_needs_a_reason(client_for, jane):
    client = client_for("adam")
    refused = client.post(f"/data-protection/people/{jane.id}/rectify/", _post(jane))
    assert (
        refused.status_code == 200
        and "Change a detail, or enter why nothing was corrected" in refused.content.decode()
    )
    assert not RectificationRequest.objects.exists()
    kept = client.post(
        f"/data-protection/people/{jane.id}/rectify/",
        _post(jane, not_corrected_reason="The number is right: we rang it"),
    )
    assert kept.status_code == 302
    record = RectificationRequest.objects.get()
    assert record.fields_changed == [] and record.told_message_id is None
