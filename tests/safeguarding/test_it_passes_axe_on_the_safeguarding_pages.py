"""Every safeguarding page in a real browser, with data and with errors: no axe-core
violations (WCAG 2.2 AA). Uses the suite's Playwright fixtures (tests/browser_support.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.safeguarding.conftest import make_answers
from victimcare.safeguarding.services import (
    AssessmentInput,
    OrderInput,
    marac_meeting_add_referral,
    marac_meeting_create,
    marac_referral_make,
    protective_order_record,
    risk_assessment_complete,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_case(personas, case_a):
    cara = personas["cara"]
    risk_assessment_complete(
        actor=cara, case=case_a, data=AssessmentInput(answers=make_answers(15), notes={"1": "Bruising"})
    )
    today = timezone.localdate()
    protective_order_record(actor=cara, case=case_a, data=OrderInput("nmo", "No contact", "Durham Magistrates' Court",
                                                                      today - timedelta(days=100), today + timedelta(days=10)))  # fmt: skip
    referral = marac_referral_make(actor=cara, case=case_a)
    meeting = marac_meeting_create(
        actor=personas["sue"], area="County Durham North", held_on=today + timedelta(days=7)
    )
    marac_meeting_add_referral(actor=personas["sue"], meeting=meeting, referral=referral)
    case_a.meeting = meeting
    return case_a


def test_it_has_no_violations_on_the_case_page_with_safeguarding(page_as, busy_case) -> None:
    page: Page = page_as("cara")
    page.goto(f"/cases/{busy_case.id}/")
    expect(page.get_by_role("heading", name="Safeguarding")).to_be_visible()
    expect(page.locator("#order-expiry-alert")).to_contain_text("expires in 10 days")
    assert_no_axe_violations(page)


def test_it_has_no_violations_on_the_dash_form_with_errors_and_after(page_as, busy_case) -> None:
    page: Page = page_as("cara")
    page.goto(f"/cases/{busy_case.id}/risk/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dash risk assessment")
    assert_no_axe_violations(page)
    page.locator("#id_q1_0").check()
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Answer question 2")
    expect(page.locator("#id_q1_0")).to_be_checked()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator("#draft-status")).to_contain_text("Yes answers so far: 1")
    assert_no_axe_violations(page)
    page.goto(f"/cases/{busy_case.id}/")
    page.locator("#safeguarding a", has_text="score 15").click()
    expect(page.locator("#risk-level")).to_have_text("High")
    assert_no_axe_violations(page)


def test_it_has_no_violations_on_the_marac_pages(page_as, busy_case) -> None:
    page: Page = page_as("cara")
    page.goto(f"/cases/{busy_case.id}/marac/")
    page.get_by_role("button", name="Refer to MARAC").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("already referred")
    assert_no_axe_violations(page)
    page.goto("/marac/")
    expect(page.get_by_role("link", name="County Durham North")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"/marac/{busy_case.meeting.id}/")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter action")
    assert_no_axe_violations(page)
    page.get_by_label("Case the action is for").select_option(index=1)
    page.get_by_label("Action", exact=True).fill("Fit a panic alarm")
    page.get_by_label("Who owns it").fill("PC Olly")
    page.locator("#id_action-due_on_0").fill("1")
    page.locator("#id_action-due_on_1").fill("12")
    page.locator("#id_action-due_on_2").fill(str(date.today().year + 1))
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("cell", name="Fit a panic alarm", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/marac/new/")
    page.get_by_role("button", name="Add the meeting").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)


def test_it_has_no_violations_on_the_order_pages(page_as, busy_case) -> None:
    page: Page = page_as("cara")
    page.goto(f"/cases/{busy_case.id}/protective-orders/new/")
    page.get_by_role("button", name="Record the order").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the type of order")
    assert_no_axe_violations(page)
    page.goto("/protective-orders/expiring/")
    expect(page.locator("#expiring-orders")).to_contain_text("Non-molestation order")
    assert_no_axe_violations(page)
