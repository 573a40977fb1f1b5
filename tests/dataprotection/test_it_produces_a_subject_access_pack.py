"""A subject access request for a seeded victim gathers everything held about her (cases,
timeline, messages, notifications, referrals and what was shared, who looked) and releases it
as a tagged PDF and a ZIP of JSON files, one per record type, with a manifest; the release is
audited as a disclosure (docs/adr/0053)."""

from __future__ import annotations

import pytest

from tests.dataprotection.conftest import VICTIM_MESSAGE, archive_files
from victimcare.audit.models import Action, AuditEvent
from victimcare.dataprotection.gather import RECORD_TYPES
from victimcare.dataprotection.models import SarStatus
from victimcare.dataprotection.services import sar_assemble, sar_release, sar_review_start
from victimcare.documents import pdf_facts
from victimcare.refusals import Refusal

pytestmark = pytest.mark.django_db


def _released(personas, sar, person):
    adam = personas["adam"]
    sar = sar_assemble(actor=adam, sar=sar, person=person)
    sar = sar_review_start(actor=adam, sar=sar)
    return sar_release(actor=adam, sar=sar)


def test_it_gathers_every_kind_of_record_held(personas, sar, seeded):
    sar = sar_assemble(actor=personas["adam"], sar=sar, person=seeded.person)
    assert sar.status == SarStatus.ASSEMBLING and sar.person == seeded.person
    kinds = set(sar.items.values_list("record_type", flat=True))
    assert {
        "person",
        "cases",
        "crimes",
        "timeline",
        "messages",
        "notifications",
        "referrals",
        "record_looks",
    } <= kinds
    messages = [i.data["body"] for i in sar.items.filter(record_type="messages")]
    assert VICTIM_MESSAGE in messages
    referral = sar.items.get(record_type="referrals")
    assert referral.data["service"] == "Harbour Support Services" and referral.data["status"].startswith(
        "Sent"
    )
    shared = {s["label"]: s["value"] for s in referral.data["snapshot"]}  # what was shared
    assert shared["Phone number"] == "07700 900123" and shared["Name"] == "Jane Smith"
    looks = [i.data for i in sar.items.filter(record_type="record_looks")]
    assert any(look["actor_label"] == "Cara Walsh (cara)" and look["action"] == "Viewed" for look in looks)
    assert all("hash" not in look and "ip_address" not in look for look in looks)


def test_the_pdf_is_tagged_in_british_english_with_its_title(personas, sar, seeded):
    sar = _released(personas, sar, seeded.person)
    facts = pdf_facts(bytes(sar.pdf))
    assert facts.marked and facts.has_structure_tree and {"H1", "H2", "Table", "TH"} <= facts.structure_tags
    assert facts.language == "en-GB" and facts.displays_title
    assert facts.title == "Your personal information: subject access response"
    assert "Jane Smith" in facts.text and "Harbour Support Services" in facts.text


def test_the_archive_has_a_file_per_record_type_and_a_manifest(personas, sar, seeded):
    sar = _released(personas, sar, seeded.person)
    files = archive_files(bytes(sar.archive))
    assert set(files) == {"manifest.json", *(f"{t}.json" for t, _ in RECORD_TYPES)}
    manifest = files["manifest.json"]
    assert manifest["subject"] == "Jane Smith" and manifest["nothing_held"] is False
    assert {f["file"]: f["records"] for f in manifest["files"]}["messages.json"] == 2
    assert files["messages.json"][0]["data"]["body"] == VICTIM_MESSAGE
    assert files["cases.json"][0]["data"]["caseworker"] == "Cara Walsh"


def test_the_release_is_audited_as_a_disclosure(personas, sar, seeded):
    sar = _released(personas, sar, seeded.person)
    assert sar.status == SarStatus.RELEASED and sar.released_by == personas["adam"]
    row = AuditEvent.objects.get(action=Action.DISCLOSE, object_id=str(sar.pk))
    assert row.person == seeded.person and row.actor == personas["adam"]
    assert row.changes["category"] == "disclosure" and row.detail == "subject access: response released"
    steps = list(
        AuditEvent.objects.filter(object_type="subjectaccessrequest", object_id=str(sar.pk)).values_list(
            "detail", flat=True
        )
    )
    assert {
        "subject access request received",
        "subject access: record gathered",
        "subject access: sent for review",
    } <= set(steps)


def test_nothing_is_gathered_before_identity_is_verified(personas, seeded):
    from datetime import date

    from victimcare.dataprotection.services import sar_create

    unverified = sar_create(actor=personas["adam"], requester_name="Jane Smith", requester="subject",
                            first_name="Jane", last_name="Smith", date_of_birth=None, received_on=date(2026, 3, 2))  # fmt: skip
    with pytest.raises(Refusal, match="Verify the requester's identity"):
        sar_assemble(actor=personas["adam"], sar=unverified, person=seeded.person)
    assert not unverified.items.exists()


def test_a_response_is_released_only_after_review(personas, sar, seeded):
    sar = sar_assemble(actor=personas["adam"], sar=sar, person=seeded.person)
    with pytest.raises(Refusal):
        sar_release(actor=personas["adam"], sar=sar)
    sar.refresh_from_db()
    assert sar.status == SarStatus.ASSEMBLING and sar.pdf is None
