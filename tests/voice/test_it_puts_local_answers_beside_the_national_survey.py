"""The national comparison: local answers to the Victims' Commissioner's questions beside the
checked national figures, with the sample size, a 95% Wilson interval, splits, and small numbers
suppressed for analysts by the disclosure control (docs/adr/0049)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.voice.survey_data import another_case
from victimcare.audit.models import AuditEvent
from victimcare.reports.intervals import wilson
from victimcare.rights.models import CaseRights
from victimcare.voice import national_selectors
from victimcare.voice.models import SurveyAgencyAnswer, SurveyResponse
from victimcare.voice.national import national_figures

pytestmark = pytest.mark.django_db


# --- the interval's arithmetic (Newcombe, Statistics in Medicine 1998, table I) -----------------


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_it_computes_the_wilson_interval(x, n, low, high):
    got = wilson(x, n)
    assert got is not None
    assert got.low == pytest.approx(low, abs=5e-5) and got.high == pytest.approx(high, abs=5e-5)


def test_it_gives_no_interval_without_answers_and_stays_inside_0_to_1():
    assert wilson(0, 0) is None and wilson(3, 2) is None
    full = wilson(10, 10)
    assert full is not None and full.high == 1.0 and 0.72 < full.low < 0.73


def test_it_keeps_the_national_figures_as_data_with_their_sources():
    figures = national_figures()
    assert all(f.source and f.survey for f in figures)
    checked = {f.question: f.percent for f in figures if f.verified}
    assert checked == {"kept_informed": 46, "investigated": 30, "aware_of_review": 14}


# --- the page -------------------------------------------------------------------------------------


def _respond(case, **answers):
    defaults = dict(overall="satisfied", kept_informed="yes", respect="yes", knew_code="no")
    return SurveyResponse.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        moment="outcome",
        respondent_label="x",
        submitted_at=timezone.now(),
        **{**defaults, **answers},
    )


@pytest.fixture
def answered(case_a, personas):
    """20 answers to "kept regularly informed": 12 No, 6 Yes, 2 "does not apply" (left out);
    on standard-rights cases but 3 (enhanced, all No). Every one rated the police."""
    cases = [case_a, *[another_case(personas["cara"]) for _ in range(19)]]
    values = ["no"] * 12 + ["yes"] * 6 + ["not_applicable"] * 2
    for i, (case, value) in enumerate(zip(cases, values, strict=True)):
        response = _respond(case, vc_kept_informed=value)
        SurveyAgencyAnswer.objects.create(
            response=response, agency="police", answer="dissatisfied" if i < 8 else "satisfied"
        )
        CaseRights.objects.update_or_create(
            case=case, defaults={"organisation_id": case.organisation_id, "enhanced": i < 3}
        )
    return cases


def _question(rows, key):
    return next(q for q in rows if q.key == key)


def test_it_shows_the_share_with_its_interval_beside_the_national_figure(answered, client_for, personas):
    rows = national_selectors.national_figures_page(SurveyResponse.objects.all(), by="", suppress=False)
    kept = _question(rows, "kept_informed")
    assert (kept.everyone.answered, kept.everyone.counted, kept.everyone.others) == (18, 12, 6)
    expected = wilson(12, 18)
    assert expected is not None
    assert kept.everyone.share == "67%"
    assert kept.everyone.interval == f"{expected.low:.0%} to {expected.high:.0%}"
    assert kept.national is not None and kept.national.percent == 46
    assert kept.everyone.compared == ("higher" if expected.low > 0.46 else "no clear difference")
    response = client_for("sue").get("/feedback/national/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kept regularly informed by the police" in page and "67%" in page
    assert "Survey 2023" in page and "russellwebster.com" in page
    assert "Not used until checked" in page  # the seed figures no source confirmed


def test_it_splits_by_enhanced_rights_and_suppresses_small_groups_for_analysts(answered, client_for):
    shown = national_selectors.national_figures_page(
        SurveyResponse.objects.all(), by="enhanced", suppress=True
    )
    kept = _question(shown, "kept_informed")
    groups = {g.label: g for g in kept.groups}
    assert groups["Enhanced rights"].answered == "fewer than 5"  # 3 answered
    assert groups["Enhanced rights"].share == "" and groups["Enhanced rights"].interval == ""
    # 15 standard beside 18 in all would give the 3 away: one of them is not shown either.
    assert "not shown" in (groups["Standard rights"].answered, kept.everyone.answered)
    page = client_for("ana").get("/feedback/national/?by=enhanced").content.decode()
    assert "fewer than 5" in page and "Enhanced rights" in page


def test_it_splits_by_whether_the_rights_were_met(answered, personas):
    rows = national_selectors.national_figures_page(SurveyResponse.objects.all(), by="rights", suppress=False)
    labels = {g.label for g in _question(rows, "kept_informed").groups}
    assert labels <= set(national_selectors.RIGHTS_LABELS.values()) and labels


def test_it_counts_each_agency_with_an_interval(answered):
    rows = {
        r.agency: r for r in national_selectors.agency_figures(SurveyResponse.objects.all(), suppress=False)
    }
    assert (rows["The police"].answered, rows["The police"].satisfied) == (20, 12)
    assert rows["The police"].share == "60%"
    assert rows["The Witness Care Unit"].answered == 0 and rows["The Witness Care Unit"].share == ""


def test_it_suppresses_a_small_complement_too(case_a, personas):
    cases = [case_a, *[another_case(personas["cara"]) for _ in range(9)]]
    for i, case in enumerate(cases):
        _respond(case, vc_investigated="yes" if i < 8 else "no")
    rows = national_selectors.national_figures_page(SurveyResponse.objects.all(), by="", suppress=True)
    q = _question(rows, "investigated")
    # 8 "Yes" of 10 would give away the 2 other answers: both hidden, and the share with them.
    assert (
        q.everyone.others == "fewer than 5" and q.everyone.counted == "not shown" and q.everyone.share == ""
    )


@pytest.mark.parametrize("persona", ["cara", "olly", "pat", "chad", "fran"])
def test_it_hides_the_page_from_everyone_else(persona, client_for):
    assert client_for(persona).get("/feedback/national/").status_code == 404


def test_it_audits_every_look(answered, client_for):
    client_for("ana").get("/feedback/national/?by=crime_type")
    assert AuditEvent.objects.filter(detail__startswith="national survey comparison").exists()


def test_it_refuses_bad_filters_with_a_clear_error(client_for):
    response = client_for("sue").get("/feedback/national/?by=shoe_size")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
