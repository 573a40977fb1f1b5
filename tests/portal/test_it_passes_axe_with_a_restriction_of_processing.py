"""The portal's restriction notice passes axe-core (WCAG 2.2 AA) in English and Welsh."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_support import assert_no_axe_violations
from victimcare.people.services import person_restrict

from .browser import browser_sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_notice_passes_axe(page, live_server, personas, jane_case, language):
    person_restrict(actor=personas["adam"], person=jane_case.person, reason="Disputes her address")
    page.goto("/portal/sign-in/")
    switch = page.locator(f"button[lang='{language}']")
    if switch.count():
        switch.click()
    browser_sign_in(page, "DU/00500/26", "jane@example.com")
    for path in ("/portal/", "/portal/contact/"):
        page.goto(path)
        expect(page.get_by_role("region", name="Important" if language == "en" else "Pwysig")).to_be_visible()
        assert_no_axe_violations(page)
    assert page.problems == []
