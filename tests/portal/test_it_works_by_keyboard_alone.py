"""Sign in and read the case with the keyboard alone: after the first page load the test only
presses keys; every stop shows GOV.UK's visible focus."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_keyboard import assert_focus_visible, tab_to

from .conftest import last_code

pytestmark = pytest.mark.browser


def test_it_signs_in_and_reads_the_case_by_keyboard(page, live_server, jane_case):
    page.goto("/portal/sign-in/")
    tab_to(page, "#id_reference")
    page.keyboard.type("DU/00500/26")
    tab_to(page, "#id_address")
    page.keyboard.type("jane@example.com")
    tab_to(page, "form[action='/portal/sign-in/'] button")
    page.keyboard.press("Enter")
    expect(page.locator("#id_code")).to_be_visible()
    tab_to(page, "#id_code")
    page.keyboard.type("1")  # a wrong code first: focus goes to the error summary
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    tab_to(page, "#id_code")
    page.keyboard.press("Control+A")
    page.keyboard.type(last_code("jane@example.com"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Hello Jane")
    page.wait_for_load_state("load")  # keys pressed while the page still loads can land on <body>
    tab_to(page, "a.govuk-service-navigation__link[href='/portal/rights/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("My rights")
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")  # the first stop on the new page: the skip link, shown on focus
    assert assert_focus_visible(page)["href"] == "#main-content"
