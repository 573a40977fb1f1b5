"""A subject access request about someone the service does not hold gets a clear "nothing
held" answer: a letter saying so, an archive with only its manifest, and a disclosure on the
audit trail (issue 14, Bad input)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataprotection.conftest import archive_files
from victimcare.audit.models import Action, AuditEvent
from victimcare.dataprotection.models import SubjectAccessRequest
from victimcare.documents import pdf_facts

pytestmark = pytest.mark.django_db


def test_an_unknown_person_gets_nothing_held_audited(client_for, personas, case_a):
    client = client_for("adam")
    made = client.post("/data-protection/requests/new/", {
        "requester_name": "Zara Quinn", "requester": "subject", "first_name": "Zara", "last_name": "Quinn",
        "date_of_birth_day": "1", "date_of_birth_month": "6", "date_of_birth_year": "1990",
        "received_on_day": "2", "received_on_month": "3", "received_on_year": "2026",
    })  # fmt: skip
    assert made.status_code == 302
    sar = SubjectAccessRequest.objects.get(subject_last_name="Quinn")
    page = client.get(f"/data-protection/requests/{sar.id}/").content.decode()
    assert "No one held matches Zara Quinn" in page
    answered = client.post(f"/data-protection/requests/{sar.id}/", {"action": "nothing_held"})
    assert answered.status_code == 302
    sar.refresh_from_db()
    assert sar.status == "nothing_held" and sar.person is None and sar.released_by == personas["adam"]
    facts = pdf_facts(client.get(f"/data-protection/requests/{sar.id}/response.pdf").content)
    assert facts.title == "Subject access request: no personal information held" and facts.language == "en-GB"
    assert "we do not hold any personal information about this person" in " ".join(facts.text.split())
    files = archive_files(client.get(f"/data-protection/requests/{sar.id}/response.zip").content)
    assert list(files) == ["manifest.json"] and files["manifest.json"]["nothing_held"] is True
    row = AuditEvent.objects.get(action=Action.DISCLOSE, object_id=str(sar.pk))
    assert (
        row.detail == "subject access: nothing held" and row.actor == personas["adam"] and row.person is None
    )


def test_a_request_matched_to_someone_held_cannot_be_answered_nothing_held(client_for, personas, sar, seeded):
    from victimcare.dataprotection.services import sar_assemble

    sar_assemble(actor=personas["adam"], sar=sar, person=seeded.person)
    refused = client_for("adam").post(f"/data-protection/requests/{sar.id}/", {"action": "nothing_held"})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    sar.refresh_from_db()
    assert sar.status == "assembling" and not AuditEvent.objects.filter(action=Action.DISCLOSE).exists()


def test_the_request_records_its_receipt_and_due_date(client_for, case_a):
    client_for("adam").post("/data-protection/requests/new/", {
        "requester_name": "Zara Quinn", "requester": "subject", "last_name": "Quinn",
        "received_on_day": "2", "received_on_month": "3", "received_on_year": "2026",
    })  # fmt: skip
    sar = SubjectAccessRequest.objects.get()
    assert sar.received_on == date(2026, 3, 2) and sar.due_on == date(2026, 4, 2)
