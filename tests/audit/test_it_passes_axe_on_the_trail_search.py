"""The audit trail search in a real browser: no axe-core violations, usable by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_passes_axe_on_the_trail_search_with_and_without_errors(page_as) -> None:
    page: Page = page_as("adam")
    page.goto("/audit/trail/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the audit trail")
    assert_no_axe_violations(page)
    page.locator(".govuk-details__summary").focus()
    page.keyboard.press("Enter")  # opens the filters by keyboard
    page.locator("#id_actor").fill("adam")
    page.locator("#id_category").select_option("consultation")
    page.locator("#id_actor").press("Enter")
    expect(page.locator("#count")).to_contain_text("found")
    assert_no_axe_violations(page)
    page.goto("/audit/trail/?start_day=2&start_month=1&start_year=2026&end_day=1&end_month=1&end_year=2026")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Up to must be the same as or after from")
    assert_no_axe_violations(page)
