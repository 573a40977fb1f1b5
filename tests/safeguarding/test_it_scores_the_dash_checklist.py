"""The SafeLives Dash: 24 questions, score = yes answers, bands 0-9 / 10-13 / 14+, judgement
raises and never lowers; drafts save; completing records the event; history is kept."""

from __future__ import annotations

import pytest

from tests.safeguarding.conftest import make_answers
from victimcare.safeguarding import dash
from victimcare.safeguarding.models import RiskAssessment
from victimcare.safeguarding.services import (
    AssessmentInput,
    SafeguardingError,
    risk_assessment_complete,
    risk_assessment_save,
)


def test_it_has_the_24_published_questions():
    assert [q.number for q in dash.QUESTIONS] == list(range(1, 25))
    assert dash.QUESTIONS[0].text == "Has the current incident resulted in injury?"
    assert dash.QUESTIONS[14].text == "Has (....) ever attempted to strangle/choke/suffocate/drown you?"


@pytest.mark.parametrize(
    ("yes", "level"),
    [(0, "standard"), (9, "standard"), (10, "medium"), (13, "medium"), (14, "high"), (24, "high")],
)
def test_it_bands_the_score_at_its_edges(yes, level):
    points = dash.score(make_answers(yes))
    assert points == yes
    assert dash.band(points) == level


def test_it_scores_not_known_and_unanswered_as_nothing():
    assert dash.score(make_answers(9, n_not_known=15)) == 9
    assert dash.band(dash.score(make_answers(13, n_not_known=11))) == "medium"
    assert dash.score({"1": "yes", "2": "not_known"}) == 1


def test_it_lets_judgement_raise_but_never_lower_the_level():
    assert dash.final_level(9, "high") == "high"
    assert dash.final_level(9, "medium") == "medium"
    assert dash.final_level(12, "high") == "high"
    assert dash.final_level(14, "standard") == "high"
    assert dash.final_level(14, "medium") == "high"
    assert dash.final_level(10, "") == "medium"


pytestmark = pytest.mark.django_db


def test_it_completes_14_yes_as_high_and_records_the_event(personas, case_a):
    done = risk_assessment_complete(
        actor=personas["cara"], case=case_a, data=AssessmentInput(answers=make_answers(14))
    )
    assert (done.status, done.score, done.level, done.scored_level) == ("completed", 14, "high", "high")
    event = case_a.events.get(type="risk_assessment_completed")
    assert event.payload == {"level": "high", "score": 14}


def test_it_completes_13_yes_as_medium(personas, case_a):
    done = risk_assessment_complete(
        actor=personas["cara"], case=case_a, data=AssessmentInput(answers=make_answers(13))
    )
    assert done.level == "medium"
    assert case_a.events.get(type="risk_assessment_completed").payload == {"level": "medium", "score": 13}


def test_it_refuses_to_complete_with_questions_unanswered(personas, case_a):
    partial = make_answers(5)
    del partial["7"], partial["24"]
    with pytest.raises(SafeguardingError) as err:
        risk_assessment_complete(actor=personas["cara"], case=case_a, data=AssessmentInput(answers=partial))
    assert [f for f, _ in err.value.errors] == ["q7", "q24"]
    assert not case_a.events.filter(type="risk_assessment_completed").exists()


def test_it_refuses_a_judgement_that_lowers_the_level(personas, case_a):
    with pytest.raises(SafeguardingError) as err:
        risk_assessment_complete(
            actor=personas["cara"],
            case=case_a,
            data=AssessmentInput(
                answers=make_answers(15), judgement_level="medium", judgement_reason="Seems fine"
            ),
        )
    assert err.value.field == "judgement_level"
    assert "never lower" in err.value.message
    assert not RiskAssessment.objects.filter(case=case_a).exists()


def test_it_raises_the_level_on_judgement_with_a_reason(personas, case_a):
    data = AssessmentInput(answers=make_answers(6), judgement_level="high")
    with pytest.raises(SafeguardingError) as err:
        risk_assessment_complete(actor=personas["cara"], case=case_a, data=data)
    assert err.value.field == "judgement_reason"
    data = AssessmentInput(
        answers=make_answers(6), judgement_level="high", judgement_reason="Threats to kill"
    )
    done = risk_assessment_complete(actor=personas["cara"], case=case_a, data=data)
    assert (done.score, done.scored_level, done.level) == (6, "standard", "high")
    assert done.raised_by_judgement


def test_it_saves_a_draft_and_completes_it_later(personas, case_a):
    cara = personas["cara"]
    draft = risk_assessment_save(
        actor=cara, case=case_a, data=AssessmentInput(answers={"1": "yes"}, notes={"1": "Bruised arm"})
    )
    again = risk_assessment_save(
        actor=cara, case=case_a, data=AssessmentInput(answers={"1": "yes", "2": "no"})
    )
    assert again.pk == draft.pk and again.status == "draft" and again.answers == {"1": "yes", "2": "no"}
    assert not case_a.events.filter(type="risk_assessment_completed").exists()
    done = risk_assessment_complete(
        actor=cara, case=case_a, data=AssessmentInput(answers=make_answers(3)), assessment=again
    )
    assert done.pk == draft.pk and done.status == "completed"


def test_it_keeps_the_history_and_never_changes_a_completed_assessment(personas, case_a, completed):
    first = completed(case_a, 4)
    second = completed(case_a, 15)
    assert list(
        RiskAssessment.objects.filter(case=case_a).order_by("id").values_list("score", flat=True)
    ) == [4, 15]
    assert case_a.events.filter(type="risk_assessment_completed").count() == 2
    with pytest.raises(SafeguardingError):
        risk_assessment_save(actor=personas["cara"], case=case_a, data=AssessmentInput(), assessment=first)
    assert second.level == "high"


def test_it_completes_through_the_page_and_keeps_what_was_typed_on_an_error(client_for, case_a):
    client = client_for("cara")
    form = {f"q{n}": "yes" for n in range(1, 24)} | {"n3": "Afraid he will come back", "action": "complete"}
    r = client.post(f"/cases/{case_a.id}/risk/new/", form)
    assert r.status_code == 200
    assert "Answer question 24: yes, no or not known" in r.content.decode()
    assert "Afraid he will come back</textarea>" in r.content.decode()
    assert 'id="id_q1_0" name="q1" type="radio" value="yes" checked' in r.content.decode()
    r = client.post(f"/cases/{case_a.id}/risk/new/", form | {"q24": "not_known"})
    assert r.status_code == 302
    done = RiskAssessment.objects.get(case=case_a)
    assert (done.score, done.level) == (23, "high")
    page = client.get(f"/cases/{case_a.id}/").content.decode()
    assert "High risk" in page and "score 23" in page


def test_it_saves_a_draft_through_the_page(client_for, case_a):
    client = client_for("cara")
    r = client.post(f"/cases/{case_a.id}/risk/new/", {"q1": "yes", "action": "draft"})
    draft = RiskAssessment.objects.get(case=case_a)
    assert r.status_code == 302 and r["Location"] == f"/cases/{case_a.id}/risk/{draft.id}/"
    assert client.get(f"/cases/{case_a.id}/risk/new/")["Location"] == f"/cases/{case_a.id}/risk/{draft.id}/"
    page = client.get(f"/cases/{case_a.id}/risk/{draft.id}/").content.decode()
    assert "Yes answers so far: 1" in page
