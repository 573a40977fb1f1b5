"""The victim's journey in a real browser: sign in with the code from the mailbox, read the case
and the rights, change how to be contacted, sign out; the Exit this page button signs out on its way to a neutral site."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import local
from victimcare.cases.models import Event
from victimcare.cases.services import event_record

from .browser import browser_sign_in

pytestmark = pytest.mark.browser


def test_it_signs_in_reads_the_case_and_changes_contact_preferences(page, live_server, personas, jane_case):
    event_record(
        actor=personas["olly"], case=jane_case, type="suspect_arrested", occurred_at=local(2026, 3, 4, 9, 0)
    )
    browser_sign_in(page, "du/00500/26", "Jane@example.com")
    expect(page.locator("body")).to_contain_text("The police arrested a suspect.")
    page.get_by_role("link", name="My rights").click()
    expect(page.locator("h1")).to_have_text("My rights")
    expect(page.locator("body")).to_contain_text("The police should tell you about the arrest by")
    page.get_by_role("link", name="How to contact me").click()
    page.get_by_role("checkbox", name="Text message").uncheck()
    page.locator("#id_discreet_0").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your choices are saved.")
    expect(page).to_have_title("Your account")
    assert Event.objects.filter(case=jane_case, type="contact_preferences_changed").exists()
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_have_text("You have signed out")
    expect(page).to_have_title("Your account")  # discreet mode is remembered in this browser
    page.goto("/portal/")
    expect(page.locator("h1")).to_have_text("Sign in to see your case")


def test_it_has_an_exit_this_page_button_to_a_neutral_site(page, live_server, db):
    page.goto("/portal/sign-in/")
    button = page.locator(".govuk-exit-this-page__button")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("href", "/portal/exit/")
    expect(page.locator(".govuk-exit-this-page")).to_have_attribute("data-module", "govuk-exit-this-page")
