"""The restorative justice pages in a real browser, with errors and with history: no axe-core
violations (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_has_no_violations_offering_and_recording_steps(page_as, case_a) -> None:
    page: Page = page_as("cara")
    page.goto(f"/cases/{case_a.id}/")
    page.get_by_role("link", name="Offer restorative justice").click()
    page.locator("#id_occurred_on_0").fill("")
    page.get_by_role("button", name="Record the offer").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#id_occurred_on_0").fill("5")
    page.locator("#id_occurred_on_1").fill("3")
    page.locator("#id_occurred_on_2").fill("2026")
    page.get_by_role("button", name="Record the offer").click()
    expect(page.locator("#rj-status")).to_have_text("Offered to the victim")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record the step").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Declined by the victim").check()
    page.get_by_role("button", name="Record the step").click()
    expect(page.locator("#rj-status")).to_have_text("Declined by the victim")
    expect(page.locator(".govuk-inset-text")).to_contain_text("The victim's choice stands")
    assert_no_axe_violations(page)
    page.goto(f"/cases/{case_a.id}/")
    expect(page.locator("#rj-heading")).to_have_text("Restorative justice")
    assert_no_axe_violations(page)
