"""The compliance pages in a real browser: no axe-core violations (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.reports.conftest import RANGE
from tests.reports.test_it_gates_the_figures import YEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_and_the_cases_behind_a_figure(page_as, timelines) -> None:
    page: Page = page_as("sue")
    page.goto(f"/compliance/?{YEAR}&group=rule")
    expect(page.get_by_role("heading", level=1)).to_have_text("Victims' Code compliance")
    assert_no_axe_violations(page)
    page.locator('#by-group tr[data-key="R4_REFERRAL"] td[data-status="overdue"] a').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cases behind the figure: Overdue, ")
    expect(page.locator("#cases-behind")).to_contain_text("Tom Baker")
    assert_no_axe_violations(page)


def test_the_dashboard_with_errors_and_for_an_analyst(page_as, timelines) -> None:
    page: Page = page_as("ana")
    page.goto("/compliance/?start_day=31&start_month=2&start_year=2026")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Due from must be a real date")
    assert_no_axe_violations(page)
    page.goto(f"/compliance/?{YEAR}")
    expect(page.locator("#by-group")).to_contain_text("fewer than 5")
    assert_no_axe_violations(page)


def test_the_quarterly_return(page_as, timelines) -> None:
    page: Page = page_as("sue")
    page.goto("/compliance/return/?quarter=2026-01-01")
    expect(page.locator("#moj-return")).to_be_visible()
    expect(page.locator("#definitions")).to_contain_text("Victim Personal Statement")
    assert_no_axe_violations(page)


def test_the_attrition_page(page_as, attrition_victims) -> None:
    for username in ("sue", "ana"):
        page: Page = page_as(username)
        page.goto(f"/compliance/attrition/?{RANGE}&by=sex")
        expect(page.get_by_role("heading", level=1)).to_have_text("Where victims drop out")
        expect(page.locator("#everyone")).to_be_visible()
        assert_no_axe_violations(page)
    page.goto("/compliance/attrition/?start_day=31&start_month=2&start_year=2026")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"/compliance/attrition/?{RANGE}&crime_type=Bicycle+theft")
    expect(page.locator("#nothing")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_commissioning_page(page_as, personas) -> None:
    from tests.reports.commissioning_data import YEAR as CALENDAR_YEAR
    from tests.reports.commissioning_data import load_commissioning

    load_commissioning(personas)
    page: Page = page_as("sue")
    page.goto("/compliance/")
    page.get_by_role("link", name="Commissioning evidence: services, needs met, who is missed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Commissioning evidence")
    page.goto(f"/compliance/commissioning/?{CALENDAR_YEAR}")
    expect(page.locator("#services")).to_be_visible()
    expect(page.locator("#chart-capacity")).to_be_attached()
    assert_no_axe_violations(page)
    # The filters (open once figures were asked for) work by keyboard.
    page.get_by_label("Area (local authority of the crime)").select_option("Darlington")
    page.get_by_role("button", name="Show figures").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#services-toofew")).to_be_visible()
    assert_no_axe_violations(page)
    analyst: Page = page_as("ana")
    analyst.goto(f"/compliance/commissioning/?{CALENDAR_YEAR}")
    expect(analyst.locator("#marac")).to_contain_text("fewer than 5")
    assert_no_axe_violations(analyst)
    analyst.goto("/compliance/commissioning/?start_day=31&start_month=2&start_year=2026")
    expect(analyst.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(analyst)
