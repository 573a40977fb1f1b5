"""What the victim portal reads: the case's referrals in plain statuses (never a draft, never the
decline reason), and the services a victim can contact themselves."""

from __future__ import annotations

import dataclasses

import pytest

from tests.factories import local
from tests.support.conftest import consented
from victimcare.support.selectors import portal_referrals, self_referral_services
from victimcare.support.services import referral_step

pytestmark = pytest.mark.django_db


def test_it_lists_sent_referrals_only(personas, case_a, harbour, sent_referral):
    consented(personas["cara"], case_a, harbour)  # a second referral, still a draft
    [shown] = portal_referrals(case_a)
    assert (shown.service_name, shown.status, shown.service_phone) == (
        "Harbour Support Services",
        "sent",
        "0191 498 0001",
    )
    assert shown.updated_at == sent_referral.sent_at


def test_it_never_carries_the_decline_reason(personas, case_a, sent_referral):
    referral_step(actor=personas["pat"], referral=sent_referral, action="decline", reason="Too busy this month",
                  occurred_at=local(2026, 3, 3, 9))  # fmt: skip
    [shown] = portal_referrals(case_a)
    assert shown.status == "declined"
    assert "Too busy" not in repr(dataclasses.asdict(shown))


def test_it_lists_the_services_a_victim_can_contact_themselves(directory):
    names = [s.name for s in self_referral_services()]
    assert "Men's Support Line North" in names and "Harbour Support Services" in names
    assert "Young Witness and Victim Service" not in names  # referral by email only
    assert "Cornerstone Drop-in" not in names  # not taking referrals
    assert names == sorted(names)
    line = next(s for s in self_referral_services() if s.name == "Men's Support Line North")
    assert "call 0191 498 0090" in line.how_to_refer
