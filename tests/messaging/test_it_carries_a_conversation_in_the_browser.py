"""Journeys in a real Chromium: a victim writes, staff see it and reply, the victim reads the
reply; a victim asks for a review of a decision and is told what happens next and by when."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.browser_support import signed_in
from tests.messaging.browser import portal_page
from tests.messaging.conftest import make_account
from victimcare.cases.services import event_record
from victimcare.messaging.models import Message
from victimcare.rights.engine import add_months

pytestmark = pytest.mark.browser


def test_it_carries_a_message_from_victim_to_staff_and_back(
    page: Page, browser: Browser, live_server: Any, personas, victim_case
) -> None:
    victim = portal_page(page, make_account(victim_case), live_server.url)
    victim.goto("/portal/messages/")
    expect(victim.get_by_role("heading", level=1)).to_have_text("Messages")
    victim.get_by_role("button", name="Send message").click()  # nothing typed
    expect(victim.locator(".govuk-error-summary")).to_contain_text("Enter your message")
    victim.locator(".govuk-error-summary").get_by_role("link", name="Enter your message").click()
    expect(victim.get_by_label("Your message")).to_be_focused()
    victim.get_by_label("Your message").fill("Someone has been outside my house again.")
    victim.get_by_role("button", name="Send message").click()
    expect(victim.locator(".govuk-notification-banner")).to_contain_text("Your message has been sent")
    expect(victim.locator(".vc-thread")).to_contain_text("Someone has been outside my house again.")

    staff_context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    try:
        staff = signed_in(staff_context.new_page(), personas["cara"], live_server.url)
        staff.goto("/inbox/")
        staff.get_by_role("link", name="Jane Smith").click()
        expect(staff.get_by_role("heading", level=1)).to_have_text("Messages with the victim")
        expect(staff.locator(".vc-thread")).to_contain_text("Someone has been outside my house again.")
        staff.get_by_label("Your reply").fill("I have asked the officer to call you this afternoon.")
        staff.get_by_role("button", name="Send reply").click()
        expect(staff.locator(".govuk-notification-banner")).to_contain_text("Reply sent")
        staff.goto(f"/cases/{victim_case.id}/")
        expect(staff.locator("#portal-messages-unread")).to_have_text("None")
    finally:
        staff_context.close()

    victim.goto("/portal/messages/")
    reply = victim.locator(".vc-thread__message--staff")
    expect(reply).to_contain_text("I have asked the officer to call you this afternoon.")
    expect(reply).to_contain_text("Cara Walsh")
    expect(reply.get_by_text("New")).to_be_visible()
    assert Message.objects.filter(read_at__isnull=True).count() == 0


def test_it_asks_for_a_review_and_says_when_to_expect_an_answer(
    page: Page, live_server: Any, personas, victim_case
) -> None:
    # The live server runs on the real clock: a decision last week, the victim told yesterday.
    now = timezone.now()
    nfa = event_record(
        actor=personas["olly"],
        case=victim_case,
        type="suspect_released_no_further_action",
        occurred_at=now - timedelta(days=7),
    )
    told = now - timedelta(days=1)
    event_record(
        actor=personas["olly"],
        case=victim_case,
        type="victim_informed",
        about=nfa,
        payload={"channel": "phone"},
        occurred_at=told,
    )
    ask_by = add_months(timezone.localdate(told), 3)
    victim = portal_page(page, make_account(victim_case), live_server.url)
    victim.goto("/portal/ask/")
    victim.get_by_label("A review of a decision not to take your case forward").check()
    victim.get_by_role("button", name="Continue").click()
    expect(victim.locator("#review-windows")).to_contain_text(
        f"You can ask for a review until {ask_by.day} {ask_by:%B %Y}"
    )
    victim.get_by_label("The police").check()
    victim.get_by_label("Anything you want to tell us").fill("Nobody spoke to the witness.")
    victim.get_by_role("button", name="Continue").click()
    expect(victim.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(victim.locator(".govuk-summary-list")).to_contain_text("Nobody spoke to the witness.")
    victim.get_by_role("button", name="Send").click()
    expect(victim.locator(".govuk-panel__title")).to_have_text("You have asked for a review of a decision")
    due = victim_case.entitlements.get(rule="VRR_POLICE_ACK").due
    expect(victim.locator("#next-steps")).to_contain_text(
        f"confirm they have your request by {due:%A} {due.day} {due:%B %Y}"
    )
