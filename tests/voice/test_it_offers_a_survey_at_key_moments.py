"""The survey is offered after a key moment (first contact, the investigation, outcome, sentence,
referral closed, case closed),
once per moment, only for the latest moment reached, and never again once answered or turned
down. It is never compulsory."""

from __future__ import annotations

import pytest

from tests.factories import local
from victimcare.cases.services import event_record
from victimcare.voice.offers import survey_offer
from victimcare.voice.services import Answers, SurveyError, survey_dismiss, survey_response_record

pytestmark = pytest.mark.django_db

ANSWERS = Answers(overall="satisfied", kept_informed="mostly", respect="yes", knew_code="no")


def _record(personas, case, type, day, **payload):
    return event_record(
        actor=personas["olly"], case=case, type=type, occurred_at=local(2026, 3, day, 12, 0), payload=payload
    )


def test_it_offers_nothing_before_a_key_moment(victim_case, personas):
    _record(personas, victim_case, "suspect_charged", 5)
    assert survey_offer(victim_case) is None


def test_it_offers_the_survey_after_the_outcome_then_not_again_once_answered(victim_case, personas):
    _record(personas, victim_case, "case_outcome_received", 5, outcome="guilty plea")
    assert survey_offer(victim_case) == "outcome"
    survey_response_record(case=victim_case, moment="outcome", answers=ANSWERS, respondent_label="x")
    assert survey_offer(victim_case) is None
    with pytest.raises(SurveyError):
        survey_response_record(case=victim_case, moment="outcome", answers=ANSWERS, respondent_label="x")
    _record(personas, victim_case, "sentence_received", 9)
    assert survey_offer(victim_case) == "sentence"  # a new moment: a new offer


def test_it_offers_only_the_latest_moment(victim_case, personas):
    _record(personas, victim_case, "case_outcome_received", 5, outcome="guilty plea")
    _record(personas, victim_case, "offender_sentenced", 9, custodial_months=0)
    assert survey_offer(victim_case) == "sentence"
    with pytest.raises(SurveyError):  # the outcome's offer was overtaken: it is not asked now
        survey_response_record(case=victim_case, moment="outcome", answers=ANSWERS, respondent_label="x")


def test_it_stops_offering_once_turned_down(victim_case, personas):
    _record(personas, victim_case, "case_closed", 5, reason="Support finished")
    assert survey_offer(victim_case) == "case_closed"
    survey_dismiss(case=victim_case, moment="case_closed", respondent_label="x")
    assert survey_offer(victim_case) is None
    with pytest.raises(SurveyError):
        survey_response_record(case=victim_case, moment="case_closed", answers=ANSWERS, respondent_label="x")


def test_it_refuses_answers_that_are_not_on_the_scale(victim_case, personas):
    _record(personas, victim_case, "case_closed", 5, reason="Support finished")
    bad = Answers(overall="ecstatic", kept_informed="yes", respect="yes", knew_code="yes")
    with pytest.raises(SurveyError) as refused:
        survey_response_record(case=victim_case, moment="case_closed", answers=bad, respondent_label="x")
    assert refused.value.field == "overall"
