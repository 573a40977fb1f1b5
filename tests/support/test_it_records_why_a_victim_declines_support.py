"""Why a victim does not want support is recorded as one of a list of reasons, with their own
words for "another reason" (issue 13, item 4: the commissioning figures count them)."""

from __future__ import annotations

import pytest

from tests.factories import local
from tests.support.conftest import consented
from victimcare.refusals import Refusal
from victimcare.support.services import referral_step, support_decline_by_victim

pytestmark = pytest.mark.django_db
DAY = {"occurred_on_day": "3", "occurred_on_month": "3", "occurred_on_year": "2026"}


def test_the_page_asks_why_and_needs_words_for_another_reason(client_for, case_b):
    url = f"/cases/{case_b.id}/support/declined/"
    page = client_for("cole").get(url).content.decode()
    assert "Why does the victim not want support?" in page and "They want to put it behind them" in page
    missing = client_for("cole").post(url, DAY).content.decode()
    assert "Choose why the victim does not want support" in missing
    other = client_for("cole").post(url, {**DAY, "victim_reason": "other"}).content.decode()
    assert "Enter the victim&#x27;s reason" in other
    assert not case_b.events.filter(type="referral_declined_by_victim").exists()
    done = client_for("cole").post(
        url, {**DAY, "victim_reason": "other", "victim_reason_other": "Moving away"}
    )
    assert done.status_code == 302
    event = case_b.events.get(type="referral_declined_by_victim")
    assert event.payload == {"reason": "other", "reason_other": "Moving away"}


def test_a_draft_referral_the_victim_turns_down_records_why(client_for, personas, case_a, harbour):
    draft = consented(personas["cara"], case_a, harbour)
    url = f"/referrals/{draft.id}/decline_by_victim/"
    assert "Why does the victim not want support?" in client_for("cara").get(url).content.decode()
    response = client_for("cara").post(url, {**DAY, "victim_reason": "privacy"})
    assert response.status_code == 302
    assert case_a.events.get(type="referral_declined_by_victim").payload == {"reason": "privacy"}


def test_the_service_refuses_an_unknown_reason_and_accepts_none(personas, case_b):
    with pytest.raises(Refusal) as err:
        support_decline_by_victim(actor=personas["cole"], case=case_b, reason="bored")
    assert err.value.field == "victim_reason"
    with pytest.raises(Refusal):
        support_decline_by_victim(actor=personas["cole"], case=case_b, reason="other")
    # An import or an older client that gives no reason: recorded, counted as not recorded.
    event = support_decline_by_victim(actor=personas["cole"], case=case_b, occurred_at=local(2026, 3, 3, 9))
    assert event.payload == {}


def test_the_referral_step_takes_the_reason_too(personas, case_a, harbour):
    draft = consented(personas["cara"], case_a, harbour)
    referral_step(actor=personas["cara"], referral=draft, action="decline_by_victim", victim_reason="not_now")
    assert case_a.events.get(type="referral_declined_by_victim").payload == {"reason": "not_now"}
