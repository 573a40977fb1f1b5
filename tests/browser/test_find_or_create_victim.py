"""Finding a victim, adding them when they are not found, and recording the crime."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.factories import make_person
from victimcare.cases.models import VictimCase
from victimcare.people.models import Person

pytestmark = pytest.mark.browser


def fill_date(page: Page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def date_values(page: Page, legend: str) -> list[str]:
    group = page.get_by_role("group", name=legend)
    return [group.get_by_label(part).input_value() for part in ("Day", "Month", "Year")]


def error_summary(page: Page) -> Locator:
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    return summary


def test_it_adds_a_victim_not_found_and_opens_their_case(page_as, case_a, personas) -> None:
    page: Page = page_as("cara")
    page.goto("/cases/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a victim").click()
    page.get_by_label("Name, date of birth or crime reference").fill("Zara Quinn")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="0 people found")).to_be_visible()

    page.get_by_role("link", name="Add a new victim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a victim")
    page.get_by_label("First name").fill("Zara")
    fill_date(page, "Date of birth", "3", "4", "1991")
    page.get_by_label("Phone number").fill("07700 900 982")
    page.get_by_role("button", name="Continue").click()

    summary = error_summary(page)
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_last_name")
    expect(page.locator("#id_last_name-error")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Zara")
    expect(page.get_by_label("Phone number")).to_have_value("07700 900 982")
    assert date_values(page, "Date of birth") == ["3", "4", "1991"]

    page.get_by_label("Last name").fill("Quinn")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the crime")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Zara Quinn added. Now record the crime."
    )

    # A reference already used for this force is refused, and nothing typed is lost.
    page.get_by_label("Crime reference").fill(case_a.crime.crime_reference.lower())
    # The offence list is searchable: type part of its name and choose it by keyboard. The
    # crime type is left to the offence.
    offence = page.get_by_role("combobox", name="Offence")
    offence.fill("assault with inj")
    expect(page.get_by_role("option", name="8N: Assault with injury", exact=True)).to_be_visible()
    page.keyboard.press("Enter")  # the first offence found, in the Home Office's order
    expect(offence).to_have_value("8N: Assault with injury")
    expect(page.locator("select#id_ho_offence_code-select")).to_have_value("8N")
    expect(page.get_by_label("Crime type")).to_have_value("")  # "Work it out from the offence"
    fill_date(page, "Date the crime happened", "1", "3", "2026")
    fill_date(page, "Date the crime was reported", "2", "3", "2026")
    page.get_by_label("Time the crime was reported").fill("14:30")
    page.get_by_label("Hate crime").check()
    expect(page.get_by_label("Team (optional)", exact=True)).to_have_value(
        str(personas["cara"].teams.get().pk)
    )  # their own team
    page.get_by_label("What happened").fill("Assaulted outside a shop.")
    page.get_by_role("button", name="Open the case").click()

    summary = error_summary(page)
    expect(summary).to_contain_text(f"Crime reference {case_a.crime.crime_reference} is already recorded")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_crime_reference")
    expect(page.get_by_label("Crime reference")).to_have_value(
        case_a.crime.crime_reference.lower()
    )  # as typed
    expect(page.get_by_role("combobox", name="Offence")).to_have_value("8N: Assault with injury")
    expect(page.locator("select#id_ho_offence_code-select")).to_have_value("8N")
    assert date_values(page, "Date the crime happened") == ["1", "3", "2026"]
    assert date_values(page, "Date the crime was reported") == ["2", "3", "2026"]
    expect(page.get_by_label("Time the crime was reported")).to_have_value("14:30")
    expect(page.get_by_label("Hate crime")).to_be_checked()
    expect(page.get_by_label("What happened")).to_have_value("Assaulted outside a shop.")

    page.get_by_label("Crime reference").fill("DU/77777/26")
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zara Quinn")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Case opened for crime DU/77777/26")
    expect(page.get_by_text("3 April 1991")).to_be_visible()
    timeline = page.get_by_role("list", name="Timeline")
    expect(timeline.get_by_role("heading", name="Crime reported")).to_be_visible()
    expect(timeline).to_contain_text("Monday 2 March 2026, 14:30")
    case = VictimCase.objects.get(crime__crime_reference="DU/77777/26")
    assert (case.crime.ho_offence_code, case.crime.crime_type) == ("8N", "Violence and sexual offences")
    assert case.team is not None and case.team.name == "Victim care North"


def test_it_warns_of_a_possible_duplicate_and_can_still_add_the_person(page_as, personas) -> None:
    existing = make_person(
        personas["cara"], first_name="Ruth", last_name="Adeyemi", date_of_birth=date(1979, 6, 30)
    )
    page: Page = page_as("cara")
    page.goto("/people/new/")
    page.get_by_label("First name").fill("Ruth")
    page.get_by_label("Last name").fill("Adeyemi")
    fill_date(page, "Date of birth", "30", "6", "1979")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("This person may already be on the system")).to_be_visible()
    link = page.get_by_role("link", name="Ruth Adeyemi")
    expect(link).to_have_attribute("href", f"/people/{existing.id}/")
    expect(page.get_by_label("First name")).to_have_value("Ruth")
    assert date_values(page, "Date of birth") == ["30", "6", "1979"]

    page.get_by_role("button", name="None of these: add a new person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the crime")
    assert Person.objects.filter(last_name="Adeyemi").count() == 2


def test_it_links_the_warning_to_the_existing_person(page_as, personas) -> None:
    existing = make_person(
        personas["cara"], first_name="Ruth", last_name="Adeyemi", date_of_birth=date(1979, 6, 30)
    )
    page: Page = page_as("cara")
    page.goto("/people/new/")
    page.get_by_label("First name").fill("Ruth")
    page.get_by_label("Last name").fill("Adeyemi")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Ruth Adeyemi").click()
    expect(page).to_have_url(f"{page.url.split('/people/')[0]}/people/{existing.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ruth Adeyemi")
    assert Person.objects.filter(last_name="Adeyemi").count() == 1
