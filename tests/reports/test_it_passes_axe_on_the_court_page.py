"""The court delay page in a real browser, for a supervisor and an analyst: no axe-core
violations (WCAG 2.2 AA), the filters open and work by keyboard, and a case opens from the list."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.reports.test_it_reports_court_delays import _range, charged  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_court_page(page_as, charged) -> None:  # noqa: F811
    page: Page = page_as("sue")
    page.goto("/compliance/")
    page.get_by_role("link", name="Court delays: how long victims wait, and hearings moved").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Court delays")
    page.goto(f"/compliance/court/?{_range()}")
    expect(page.locator("#everyone")).to_be_visible()
    expect(page.locator("#chart-waiting")).to_be_attached()
    assert_no_axe_violations(page)
    page.locator("#waiting a").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("C0 Court")
    analyst: Page = page_as("ana")
    analyst.goto(f"/compliance/court/?{_range()}")
    expect(analyst.locator("#everyone")).to_contain_text("fewer than 5")
    assert_no_axe_violations(analyst)


def test_the_court_page_with_an_error(page_as, charged) -> None:  # noqa: F811
    page: Page = page_as("sue")
    page.goto("/compliance/court/?start_day=31&start_month=2&start_year=2026")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
