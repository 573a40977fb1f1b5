"""The staff inbox and thread with an urgent message (docs/adr/0043) have no axe-core
violations, and the urgent case is marked in words (a tag reading "Urgent" and why), not by
colour alone, at the head of the inbox."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser_support import assert_no_axe_violations, problems, signed_in
from victimcare.messaging.services import message_send_from_victim

pytestmark = pytest.mark.browser


def test_the_inbox_with_an_urgent_message(page, live_server, personas, victim_case, case_court):
    message_send_from_victim(case=victim_case, body="Is there any news?", sender_label="Jane Smith (victim)")
    message_send_from_victim(case=case_court, body="He was near my school", sender_label="Amir (victim)")
    tab = signed_in(page, personas["sue"], live_server.url)
    tab.goto("/inbox/")
    captions = tab.locator("main table caption").all_inner_texts()
    assert captions == ["Urgent: read these first", "My team's cases"]
    first = tab.locator("table#urgent")
    expect(first.get_by_role("link", name=re.compile("Amir Khan"))).to_be_visible()
    expect(first.locator(".govuk-tag")).to_have_text("Urgent")
    expect(first).to_contain_text("Young victim")
    assert_no_axe_violations(tab)
    assert problems(tab) == []
    first.get_by_role("link", name=re.compile("Amir Khan")).click()
    tab.wait_for_load_state()
    expect(tab.locator(".vc-thread")).to_contain_text("Marked urgent: the victim is under 18")
    assert_no_axe_violations(tab)
    assert problems(tab) == []
