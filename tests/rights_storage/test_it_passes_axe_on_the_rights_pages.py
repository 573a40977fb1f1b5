"""The rights pages in a real browser: no axe-core violations (WCAG 2.2 AA), usable by keyboard.

Uses the suite's Playwright fixtures and axe helper (tests/browser_support.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.factories import local
from victimcare.cases.services import event_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_case(personas, case_a):
    olly = personas["olly"]
    arrest = event_record(actor=olly, case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14))
    event_record(actor=olly, case=case_a, type="victim_informed", occurred_at=local(2026, 3, 4, 9), about=arrest,
                 payload={"channel": "phone"})  # fmt: skip
    event_record(actor=olly, case=case_a, type="vrr_requested", occurred_at=local(2026, 3, 5, 9),
                 payload={"decision_maker": "police"})  # fmt: skip
    event_record(actor=olly, case=case_a, type="cps_decision_not_to_charge", occurred_at=local(2026, 3, 6, 9))
    return case_a


def test_it_has_no_violations_on_the_case_page_with_rights(page_as, busy_case) -> None:
    page: Page = page_as("cara")
    page.goto(f"/cases/{busy_case.id}/")
    expect(page.get_by_role("heading", name="Victims' Code rights")).to_be_visible()
    expect(page.get_by_role("heading", name="Reviews of decisions")).to_be_visible()
    assert_no_axe_violations(page)


def test_it_has_no_violations_on_the_work_queue(page_as, busy_case) -> None:
    page: Page = page_as("sue")
    page.goto("/work/?show=all")
    expect(page.get_by_role("table")).to_be_visible()
    assert_no_axe_violations(page)


def test_it_decides_enhanced_rights_by_keyboard_and_shows_errors_accessibly(page_as, busy_case) -> None:
    page: Page = page_as("cara")
    page.goto(f"/cases/{busy_case.id}/")
    page.get_by_role("link", name="Change enhanced rights").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enhanced rights")
    assert_no_axe_violations(page)
    page.get_by_label("No, give standard rights").check()
    page.get_by_role("button", name="Save decision").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why you have decided this")
    expect(page.get_by_label("No, give standard rights")).to_be_checked()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Enter why you have decided this").click()
    page.keyboard.type("Business premises only")
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator("#enhanced-rights")).to_have_text("No")
