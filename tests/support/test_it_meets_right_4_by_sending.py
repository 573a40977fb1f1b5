"""Sending a referral fulfils Right 4 through the rights engine; a victim's "no" makes it not applicable."""

from __future__ import annotations

import pytest

from tests.factories import local
from tests.support.conftest import consented
from victimcare.rights.models import Entitlement
from victimcare.support.services import referral_step, support_decline_by_victim

pytestmark = pytest.mark.django_db


def _r4(case) -> Entitlement:
    return Entitlement.objects.get(case=case, rule="R4_REFERRAL")


def test_it_meets_right_4_when_the_referral_is_sent(case_a, sent_referral):
    r4 = _r4(case_a)
    assert r4.status == "met"
    assert r4.fulfilled_by_id == sent_referral.sent_event_id


def test_it_leaves_right_4_open_while_the_referral_is_a_draft(personas, case_a, harbour):
    consented(personas["cara"], case_a, harbour)
    assert _r4(case_a).status in ("pending", "overdue")


def test_it_makes_right_4_not_applicable_when_the_victim_says_no_to_a_referral(personas, case_a, harbour):
    draft = consented(personas["cara"], case_a, harbour)
    referral = referral_step(
        actor=personas["cara"], referral=draft, action="decline_by_victim", occurred_at=local(2026, 3, 3, 9)
    )
    assert referral.status == "declined_by_victim"
    assert _r4(case_a).status == "not_applicable"


def test_it_records_that_the_victim_wants_no_support(client_for, case_b):
    r = client_for("cole").post(
        f"/cases/{case_b.id}/support/declined/",
        {
            "occurred_on_day": "3",
            "occurred_on_month": "3",
            "occurred_on_year": "2026",
            "notes": "Has family support",
            "victim_reason": "has_support",
        },
    )
    assert r.status_code == 302
    event = case_b.events.get(type="referral_declined_by_victim", notes="Has family support")
    assert event.payload == {"reason": "has_support"}
    assert _r4(case_b).status == "not_applicable"


def test_it_is_not_applicable_by_the_service_too(personas, case_b):
    support_decline_by_victim(actor=personas["cole"], case=case_b, occurred_at=local(2026, 3, 3, 9))
    assert _r4(case_b).status == "not_applicable"


def test_it_keeps_a_late_referral_late_when_the_victim_says_no_afterwards(personas, case_b):
    support_decline_by_victim(actor=personas["cole"], case=case_b, occurred_at=local(2026, 3, 20, 9))
    assert _r4(case_b).status == "overdue"
