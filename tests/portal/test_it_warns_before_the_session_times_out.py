"""The portal warns before the session times out (WCAG 2.2.1 Timing Adjustable), in a modal
dialog announced by its name and text, that passes axe-core in English and Welsh; "Stay signed
in" works from the keyboard and extends the session; when the time runs out, a message being
written is kept (not sent) and offered back after signing in again, and nothing of it is left
in the browser's storage (docs/adr/0058)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from victimcare.messaging.models import Message
from victimcare.portal.models import KeptDraft

from .browser import browser_sign_in
from .conftest import last_code

pytestmark = pytest.mark.browser

TEXT = "Please call me after 6pm, not before: he is home until then."


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_warning_is_announced_passes_axe_and_stay_signed_in_works_by_keyboard(
    page, live_server, jane_case, settings, language
):
    settings.PORTAL_IDLE_MINUTES = 0.5  # 30 seconds, warned 28 seconds before
    settings.PORTAL_TIMEOUT_WARNING_SECONDS = 28
    page.goto("/portal/sign-in/")
    if language == "cy":
        page.locator("button[lang='cy']").click()
    browser_sign_in(page, "DU/00500/26", "jane@example.com")
    page.goto("/portal/messages/")
    page.locator("#id_body").fill(TEXT)

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=8_000)
    name = "You will be signed out soon" if language == "en" else "Byddwch yn cael eich allgofnodi cyn bo hir"
    expect(dialog).to_have_accessible_name(name)
    description = (
        "To keep your information safe" if language == "en" else "Er mwyn cadw eich gwybodaeth yn ddiogel"
    )
    expect(dialog).to_have_accessible_description(re.compile(re.escape(description)))
    stay = dialog.get_by_role("button")
    expect(stay).to_be_focused()  # the modal took focus: Enter is all it needs
    assert_no_axe_violations(page)

    page.keyboard.press("Enter")

    expect(dialog).to_be_hidden()
    expect(page.locator("#id_body")).to_have_value(TEXT)
    session = page.context.cookies()
    assert any(c["name"] == settings.SESSION_COOKIE_NAME for c in session)
    assert page.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]
    assert page.problems == []


def test_escape_also_means_stay_signed_in(page, live_server, jane_case, settings):
    settings.PORTAL_IDLE_MINUTES = 0.5
    settings.PORTAL_TIMEOUT_WARNING_SECONDS = 28
    browser_sign_in(page, "DU/00500/26", "jane@example.com")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=8_000)
    with page.expect_response("**/portal/session/extend/") as extended:
        page.keyboard.press("Escape")
    assert extended.value.status == 200
    expect(dialog).to_be_hidden()
    page.goto("/portal/rights/")
    expect(page.locator("h1")).not_to_have_text("Sign in to see your case")


def test_when_time_runs_out_the_message_is_kept_and_offered_back_after_sign_in(
    page, live_server, jane_case, settings
):
    settings.PORTAL_IDLE_MINUTES = 0.1  # 6 seconds
    settings.PORTAL_TIMEOUT_WARNING_SECONDS = 4
    browser_sign_in(page, "DU/00500/26", "jane@example.com")
    page.goto("/portal/messages/")
    page.locator("#id_body").fill(TEXT)

    expect(page.locator("h1")).to_have_text("Sign in to see your case", timeout=15_000)

    expect(page.get_by_role("region", name="Important")).to_contain_text(
        "has been kept. It has not been sent."
    )
    assert not Message.objects.exists()
    assert KeptDraft.objects.get().body == TEXT
    assert page.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]
    settings.PORTAL_IDLE_MINUTES = 20
    browser_sign_in_to_messages(page)
    expect(page.locator("#id_body")).to_have_value(TEXT)
    expect(page.get_by_role("region", name="Important")).to_contain_text("It has not been sent yet")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send message").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Your message has been sent")
    assert Message.objects.get().body == TEXT
    assert page.problems == []


def browser_sign_in_to_messages(page: Page) -> None:
    """Sign in again: the kept message brings the victim straight back to Messages."""
    page.locator("#id_reference").fill("DU/00500/26")
    page.locator("#id_address").fill("jane@example.com")
    page.locator("form[action='/portal/sign-in/'] button").click()
    page.locator("#id_code").fill(last_code("jane@example.com"))
    page.locator("form[action='/portal/sign-in/code/'] button").click()
    expect(page.locator("h1")).to_have_text("Messages")
