"""Every portal page, signed out and signed in, with and without errors, has no axe-core
violations (WCAG 2.2 AA) in English and in Welsh."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.factories import local
from victimcare.cases.services import event_record

from .browser import browser_sign_in

pytestmark = pytest.mark.browser


def _check(page: Page, path: str) -> None:
    page.goto(path)
    assert_no_axe_violations(page)


def _choose_language(page: Page, language: str) -> None:
    """On the sign-in page, press the language switch's button (a posted form) if it shows."""
    page.goto("/portal/sign-in/")
    switch = page.locator(f"button[lang='{language}']")
    if switch.count():
        switch.click()
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_it_passes_axe_on_signed_out_pages(page, live_server, db, language):
    _choose_language(page, language)
    for path in ("/portal/sign-in/", "/portal/get-support/", "/portal/signed-out/", "/portal/no-such-page/"):
        _check(page, path)
    page.goto("/portal/sign-in/")
    page.locator("form[action='/portal/sign-in/'] button").click()  # empty: the error summary
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#id_reference").fill("DU/99999/26")
    page.locator("#id_address").fill("nobody@example.com")
    page.locator("form[action='/portal/sign-in/'] button").click()
    expect(page.locator("#id_code")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#id_code").fill("12")
    page.locator("form[action='/portal/sign-in/code/'] button").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    assert page.problems == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_it_passes_axe_on_signed_in_pages(page, live_server, personas, jane_case, language):
    olly = personas["olly"]
    arrest = event_record(
        actor=olly, case=jane_case, type="suspect_arrested", occurred_at=local(2026, 3, 4, 9, 0)
    )
    event_record(actor=olly, case=jane_case, type="victim_informed", occurred_at=local(2026, 3, 5, 9, 0),
                 payload={"channel": "phone"}, about=arrest)  # fmt: skip
    _choose_language(page, language)
    browser_sign_in(page, "DU/00500/26", "jane@example.com")
    for path in (
        "/portal/",
        "/portal/rights/",
        "/portal/support/",
        "/portal/contact/",
        "/portal/get-support/",
    ):
        _check(page, path)
        expect(page.locator("html")).to_have_attribute("lang", language)
    page.goto("/portal/contact/")
    page.locator("#id_safe_time_from").fill("nine")
    page.locator("form[action='/portal/contact/'] button").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    assert page.problems == []


def test_it_passes_axe_on_the_staff_portal_panel_and_forms(page_as, live_server, personas, jane_case):
    from victimcare.portal.services import RepresentativeInput, representative_add

    parent = representative_add(actor=personas["cara"], case=jane_case, data=RepresentativeInput(
        role="parent", first_name="Pat", last_name="Smith", email="pat@example.com"))  # fmt: skip
    page = page_as("cara")
    for path in (
        f"/cases/{jane_case.id}/",
        f"/portal/staff/cases/{jane_case.id}/access/",
        f"/portal/staff/cases/{jane_case.id}/people/new/",
        f"/portal/staff/cases/{jane_case.id}/people/{parent.id}/remove/",
    ):
        page.goto(path)
        assert_no_axe_violations(page)
    page.goto(f"/portal/staff/cases/{jane_case.id}/people/new/")
    page.get_by_role("button", name="Add").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
