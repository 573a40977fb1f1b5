"""All or nothing: an invitation commits with the event that reached its moment, and a survey's
answers (the response, its agency answers, the link used up) commit together (docs/adr/0049)."""

from __future__ import annotations

import pytest

from tests.factories import local, make_victim_case
from victimcare.cases.models import Event
from victimcare.cases.services import event_record
from victimcare.voice.models import SurveyAgencyAnswer, SurveyInvitation, SurveyResponse
from victimcare.voice.services import Answers, survey_response_record

pytestmark = pytest.mark.django_db(transaction=True)


class Boom(Exception):
    pass


def _boom(*args, **kwargs):
    raise Boom


def test_it_records_no_event_when_the_invitation_cannot_be_written(personas, monkeypatch):
    case = make_victim_case(personas, reference="DU/00901/26")
    monkeypatch.setattr("victimcare.voice.invitations.notify.message_write", _boom)
    with pytest.raises(Boom):
        event_record(
            actor=personas["olly"], case=case, type="case_closed", occurred_at=local(2026, 3, 5, 12, 0),
            payload={"reason": "Support finished"},
        )  # fmt: skip
    assert not Event.objects.filter(case=case, type="case_closed").exists()
    assert not SurveyInvitation.objects.exists()


def test_it_keeps_no_answers_when_a_later_step_fails(personas, monkeypatch):
    case = make_victim_case(personas, reference="DU/00902/26")
    event_record(
        actor=personas["olly"], case=case, type="case_closed", occurred_at=local(2026, 3, 5, 12, 0),
        payload={"reason": "Support finished"},
    )  # fmt: skip
    monkeypatch.setattr(SurveyAgencyAnswer.objects, "bulk_create", _boom)
    answers = Answers(
        overall="satisfied",
        kept_informed="yes",
        respect="yes",
        knew_code="no",
        agencies={"police": "satisfied"},
    )
    with pytest.raises(Boom):
        survey_response_record(case=case, moment="case_closed", answers=answers, respondent_label="x")
    assert not SurveyResponse.objects.exists()
    assert SurveyInvitation.objects.get(case=case).used_at is None
