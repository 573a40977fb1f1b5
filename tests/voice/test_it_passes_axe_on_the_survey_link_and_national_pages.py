"""The survey reached by an invitation's link (English and Welsh, with errors, and its
"no longer works" page) and the national comparison page have no axe-core violations
(WCAG 2.2 AA)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser_support import assert_no_axe_violations
from tests.factories import local, make_victim_case
from victimcare.cases.services import event_record
from victimcare.notify import services as notify
from victimcare.notify.models import MailboxItem
from victimcare.voice.models import SurveyResponse

pytestmark = pytest.mark.browser


def _invitation_path(personas, language: str) -> str:
    case = make_victim_case(personas, reference="DU/00777/26", language=language)
    event_record(
        actor=personas["olly"],
        case=case,
        type="hearing_listed",
        occurred_at=local(2026, 3, 2, 9, 0),
        payload={"hearing_date": "2026-03-20", "court": "Durham Crown Court"},
    )
    event_record(
        actor=personas["olly"],
        case=case,
        type="case_outcome_received",
        occurred_at=timezone.now(),
        payload={"outcome": "guilty plea"},
    )
    notify.outbox_drain()
    body = MailboxItem.objects.filter(message__template="survey_invitation").latest("pk").body
    found = re.search(r"(/portal/feedback/link/[^/\s]+/)", body)
    assert found, body
    return found.group(1)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_it_passes_axe_on_the_survey_reached_by_link(page, live_server, personas, language):
    path = _invitation_path(personas, language)
    page.goto(live_server.url + path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("input[name='agency_courts']").first).to_be_attached()
    assert_no_axe_violations(page)
    page.locator("form[action*='/feedback/link/'] button[type='submit']").first.click()  # nothing chosen
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("input[name='overall'][value='satisfied']").check()
    page.locator("input[name='kept_informed'][value='mostly']").check()
    page.locator("input[name='respect'][value='yes']").check()
    page.locator("input[name='knew_code'][value='no']").check()
    page.locator("textarea[name='comments']").fill("The court was hard to find.")
    page.locator("input[name='comments_to_champions']").check()
    page.locator("form[action*='/feedback/link/'] button[type='submit']").first.click()
    expect(page.locator(".govuk-panel--confirmation")).to_be_visible()
    assert_no_axe_violations(page)
    assert SurveyResponse.objects.get().comments_to_champions
    page.goto(live_server.url + path)  # used up
    expect(page.locator("h1")).to_be_visible()
    assert_no_axe_violations(page)
    assert page.problems == []


def test_it_passes_axe_on_the_national_comparison(page_as, live_server, personas):
    page = page_as("ana")
    for query in ("", "?by=enhanced", "?by=rights", "?by=shoe_size"):
        page.goto(live_server.url + "/feedback/national/" + query)
        expect(page.locator("h1")).to_have_text("Victims' feedback beside the national survey")
        assert_no_axe_violations(page)
    assert page.problems == []
