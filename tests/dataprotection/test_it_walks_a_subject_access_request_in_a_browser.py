"""The data protection officer's whole journey in a real browser, every page checked with
axe-core (WCAG 2.2 AA), errors included: record a request, verify identity, gather everything
held about the victim, redact a neighbour's name in review, release by keyboard, download; then
restrict the victim's processing and record a correction."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.dataprotection.conftest import THIRD_PARTY, VICTIM_MESSAGE
from victimcare.dataprotection.models import SarRedaction, SubjectAccessRequest
from victimcare.messaging.services import message_send_from_victim
from victimcare.people.models import restriction_in_force

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _date(page: Page, name: str, day: str, month: str, year: str) -> None:
    for part, value in zip(("0", "1", "2"), (day, month, year), strict=True):
        page.locator(f"#id_{name}_{part}").fill(value)


def _axe(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_no_axe_violations(page)


def test_the_handler_answers_a_request_and_restricts_processing(page_as, personas, case_a) -> None:
    message_send_from_victim(case=case_a, body=VICTIM_MESSAGE, sender_label="Jane Smith")
    page = page_as("adam")
    page.goto("/")
    page.get_by_role("link", name="Data protection").click()
    _axe(page, "Data protection requests")
    page.get_by_role("link", name="Record a subject access request").click()
    _axe(page, "Record a subject access request")
    page.get_by_role("button", name="Record the request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter name of the person who asked")
    assert_no_axe_violations(page)
    page.get_by_label("Name of the person who asked").fill("Jane Smith")
    page.get_by_label("The person themselves").check()
    page.get_by_label("First name of the person it is about").fill("Jane")
    page.get_by_label("Last name of the person it is about").fill("Smith")
    _date(page, "date_of_birth", "14", "2", "1987")
    _date(page, "received_on", "2", "3", "2026")
    page.get_by_role("button", name="Record the request").click()
    _axe(page, "Jane Smith")
    expect(page.locator(".govuk-summary-list")).to_contain_text("2 April 2026")
    page.get_by_role("button", name="Record identity verified").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    _date(page, "verified_on", "3", "3", "2026")
    page.get_by_label("How was identity verified?").fill("Passport seen at the office")
    page.get_by_role("button", name="Record identity verified").click()
    page.get_by_label("Jane Smith, born 14 February 1987").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gather everything held about them").click()
    _axe(page, "Jane Smith")
    expect(page.locator("table")).to_contain_text("Messages between you and the service")
    page.get_by_role("button", name="Send for review").click()
    _axe(page, "Review before release")
    sar = SubjectAccessRequest.objects.get()
    item = sar.items.get(record_type="messages")
    section = page.locator(f"#item-{item.id}")
    section.locator("summary").click()
    section.get_by_label("Words to redact").fill("Nobody Else")
    section.get_by_label("Why?").fill("A neighbour's name")
    section.get_by_role("button", name="Redact these words").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Those words are not in this item")
    assert_no_axe_violations(page)
    section = page.locator(f"#item-{item.id}")
    section.get_by_label("Words to redact").fill(THIRD_PARTY)
    section.get_by_label("Why?").fill("A neighbour's name")
    section.get_by_role("button", name="Redact these words").click()
    expect(page.locator(f"#item-{item.id}")).to_contain_text("[redacted] saw the man run off")
    assert_no_axe_violations(page)
    assert SarRedaction.objects.get().passage == THIRD_PARTY
    release = page.get_by_role("button", name="Release the response")
    release.focus()
    with page.expect_navigation(
        url=re.compile(rf".*/data-protection/requests/{sar.id}/(#.*)?$"), timeout=120_000
    ):
        page.keyboard.press("Enter")  # by keyboard; printing the PDF takes a few seconds
    _axe(page, "Jane Smith")
    expect(page.get_by_role("link", name="Download the response (PDF)")).to_be_visible()
    with page.expect_download(timeout=90_000) as download:  # a busy machine prints slowly
        page.get_by_role("link", name="Download the response (PDF)").click(timeout=90_000)
    assert download.value.suggested_filename == f"subject-access-{sar.id}.pdf"
    page.get_by_role("link", name="Jane Smith").click()
    _axe(page, "Jane Smith")
    page.get_by_role("button", name="Restrict processing").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Why is processing restricted?").fill("She disputes her address")
    page.get_by_role("button", name="Restrict processing").click()
    expect(page.get_by_role("region", name="Processing restricted")).to_be_visible()
    assert_no_axe_violations(page)
    assert restriction_in_force(case_a.person_id) is not None
    page.get_by_role("link", name="Record a request to correct their details").click()
    _axe(page, "Record a request to correct their details")
    page.get_by_role("button", name="Save and tell the person").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/data-protection/")
    _axe(page, "Data protection requests")
    page.get_by_label("Last name").fill("Smith")
    page.get_by_role("button", name="Find a person").click()
    expect(page.locator(f"a[href='/data-protection/people/{case_a.person_id}/']")).to_be_visible()
    assert_no_axe_violations(page)
    assert page.problems == []


def test_the_staff_banner_passes_axe(page_as, personas, case_a) -> None:
    from victimcare.people.services import person_restrict

    person_restrict(actor=personas["adam"], person=case_a.person, reason="She disputes her address")
    page = page_as("cara")
    for path in (f"/cases/{case_a.id}/", f"/people/{case_a.person_id}/"):
        page.goto(path)
        expect(page.get_by_role("region", name="Processing restricted")).to_be_visible()
        assert_no_axe_violations(page)
