"""The provider sees only what the victim agreed to share, as it was when the referral was sent."""

from __future__ import annotations

import pytest

from victimcare.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_stores_the_shared_items_when_sent(sent_referral):
    assert sent_referral.snapshot == [
        {"item": "name", "label": "Name", "value": "Jane Smith"},
        {"item": "safe_contact", "label": "How and when it is safe to contact them",
         "value": "Contact by: Phone call.", "channels": ["phone"], "no_voicemail": False, "no_letters": False},
        {"item": "phone", "label": "Phone number", "value": "07700 900123"},
    ]  # fmt: skip


def test_it_shows_the_provider_the_snapshot_and_nothing_else(client_for, sent_referral, case_a):
    person = case_a.person
    person.phone, person.email, person.address = "07700 900999", "jane@example.org", "1 Front Street"
    person.save()
    body = client_for("pat").get(f"/provider/referrals/{sent_referral.id}/").content.decode()
    assert "Jane Smith" in body and "07700 900123" in body  # as it was when sent
    for private in ("07700 900999", "jane@example.org", "1 Front Street", "14 February 1987",
                    case_a.crime.crime_reference, "Wants help with court", "Domestic abuse"):  # fmt: skip
        assert private not in body, private


def test_it_lists_the_referral_with_the_shared_name_only(client_for, sent_referral, case_a):
    body = client_for("pat").get("/provider/").content.decode()
    assert "Jane Smith" in body and f"Referral {sent_referral.id}" in body
    assert case_a.crime.crime_reference not in body


def test_it_never_shows_a_draft_to_the_provider(client_for, personas, case_b, harbour):
    from tests.support.conftest import consented

    draft = consented(personas["cole"], case_b, harbour)
    client = client_for("pat")
    assert client.get(f"/provider/referrals/{draft.id}/").status_code == 404
    assert "Tom Baker" not in client.get("/provider/?show=all").content.decode()


def test_it_audits_every_provider_look(client_for, sent_referral, case_a):
    client = client_for("pat")
    client.get(f"/provider/referrals/{sent_referral.id}/")
    client.get(f"/provider/referrals/{sent_referral.id}/")
    looks = AuditEvent.objects.filter(actor__username="pat", action="view", object_type="referral",
                                      object_id=str(sent_referral.id))  # fmt: skip
    assert looks.count() == 2
    assert {(a.person_id, a.case_id) for a in looks} == {(case_a.person_id, case_a.id)}
