"""The provider always sees the victim's current safe-contact rules: a change reaches every open
referral (its snapshot is brought up to date, the referral says when, an audit row says so), and
the provider's pages tell them to read the rules again (docs/adr/0042)."""

from __future__ import annotations

from datetime import time

import pytest

from tests.factories import local
from tests.support.conftest import SENT, consented
from victimcare.audit.models import AuditEvent
from victimcare.people.services import person_update
from victimcare.support.models import Referral
from victimcare.support.reactions import REFRESHED
from victimcare.support.services import referral_send, referral_step
from victimcare.support.sharing import WITHDRAWN

pytestmark = pytest.mark.django_db


def _item(referral: Referral, key: str) -> str | None:
    referral.refresh_from_db()
    return next((e["value"] for e in referral.snapshot if e["item"] == key), None)


def test_a_change_to_the_rules_reaches_the_providers_page(client_for, personas, case_a, sent_referral):
    assert sent_referral.contact_rules_changed_at is None
    person_update(actor=personas["cara"], person=case_a.person, data={
        "allowed_channels": ["sms"], "safe_time_from": time(9), "safe_time_to": time(12), "no_voicemail": True,
    })  # fmt: skip
    rules = "Contact by: Text message. Safe times: 09:00 to 12:00. Do not leave voicemail."
    assert _item(sent_referral, "safe_contact") == rules
    assert sent_referral.contact_rules_changed_at is not None
    pat = client_for("pat")
    page = pat.get(f"/provider/referrals/{sent_referral.id}/").content.decode()
    assert rules in page and 'id="contact-rules-changed"' in page
    assert "Read it again below before you contact them" in page
    assert "Contact rules changed" in pat.get("/provider/").content.decode()
    assert "Phone call" not in page  # the old rules are gone from what the provider sees


def test_it_leaves_an_audit_row_naming_what_changed_but_not_the_values(personas, case_a, sent_referral):
    person_update(actor=personas["cara"], person=case_a.person, data={"phone_unsafe": True})
    row = AuditEvent.objects.get(detail=REFRESHED, object_id=str(sent_referral.id))
    assert (row.person_id, row.case_id, row.actor_label) == (case_a.person_id, case_a.id, "System")
    assert set(row.changes) == {"phone"} and "07700" not in str(row.changes)


def test_a_detail_marked_unsafe_is_withdrawn_from_the_provider(client_for, personas, case_a, sent_referral):
    person_update(actor=personas["cara"], person=case_a.person, data={"phone_unsafe": True})
    assert _item(sent_referral, "phone") == WITHDRAWN
    page = client_for("pat").get(f"/provider/referrals/{sent_referral.id}/").content.decode()
    assert "07700 900123" not in page and WITHDRAWN in page


def test_it_reaches_every_open_referral_and_leaves_finished_ones_as_they_were(
    personas, case_a, sent_referral, harbour, external
):
    cara = personas["cara"]
    second = referral_send(actor=cara, referral=consented(cara, case_a, external), occurred_at=SENT)
    finished = referral_send(actor=cara, referral=consented(cara, case_a, harbour), occurred_at=SENT)
    referral_step(actor=personas["pat"], referral=finished, action="decline", reason="Full",
                  occurred_at=local(2026, 3, 3, 9))  # fmt: skip
    draft = consented(cara, case_a, harbour)
    person_update(actor=cara, person=case_a.person, data={"allowed_channels": ["email", "phone"]})
    assert _item(sent_referral, "safe_contact") == "Contact by: Email, Phone call."
    assert _item(second, "safe_contact") == "Contact by: Email, Phone call."
    assert _item(finished, "safe_contact") == "Contact by: Phone call."
    assert finished.contact_rules_changed_at is None
    draft.refresh_from_db()
    assert draft.snapshot == []  # a draft takes its copy when it is sent


def test_it_changes_nothing_for_other_fields_and_adds_nothing_not_shared(personas, case_a, sent_referral):
    before = list(sent_referral.snapshot)
    person_update(actor=personas["cara"], person=case_a.person, data={
        "first_name": "Janet", "email": "jane@example.org", "email_unsafe": True,
    })  # fmt: skip
    sent_referral.refresh_from_db()
    assert sent_referral.snapshot == before and sent_referral.contact_rules_changed_at is None
    assert not AuditEvent.objects.filter(detail=REFRESHED).exists()


def test_a_change_on_the_staff_details_page_reaches_the_provider(client_for, case_a, sent_referral):
    person = case_a.person
    r = client_for("cara").post(f"/people/{person.id}/edit/", {
        "first_name": person.first_name, "last_name": person.last_name,
        "date_of_birth_day": "14", "date_of_birth_month": "2", "date_of_birth_year": "1987",
        "phone": "07700 900123", "language": "en", "allowed_channels": ["phone"], "no_letters": "on",
        "safe_contact_agreed": "yes",
    })  # fmt: skip
    assert r.status_code == 302
    assert _item(sent_referral, "safe_contact") == "Contact by: Phone call. Do not send letters."
    staff = client_for("cara").get(f"/referrals/{sent_referral.id}/").content.decode()
    assert 'id="contact-rules-changed"' in staff and "Do not send letters." in staff
