"""MARAC referral criteria: visible high risk (14+), professional judgement, potential
escalation (3+ crimes in 12 months), repeat MARAC (a crime within 12 months of the last
referral), with their edges; referring records `marac_referral_made`."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.factories import local, make_case
from victimcare.safeguarding import marac
from victimcare.safeguarding.models import MaracReferral
from victimcare.safeguarding.services import SafeguardingError, marac_referral_make

TODAY = date(2026, 6, 15)


def met(crime_days=(), **facts) -> list[str]:
    crimes = [marac.Occurrence(day) for day in crime_days]
    return marac.met_codes(marac.Facts(today=TODAY, occurrences=crimes, **facts))


def test_it_meets_visible_high_risk_at_14_and_not_13():
    assert met(dash_score=14) == ["visible_high_risk"]
    assert met(dash_score=13) == []
    assert met() == []


def test_it_meets_professional_judgement_when_the_assessor_raised_to_high():
    assert met(dash_score=8, dash_judged_high=True) == ["professional_judgement"]


def test_it_meets_potential_escalation_with_exactly_3_crimes_in_12_months():
    three = [date(2026, 6, 15), date(2026, 1, 3), date(2025, 6, 15)]  # the last exactly 12 months ago
    assert met(crime_days=three) == ["potential_escalation"]
    assert met(crime_days=three[:2]) == []


def test_it_leaves_a_crime_12_months_and_a_day_ago_out_of_escalation():
    assert met(crime_days=[date(2026, 6, 15), date(2026, 1, 3), date(2025, 6, 14)]) == []


def test_it_takes_the_escalation_threshold_from_settings():
    assert met(crime_days=[date(2026, 5, 1), date(2026, 4, 1)], escalation_crimes=2) == [
        "potential_escalation"
    ]


def test_it_meets_repeat_marac_for_a_crime_within_12_months_of_the_last_referral():
    last = date(2025, 6, 15)
    assert met(last_referral_day=last, crime_days=[date(2026, 6, 15)]) == [
        "repeat_marac"
    ]  # exactly 12 months
    assert met(last_referral_day=last, crime_days=[date(2026, 6, 16)]) == []  # a day more (and in the future)
    assert met(last_referral_day=date(2025, 6, 14), crime_days=[date(2026, 6, 15)]) == []
    assert met(last_referral_day=last, crime_days=[date(2025, 6, 15)]) == []  # the referral's own day
    assert met(crime_days=[date(2026, 6, 1)]) == []  # never referred


pytestmark = pytest.mark.django_db


def test_it_refers_a_high_risk_case_and_records_the_event(personas, case_a, completed):
    completed(case_a, 16)
    referral = marac_referral_make(actor=personas["cara"], case=case_a)
    assert referral.criteria == ["visible_high_risk"]
    event = case_a.events.get(type="marac_referral_made")
    assert "visible high risk" in event.notes


def test_it_refuses_a_case_that_meets_no_criterion_and_says_why(personas, case_a, completed):
    completed(case_a, 5)
    with pytest.raises(SafeguardingError) as err:
        marac_referral_make(actor=personas["cara"], case=case_a)
    assert "meets none of the MARAC criteria" in err.value.message
    assert not MaracReferral.objects.exists()


def test_it_refers_on_professional_judgement_only_with_a_reason(personas, case_a):
    with pytest.raises(SafeguardingError) as err:
        marac_referral_make(actor=personas["cara"], case=case_a, judgement=True)
    assert err.value.field == "reason"
    referral = marac_referral_make(
        actor=personas["cara"], case=case_a, judgement=True, reason="Recent strangulation"
    )
    assert referral.criteria == ["professional_judgement"]


def test_it_does_not_refer_a_case_already_waiting_for_a_meeting(personas, case_a, completed):
    completed(case_a, 20)
    marac_referral_make(actor=personas["cara"], case=case_a)
    with pytest.raises(SafeguardingError) as err:
        marac_referral_make(actor=personas["cara"], case=case_a)
    assert "already referred" in err.value.message


def test_it_counts_the_victims_crimes_across_their_cases(personas, case_a):
    cara = personas["cara"]
    with time_machine.travel(local(2026, 3, 20, 9), tick=False):
        for day in (5, 10):
            make_case(cara, person=case_a.person, team="Victim care North", reported_at=local(2026, 3, day, 9),
                      reference=f"DU/8{day:04d}/26")  # fmt: skip
        referral = marac_referral_make(actor=cara, case=case_a)
    assert referral.criteria == ["potential_escalation"]


def test_it_shows_which_criteria_are_met_on_the_referral_page(client_for, case_a, completed):
    completed(case_a, 14)
    page = client_for("cara").get(f"/cases/{case_a.id}/marac/").content.decode()
    assert "Visible high risk" in page and "The latest Dash score is 14" in page
    r = client_for("cara").post(f"/cases/{case_a.id}/marac/", {"reason": ""})
    assert r.status_code == 302
    assert MaracReferral.objects.filter(case=case_a).count() == 1


def test_it_shows_the_refusal_on_the_page(client_for, case_a):
    r = client_for("cara").post(f"/cases/{case_a.id}/marac/", {})
    assert r.status_code == 200
    assert "meets none of the MARAC criteria" in r.content.decode()
    assert "govuk-error-summary" in r.content.decode()
