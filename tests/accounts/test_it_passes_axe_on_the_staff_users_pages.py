"""The staff users pages in a real browser: no axe-core violations (WCAG 2.2 AA), and an
administrator adds someone, then deactivates them, by the pages alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from victimcare.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_no_axe_violations(page)


def test_an_administrator_adds_and_deactivates_a_staff_user(page_as, personas) -> None:
    page = page_as("adam")
    page.goto("/")
    _check(page, "Staff users")
    page.get_by_role("link", name="Add a staff user").click()
    _check(page, "Add a staff user")
    page.get_by_role("button", name="Add staff user").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter first name")
    assert_no_axe_violations(page)
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Last name").fill("Patel")
    page.get_by_label("Username").fill("nina")
    page.get_by_label("Work email address").fill("nina@example.org")
    page.get_by_label("Organisation").select_option(label="Durham Police and Crime Commissioner")
    page.get_by_label("Role").select_option(label="Caseworker")
    page.get_by_label("Victim care North (Durham Police and Crime Commissioner)").check()
    page.get_by_role("button", name="Add staff user").click()
    _check(page, "Nina Patel added")
    expect(page.locator("#one-time-password")).not_to_be_empty()
    page.get_by_role("link", name="Back to staff users").last.click()
    page.get_by_role("link", name="Deactivate Nina Patel").click()
    _check(page, "Deactivate Nina Patel?")
    page.get_by_role("button", name="Deactivate").click()
    _check(page, "Staff users")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Nina Patel is deactivated")
    assert not User.objects.get(username="nina").is_active
    page.get_by_role("link", name="Reset second factor of Olly Hughes").click()
    _check(page, "Reset the second factor of Olly Hughes?")
