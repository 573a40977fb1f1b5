"""The main journey by keyboard alone: Tab, Shift+Tab, Enter, Space, arrow keys and typing.

After `page.goto` to the first page the test never clicks. Every element that Tab lands on
must show a visible focus indicator (GOV.UK's yellow focus style, as an outline, a box
shadow or a background), and after a failed submit focus must go to the error summary.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import totp_code
from victimcare.accounts.models import User
from victimcare.cases.models import VictimCase

pytestmark = pytest.mark.browser

FOCUSED = """() => {
    const el = document.activeElement;
    // GOV.UK radios and checkboxes hide the native input and draw the box, and its focus
    // ring, on the label's ::before.
    const custom = el.matches('.govuk-checkboxes__input, .govuk-radios__input');
    const s = custom ? getComputedStyle(el.nextElementSibling, '::before') : getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') || '',
        href: el.getAttribute('href') || '', text: (el.innerText || el.value || '').trim().slice(0, 60),
        classes: el.className || '',
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        shadow: s.boxShadow !== 'none',
        background: s.backgroundColor,
        width: r.width, height: r.height,
    };
}"""
GOVUK_FOCUS_YELLOW = "rgb(255, 221, 0)"


def focused(page: Page) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(FOCUSED)
    return found


def assert_focus_visible(page: Page) -> dict[str, Any]:
    el = focused(page)
    assert el["tag"] != "body", "focus was lost to the page body"
    assert el["width"] > 1 and el["height"] > 1, f"the focused element is not visible: {el}"
    assert el["outline"] or el["shadow"] or el["background"] == GOVUK_FOCUS_YELLOW, (
        f"no visible focus style: {el}"
    )
    return el


def tab_to(page: Page, selector: str, *, key: str = "Tab", limit: int = 40) -> dict[str, Any]:
    """Press Tab until the element matching `selector` has focus, checking every stop on the way."""
    for _ in range(limit):
        page.keyboard.press(key)
        el = assert_focus_visible(page)
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return el
    raise AssertionError(f"{limit} presses of {key} did not reach {selector}; ended on {focused(page)}")


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def assert_error_summary_has_focus(page: Page) -> None:
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_focus_visible(page)


def test_it_works_by_keyboard_alone(page: Page, live_server: Any, personas: dict[str, User],
                                    case_a: VictimCase) -> None:  # fmt: skip
    cara = personas["cara"]
    page.goto("/sign-in/")

    # The skip link is the first Tab stop; it appears when focused and moves focus to <main>.
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.bounding_box()["height"] <= 1  # type: ignore[index]  # visually hidden until focused
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    assert assert_focus_visible(page)["height"] > 20
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # Password, then a wrong security code: focus goes to the error summary, whose link
    # takes focus to the field.
    type_into(page, "#id_username", "cara")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type("correct horse battery staple")
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.press("Enter")  # Enter in a text box submits its form
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")

    type_into(page, "#id_code", f"{(int(totp_code(cara)) + 1) % 1_000_000:06d}")
    page.keyboard.press("Enter")
    assert_error_summary_has_focus(page)
    tab_to(page, ".govuk-error-summary a")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Security code")).to_be_focused()
    page.keyboard.press("ControlOrMeta+A")
    time.sleep(1.2)  # django-otp's wait after a wrong code
    page.keyboard.type(totp_code(cara))
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")

    # From the caseload to the case, then to "Record an event".
    tab_to(page, f'a[href="/cases/{case_a.id}/"]')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jane Smith")
    tab_to(page, f'a[href="/cases/{case_a.id}/events/new/"]')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an event")

    # Continue without choosing: the error summary takes focus.
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    assert_error_summary_has_focus(page)
    tab_to(page, "#id_type")
    page.keyboard.type("Suspect arr")  # a closed <select> picks the option typed
    expect(page.get_by_label("What happened?")).to_have_value("suspect_arrested")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text("Suspect arrested")

    # Save with the date missing, then fill it in from the error summary's link.
    tab_to(page, "#id_notes")
    page.keyboard.type("Arrested by keyboard.")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    assert_error_summary_has_focus(page)
    expect(page.get_by_label("Notes")).to_have_value("Arrested by keyboard.")
    tab_to(page, ".govuk-error-summary a")
    page.keyboard.press("Enter")
    expect(page.get_by_role("group", name="Date").get_by_label("Day")).to_be_focused()
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Time (optional)", exact=True)).to_be_focused()
    page.keyboard.type("09:15")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Jane Smith")
    arrest = page.get_by_role("list", name="Timeline").get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Suspect arrested"))  # fmt: skip
    expect(arrest).to_contain_text("Thursday 5 March 2026, 09:15")
    expect(arrest).to_contain_text("Arrested by keyboard.")

    # Signing out is reachable by keyboard too.
    tab_to(page, "button.vc-sign-out__button", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
