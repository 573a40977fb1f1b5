"""Browser helpers for the portal tests: signing in through the real pages, the code read from the
demo mailbox (the transport the demo uses)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import last_code


def browser_sign_in(page: Page, reference: str, address: str) -> None:
    page.goto("/portal/sign-in/")
    page.locator("#id_reference").fill(reference)
    page.locator("#id_address").fill(address)
    page.locator("form[action='/portal/sign-in/'] button").click()
    expect(page.locator("#id_code")).to_be_visible()
    page.locator("#id_code").fill(last_code(address.lower()))
    page.locator("form[action='/portal/sign-in/code/'] button").click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^(Hello|Helo) "))
