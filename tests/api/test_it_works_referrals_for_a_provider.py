"""A provider's own system reads the referrals sent to it (only the copy shared, never the
victim's record) and records its steps through referral_step, as the provider workspace does."""

from __future__ import annotations

import pytest

from tests.support.conftest import consented
from victimcare.audit.models import AuditEvent
from victimcare.support.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(sent_referral: Referral) -> Referral:
    """case_a referred to Harbour with the victim's consent (name, phone, safe contact), sent."""
    return sent_referral


def test_it_lists_and_reads_the_referrals_sent_to_the_provider(
    api_for, partners, sent, case_b, harbour, personas
):
    consented(personas["cole"], case_b, harbour)  # a draft: nothing has left, so not listed
    api = api_for("provider")
    listed = api.get("/api/v1/referrals/").json()["results"]
    assert [r["id"] for r in listed] == [sent.id]
    body = api.get(f"/api/v1/referrals/{sent.id}/").json()
    assert body["status"] == "sent"
    assert body["next_steps"] == ["accept", "decline"]
    assert {i["item"] for i in body["shared"]} == {"name", "phone", "safe_contact"}
    assert "case" not in body and "victim" not in body
    row = AuditEvent.objects.filter(actor=partners["provider"].client.user, object_type="referral").get()
    assert row.person == sent.case.person


def test_it_accepts_then_records_first_contact_engagement_and_outcome(api_for, sent):
    api, base = api_for("provider"), f"/api/v1/referrals/{sent.id}"
    assert api.post(f"{base}/accept/", {}, format="json").json()["status"] == "accepted"
    contact = api.post(f"{base}/first-contact/", {"channel": "phone", "notes": "Rang back"}, format="json")
    assert contact.json()["status"] == "first_contact"
    assert api.post(f"{base}/engagement/", {}, format="json").json()["status"] == "engaged"
    closed = api.post(f"{base}/outcome/", {"outcome": "Support completed"}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    sent.refresh_from_db()
    assert sent.outcome == "Support completed"
    assert list(sent.case.events.filter(source="api").values_list("type", flat=True).order_by("id")) == [
        "referral_accepted",
        "referral_first_contact",
        "referral_engaged",
        "referral_closed",
    ]


def test_it_declines_with_a_reason(api_for, sent):
    api = api_for("provider")
    missing = api.post(f"/api/v1/referrals/{sent.id}/decline/", {}, format="json")
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "reason"
    response = api.post(
        f"/api/v1/referrals/{sent.id}/decline/", {"reason": "Outside our area"}, format="json"
    )
    assert response.json()["status"] == "declined"
    sent.refresh_from_db()
    assert sent.decline_reason == "Outside our area"


def test_it_refuses_a_step_out_of_order_with_a_conflict(api_for, sent):
    response = api_for("provider").post(f"/api/v1/referrals/{sent.id}/engagement/", {}, format="json")
    assert response.status_code == 409
    assert "waiting for the service to accept or decline it" in response.json()["detail"]
    sent.refresh_from_db()
    assert sent.status == "sent"


def test_it_leaves_a_providers_steps_to_the_provider(personas, sent):
    from tests.api.conftest import make_partner

    force = make_partner("force", scopes=("referrals:read", "referrals:write"))
    response = force.caller().post(f"/api/v1/referrals/{sent.id}/accept/", {}, format="json")
    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.status == "sent"


def test_it_hides_a_referral_sent_elsewhere_as_missing(api_for, sent):
    cleveland = api_for("cleveland")
    hidden = cleveland.get(f"/api/v1/referrals/{sent.id}/")
    missing = cleveland.get("/api/v1/referrals/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert {**hidden.json(), "instance": ""} == {**missing.json(), "instance": ""}
