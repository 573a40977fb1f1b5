"""The messages pages in a real Chromium: no axe-core violations (WCAG 2.2 AA) in each state,
and "Send again" works from the keyboard.

Each test drives its own Playwright in a thread of its own: the session-scoped Playwright
fixtures of tests/browser (also imported by tests/rights_storage) hold the main thread's event
loop, and a second sync Playwright in the same thread refuses to start.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect, sync_playwright

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, assert_no_axe_violations, problems
from tests.conftest import verified_client
from tests.notify.conftest import record
from victimcare.notify import services
from victimcare.notify.models import OutboundMessage

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_browser(live_server: Any, user: Any, steps: Callable[[Page], None]) -> None:
    """Run `steps` on a page signed in as `user`, in a thread with its own Playwright."""
    failure: list[BaseException] = []
    session = (
        verified_client(user).cookies[settings.SESSION_COOKIE_NAME].value
    )  # signed in here, not in the thread
    cookie: SetCookieParam = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session,
        "url": live_server.url,
        "httpOnly": True,
    }

    def run() -> None:
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                ctx = browser.new_context(
                    base_url=live_server.url, locale="en-GB", timezone_id="Europe/London"
                )
                ctx.set_default_timeout(10_000)
                tab = ctx.new_page()
                seen: list[str] = []
                tab.on("pageerror", lambda e: seen.append(f"script error: {e}"))
                tab.on(
                    "response",
                    lambda r: seen.append(f"{r.status} for {r.url}") if r.status >= 400 else None,
                )
                tab.problems = seen  # type: ignore[attr-defined]  # read with problems()
                ctx.add_cookies([cookie])
                steps(tab)
                browser.close()
        except BaseException as err:  # re-raised in the test's thread
            failure.append(err)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    if failure:
        raise failure[0]


@pytest.fixture
def messages_case(victim_case_factory, personas):
    vcase = victim_case_factory(reference="DU/00900/26")
    delivered = record(vcase, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    held = record(vcase, "suspect_charged", personas["olly"])
    OutboundMessage.objects.filter(pk=held.pk).update(
        status="held", hold_reason="The victim's email address is marked unsafe to use"
    )
    failed = record(
        vcase, "hearing_listed", personas["olly"], hearing_date="2026-06-02", court="Durham Crown Court"
    )
    OutboundMessage.objects.filter(pk=failed.pk).update(
        status="failed", last_error="GOV.UK Notify said 400: email_address Not a valid email address"
    )
    assert delivered is not None
    return vcase


def test_it_has_no_axe_violations_on_the_message_pages(live_server, personas, messages_case):
    urls = (
        f"/messages/cases/{messages_case.id}/",
        "/messages/",
        "/messages/?show=all",
        f"/messages/cases/{messages_case.id}/preferences/",
        "/messages/templates/",
        "/messages/templates/suspect_bailed/?language=cy",
        "/messages/templates/reminder_digest/?language=en",
        "/messages/mailbox/",
        "/messages/reminders/",
    )

    def steps(tab: Page) -> None:
        for url in urls:
            tab.goto(url)
            assert_no_axe_violations(tab)
            assert problems(tab) == []

    in_browser(live_server, personas["cara"], steps)


def test_it_has_no_axe_violations_on_forms_with_errors(live_server, personas, messages_case):
    in_browser(live_server, personas["cara"], lambda tab: forms_with_errors(tab, messages_case))


def forms_with_errors(tab: Page, messages_case: Any) -> None:
    tab.goto(f"/messages/cases/{messages_case.id}/preferences/")
    tab.get_by_label("Letter", exact=True).check()
    tab.get_by_role("button", name="Save").click()
    expect(tab.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(tab)
    tab.goto("/messages/reminders/")
    tab.get_by_label("How many days before").fill("eleven")
    tab.get_by_role("button", name="Save").click()
    expect(tab.locator(".govuk-error-summary")).to_contain_text("whole number")
    assert_no_axe_violations(tab)


def test_it_sends_a_held_message_again_from_the_keyboard(live_server, personas, messages_case):
    in_browser(live_server, personas["cara"], lambda tab: send_again(tab, messages_case))


def send_again(tab: Page, messages_case: Any) -> None:
    tab.goto(f"/messages/cases/{messages_case.id}/")
    buttons = tab.get_by_role("button", name="Send again")
    expect(buttons).to_have_count(2)
    buttons.first.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    expect(tab.locator(".govuk-notification-banner")).to_contain_text("will be sent again")
