"""The survey pages in the portal: answer (errors keep what was chosen), or say no thanks."""

from __future__ import annotations

from typing import cast

import pytest

from tests.factories import local
from victimcare.audit.models import AuditEvent
from victimcare.cases.services import event_record
from victimcare.voice.models import SurveyDismissal, SurveyResponse

pytestmark = pytest.mark.django_db

ANSWERS = {"overall": "very_satisfied", "kept_informed": "yes", "respect": "yes", "knew_code": "not_sure"}


@pytest.fixture
def closed_case(victim_case, personas):
    event_record(
        actor=personas["cara"],
        case=victim_case,
        type="case_closed",
        occurred_at=local(2026, 3, 5, 12, 0),
        payload={"reason": "Done"},
    )
    return victim_case


def test_it_stores_the_answers_once(closed_case, portal_account, portal_client):
    client = portal_client(portal_account(closed_case))
    assert "Tell us how we did" in client.get("/portal/feedback/").content.decode()
    response = client.post("/portal/feedback/", {**ANSWERS, "comments": "Cara was kind"})
    assert response["Location"] == "/portal/feedback/thanks/"
    saved = SurveyResponse.objects.get()
    assert (saved.case, saved.moment, saved.overall, saved.comments) == (
        closed_case,
        "case_closed",
        "very_satisfied",
        "Cara was kind",
    )
    assert AuditEvent.objects.filter(object_type="surveyresponse", case=closed_case).exists()
    # Nothing more to answer.
    assert "There is no survey for you to answer" in client.get("/portal/feedback/").content.decode()
    client.post("/portal/feedback/", ANSWERS)
    assert SurveyResponse.objects.count() == 1


def test_it_keeps_the_answers_given_when_one_is_missing(closed_case, portal_account, portal_client):
    client = portal_client(portal_account(closed_case))
    page = client.post(
        "/portal/feedback/", {"overall": "satisfied", "comments": "Keep this"}
    ).content.decode()
    assert "govuk-error-summary" in page and "Choose an answer to: Were you kept informed" in page
    assert 'value="satisfied" checked' in page and "Keep this" in page
    assert SurveyResponse.objects.count() == 0


def test_it_stops_asking_after_no_thanks(closed_case, portal_account, portal_client):
    client = portal_client(portal_account(closed_case))
    response = client.post(
        "/portal/feedback/no-thanks/", {"moment": "case_closed", "next": "/portal/messages/"}
    )
    assert response["Location"] == "/portal/messages/"
    assert SurveyDismissal.objects.filter(case=closed_case, moment="case_closed").count() == 1
    assert "There is no survey for you to answer" in client.get("/portal/feedback/").content.decode()
    assert client.post(
        "/portal/feedback/no-thanks/", {"moment": "case_closed", "next": "https://evil.example/"}
    )["Location"] in ("/portal/", "/portal")


def test_it_offers_the_survey_on_a_portal_page_with_the_banner(closed_case, portal_account, portal_client):
    from django.template import engines
    from django.test import RequestFactory

    from victimcare.portal.auth import PortalRequest

    request = cast("PortalRequest", RequestFactory().get("/portal/"))  # as portal_required leaves it
    request.portal_case = closed_case
    html = (
        engines["django"].from_string('{% include "voice/portal/_offer.html" %}').render({"request": request})
    )
    assert "Answer the survey" in html and 'value="case_closed"' in html
    request.portal_case = portal_account(closed_case).case
    SurveyDismissal.objects.create(
        case=closed_case,
        organisation_id=closed_case.organisation_id,
        moment="case_closed",
        dismissed_at=closed_case.opened_at,
    )
    assert "Answer the survey" not in engines["django"].from_string(
        '{% include "voice/portal/_offer.html" %}'
    ).render({"request": request})
