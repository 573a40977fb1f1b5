"""The area page in a real browser: no axe-core violations, and usable by keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_passes_axe_for_the_force_an_lsoa_and_an_error(page_as, area_data) -> None:
    page: Page = page_as("sue")
    page.goto("/area/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Area context")
    expect(page.locator("#crimes")).to_contain_text("Burglary")
    assert_no_axe_violations(page)
    page.goto("/area/?lsoa=nowhere")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an LSOA code or name")
    assert_no_axe_violations(page)


def test_it_passes_axe_for_an_analyst(page_as, area_data) -> None:
    page: Page = page_as("ana")
    page.goto("/area/?lsoa=E01020634")
    expect(page.locator("#cases")).to_contain_text("fewer than 5")
    assert_no_axe_violations(page)


def test_it_is_usable_by_keyboard(page_as, area_data) -> None:
    page: Page = page_as("sue")
    page.goto("/area/")
    page.wait_for_load_state("load")
    for _ in range(40):  # Tab from the top of the page to the area field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_lsoa":
            break
    assert page.evaluate("document.activeElement.id") == "id_lsoa"
    page.keyboard.type("County Durham 001A")
    page.keyboard.press("Enter")
    expect(page.locator("#area-name")).to_have_text("Figures for County Durham 001A (E01020634)")
