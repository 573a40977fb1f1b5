"""Free text from the survey reaches the Victims' Champions' theme coding only when the victim
ticked the box that allows it; the Champions see the words, the moment and the month, never the
victim or the case (docs/adr/0049)."""

from __future__ import annotations

import pytest

from tests.factories import local
from tests.voice.survey_data import another_case
from victimcare.audit.models import AuditEvent
from victimcare.cases.services import event_record
from victimcare.voice.models import Engagement, SurveyResponse
from victimcare.voice.services import Answers, SurveyError, survey_response_record

pytestmark = pytest.mark.django_db

CORE: dict[str, str] = {
    "overall": "dissatisfied",
    "kept_informed": "no",
    "respect": "mostly",
    "knew_code": "no",
}


def _answer(personas, case, *, comments: str, share: bool) -> SurveyResponse:
    event_record(
        actor=personas["olly"], case=case, type="case_closed", occurred_at=local(2026, 3, 5, 12, 0),
        payload={"reason": "Support finished"},
    )  # fmt: skip
    return survey_response_record(
        case=case,
        moment="case_closed",
        answers=Answers(
            overall=CORE["overall"],
            kept_informed=CORE["kept_informed"],
            respect=CORE["respect"],
            knew_code=CORE["knew_code"],
            comments=comments,
            comments_to_champions=share,
        ),
        respondent_label="test",
    )


def test_it_lists_only_the_comments_shared_and_never_the_case(victim_case, personas, client_for):
    _answer(personas, victim_case, comments="Nobody called me back for weeks.", share=True)
    _answer(personas, another_case(personas["cara"]), comments="Keep this between us.", share=False)
    page = client_for("chad").get("/voice/survey-comments/").content.decode()
    assert "Nobody called me back for weeks." in page
    assert "Keep this between us." not in page
    assert "Jane" not in page and "DU/00101/26" not in page
    assert AuditEvent.objects.filter(detail__startswith="survey comments shared with the Champions").exists()


def test_it_takes_a_shared_comment_into_coding_once(victim_case, personas, client_for):
    response = _answer(personas, victim_case, comments="Nobody called me back for weeks.", share=True)
    chad = client_for("chad")
    reply = chad.post("/voice/survey-comments/", {"response": response.pk})
    assert reply.status_code == 302
    engagement = Engagement.objects.get(champion=personas["chad"])
    assert engagement.method == "survey" and engagement.case is None
    assert (engagement.consent_keep, engagement.consent_quote, engagement.consent_contact) == (
        True,
        False,
        False,
    )
    assert engagement.account.went_badly == "Nobody called me back for weeks."
    assert "police" in engagement.account.agencies
    response.refresh_from_db()
    assert response.champion_engagement == engagement
    assert (
        chad.post("/voice/survey-comments/", {"response": response.pk}).status_code == 404
    )  # gone from the list
    assert Engagement.objects.count() == 1


def test_it_refuses_a_comment_not_shared(victim_case, personas, client_for):
    response = _answer(personas, victim_case, comments="Private.", share=False)
    assert client_for("chad").post("/voice/survey-comments/", {"response": response.pk}).status_code == 404
    assert client_for("chad").post("/voice/survey-comments/", {"response": "x"}).status_code == 404
    assert not Engagement.objects.exists()


def test_it_refuses_consent_without_comments(victim_case, personas):
    with pytest.raises(SurveyError):
        _answer(personas, victim_case, comments="  ", share=True)
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("persona", ["ana", "sue", "cara", "pat"])
def test_it_is_only_for_the_champions(persona, client_for):
    assert client_for(persona).get("/voice/survey-comments/").status_code == 404
