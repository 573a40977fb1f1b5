"""The crime journey in a real browser: cara adds a second victim to a crime, olly corrects a
flag and records the outcome; each page has no axe-core violations (WCAG 2.2 AA) in each state
(empty, with errors, with results), and the crime page works by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_record_event import choose_event, fill_date
from tests.browser_support import assert_no_axe_violations, problems, signed_in
from victimcare.cases.models import Crime, VictimCase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _add_second_victim(page: Page, case_a) -> None:
    page.goto(f"/cases/{case_a.id}/")
    page.get_by_role("link", name="See crime DU/00001/26 and its victims").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crime DU/00001/26")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Add a victim to this crime").click()
    assert_no_axe_violations(page)
    page.get_by_label("Name, date of birth or crime reference").fill("Smith")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Already a victim of this crime")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Add a new victim").click()
    expect(page.locator(".govuk-caption-l")).to_have_text("Crime DU/00001/26")
    assert_no_axe_violations(page)
    page.get_by_label("First name").fill("Ella")
    page.get_by_label("Last name").fill("Smith")
    fill_date(page, "Date of birth", "1", "6", "2015")
    page.get_by_role("button", name="Continue").click()
    # Jane Smith has the same surname, not the same date of birth or first name: no warning.
    expect(page.get_by_role("heading", level=1)).to_have_text("Open a case for Ella Smith")
    fill_date(page, "Date this victim reported the crime or was identified", "1", "1", "2026")
    page.get_by_role("button", name="Open the case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("on or after the crime was reported")
    assert_no_axe_violations(page)
    fill_date(page, "Date this victim reported the crime or was identified", "3", "3", "2026")
    page.get_by_label("Victim", exact=True).check()
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ella Smith")
    expect(page.get_by_role("link", name="Jane Smith")).to_be_visible()  # the other victim
    assert_no_axe_violations(page)


def _correct_a_flag(page: Page, case_a) -> None:
    page.goto(f"/crimes/{case_a.crime_id}/")
    page.get_by_role("link", name="Correct the crime's details").click()
    page.get_by_label("Domestic abuse").uncheck()
    page.get_by_label("Hate crime").check()
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the crime")
    assert_no_axe_violations(page)
    page.get_by_label("Why are you correcting the crime's details?").fill(
        "Recorded as domestic abuse by mistake"
    )
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Crime details corrected")
    expect(page.get_by_text("Hate crime", exact=True)).to_be_visible()
    assert_no_axe_violations(page)


def _record_the_outcome(page: Page, case_a) -> None:
    page.goto(f"/cases/{case_a.id}/")
    choose_event(page, "Crime outcome")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the outcome")
    assert_no_axe_violations(page)
    page.get_by_label("Outcome").select_option(label="Investigation complete, no suspect identified")
    fill_date(page, "Date", "20", "3", "2026")
    page.get_by_role("button", name="Save").click()
    timeline = page.get_by_role("list", name="Timeline")
    outcome = timeline.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Crime outcome"))
    expect(outcome).to_contain_text("Investigation complete, no suspect identified")
    corrected = timeline.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Crime details corrected")
    )
    expect(corrected).to_contain_text("Domestic abuse removed")
    expect(corrected).to_contain_text("Recorded as domestic abuse by mistake")
    assert_no_axe_violations(page)


def _record_the_outcome_for_every_victim(page: Page, case_a) -> None:
    page.goto(f"/crimes/{case_a.crime_id}/")
    victims = page.get_by_role("table", name="Victims of this crime")
    expect(victims.get_by_role("row").filter(has_text="Ella Smith")).to_contain_text("Not yet")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Record the outcome").click()
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the outcome")
    assert_no_axe_violations(page)
    page.get_by_label("Outcome").select_option(label="Investigation complete, no suspect identified")
    fill_date(page, "Date of the outcome", "20", "3", "2026")
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Outcome recorded for every victim")
    expect(victims.get_by_role("row").filter(has_text="Ella Smith")).to_contain_text("Yes")


def test_it_walks_the_crime_journey_with_no_violations(page: Page, live_server, personas, case_a) -> None:
    signed_in(page, personas["cara"], live_server.url)
    _add_second_victim(page, case_a)
    page.context.clear_cookies()
    signed_in(page, personas["olly"], live_server.url)
    _correct_a_flag(page, case_a)
    _record_the_outcome(page, case_a)
    _record_the_outcome_for_every_victim(page, case_a)
    crime = Crime.objects.get(pk=case_a.crime_id)
    assert (crime.outcome_type, crime.hate_crime, crime.domestic_abuse) == (18, True, False)
    second = VictimCase.objects.get(crime=crime, person__first_name="Ella")
    page.goto(f"/cases/{second.id}/")
    expect(page.get_by_role("list", name="Timeline")).to_contain_text("Crime details corrected")
    expect(page.get_by_role("list", name="Timeline")).to_contain_text(
        "Investigation complete, no suspect identified"
    )
    assert problems(page) == []


def _tab_to(page: Page, target) -> None:
    page.wait_for_load_state()  # a Tab pressed mid-load lands on <body>
    for _ in range(40):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    expect(target).to_be_focused()


def test_it_reaches_add_a_victim_by_keyboard(page_as, case_a) -> None:
    page: Page = page_as("cara")
    page.goto(f"/crimes/{case_a.crime_id}/")
    _tab_to(page, page.get_by_role("link", name="Add a victim to this crime"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a victim to this crime")
    search = page.get_by_label("Name, date of birth or crime reference")
    _tab_to(page, search)
    page.keyboard.type("Smith")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Already a victim of this crime")).to_be_visible()


def test_it_has_no_violations_warning_of_a_possible_duplicate_on_the_crime(page_as, case_a) -> None:
    page: Page = page_as("cara")
    page.goto(f"/people/new/?crime={case_a.crime_id}")
    page.get_by_label("First name").fill("Jane")
    page.get_by_label("Last name").fill("Smith")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#possible-duplicates")).to_be_visible()
    expect(page.get_by_role("link", name="add Jane Smith to crime DU/00001/26")).to_be_visible()
    assert_no_axe_violations(page)
