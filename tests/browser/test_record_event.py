"""Recording events on a case's timeline from the case page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def choose_event(page: Page, label: str) -> None:
    page.get_by_role("link", name="Record an event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an event")
    page.get_by_label("What happened?").select_option(label=label)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)


def fill_date(page: Page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_it_records_an_arrest_then_that_the_victim_was_told(page_as, case_a) -> None:
    page: Page = page_as("cara")
    page.goto(f"/cases/{case_a.id}/")
    timeline = page.get_by_role("list", name="Timeline")

    choose_event(page, "Suspect arrested")
    fill_date(page, "Date", "5", "3", "2026")
    page.get_by_label("Time (optional)", exact=True).fill("09:15")
    page.get_by_label("Notes").fill("Arrested at home address.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jane Smith")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Suspect arrested recorded")
    arrest = timeline.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Suspect arrested"))
    expect(arrest).to_contain_text("Thursday 5 March 2026, 09:15")
    expect(arrest).to_contain_text("Arrested at home address.")
    expect(page.get_by_text("Investigation", exact=True)).to_be_visible()  # the stage moved on

    choose_event(page, "Victim told about an event")
    page.get_by_role("button", name="Save").click()  # nothing filled in
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_count(3)  # the event, the date and the channel
    expect(page).to_have_title("Error: Victim told about an event - Victim care")

    about = page.get_by_label("Which event is this about?")
    arrest_option = about.locator("option", has_text=re.compile(r"^Suspect arrested, 0?5 March 2026"))
    about.select_option(arrest_option.get_attribute("value"))
    fill_date(page, "Date", "6", "3", "2026")
    page.get_by_label("Phone call").check()
    page.get_by_label("Summary").fill("Told her by phone; she asked about bail.")
    page.get_by_role("button", name="Save").click()
    told = timeline.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Victim told about an event")
    )
    expect(told).to_contain_text("Friday 6 March 2026")
    expect(told).to_contain_text("Phone call")
    told.get_by_role("link", name="Suspect arrested, 5 March 2026").click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#{arrest.get_attribute('id')}")
