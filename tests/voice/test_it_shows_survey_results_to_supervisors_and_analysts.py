"""Survey results: victim care supervisors and analysts only; analysts see counts under 5 as
"fewer than 5" with no percentage; no one sees victims' words on this page."""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

from victimcare.voice import selectors
from victimcare.voice.models import Moment, SurveyResponse

pytestmark = pytest.mark.django_db
# The columns follow the journey: the early moments (ADR 0049) come before the outcome.
OUTCOME = [m.value for m in Moment].index("outcome")
SENTENCE = [m.value for m in Moment].index("sentence")
_refs = itertools.count(1)


def _responses(case, moment, overall_values):
    # Straight to the table: one case cannot have several responses for a moment, so each
    # response here is on its own case in the test; the figures only read the rows.
    for i, overall in enumerate(overall_values):
        SurveyResponse.objects.create(
            organisation_id=case.organisation_id,
            case=case if i == 0 else _another_case(case, i, moment),
            moment=moment,
            overall=overall,
            kept_informed="yes",
            respect="yes",
            knew_code="no",
            comments="Private words" if i == 0 else "",
            respondent_label="x",
            submitted_at=timezone.now(),
        )


def _another_case(case, i, moment):
    from tests.factories import make_case, make_person

    actor = case.caseworker
    person = make_person(actor, first_name=f"P{moment[:3]}{i}", last_name="Test")
    return make_case(
        actor,
        person=person,
        team="Victim care North",
        caseworker=actor,
        reference=f"DU/9{next(_refs):04d}/26",
    )


def test_it_counts_each_answer_per_moment_with_percentages(case_a, client_for, personas):
    _responses(case_a, "outcome", ["satisfied"] * 6 + ["dissatisfied"] * 2)
    headers, tables = selectors.results(selectors.responses_for(personas["sue"]), suppress=False)
    overall = tables[0]
    assert headers[OUTCOME] == "After the outcome of the case" and headers[-1] == "All moments"
    satisfied = next(r for r in overall.rows if r.label == "Satisfied")
    assert (satisfied.cells[OUTCOME].count, satisfied.cells[OUTCOME].percent) == (6, "75%")
    dissatisfied = next(r for r in overall.rows if r.label == "Dissatisfied")
    assert (dissatisfied.cells[-1].count, dissatisfied.cells[-1].percent) == (2, "25%")
    assert overall.totals[OUTCOME] == 8
    page = client_for("sue").get("/feedback/").content.decode()
    assert "75%" in page and "Private words" not in page


def test_it_suppresses_small_counts_for_analysts(case_a, client_for, personas):
    _responses(case_a, "outcome", ["satisfied"] * 6 + ["dissatisfied"] * 2)
    _, tables = selectors.results(selectors.responses_for(personas["ana"]), suppress=True)
    rows = {r.label: r.cells[OUTCOME] for r in tables[0].rows}
    # 6 beside a total of 8 would give the 2 dissatisfied away: it is not shown either.
    assert (rows["Satisfied"].count, rows["Satisfied"].percent) == ("not shown", "")
    assert tables[0].totals[OUTCOME] == 8
    assert (rows["Dissatisfied"].count, rows["Dissatisfied"].percent) == ("fewer than 5", "")
    knew = {r.label: r.cells[OUTCOME] for r in tables[3].rows}
    assert knew["No"].count == 8
    page = client_for("ana").get("/feedback/").content.decode()
    assert "fewer than 5" in page and "25%" not in page


def test_it_hides_percentages_when_fewer_than_5_answered(case_a, personas):
    _responses(case_a, "sentence", ["satisfied"] * 3)
    _, tables = selectors.results(selectors.responses_for(personas["ana"]), suppress=True)
    sentence = [r.cells[SENTENCE] for r in tables[0].rows]
    assert all(c.percent == "" for c in sentence)
    assert tables[0].totals[SENTENCE] == "fewer than 5"


def test_it_is_only_for_victim_care_supervisors_and_analysts(case_a, client_for):
    assert client_for("sue").get("/feedback/").status_code == 200
    assert client_for("ana").get("/feedback/").status_code == 200
    for username in ("cara", "olly", "fran", "wendy", "pat", "chad", "adam", "otto"):
        assert client_for(username).get("/feedback/").status_code == 404, username


def test_it_keeps_each_organisation_to_its_own_responses(case_a, case_other, personas):
    _responses(case_other, "outcome", ["satisfied"])
    assert selectors.responses_for(personas["ana"]).count() == 0
    assert selectors.responses_for(personas["sue"]).count() == 0
