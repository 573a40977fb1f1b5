"""The advisory panel and the annual report in a real browser as chad (a Champion), every new
page axe-clean (WCAG 2.2 AA): from the landing page to the advisory panel, a member with their
contact rules, a meeting with its agenda, attendance and minutes, an action for the Victims'
Mission Board and its response; then the annual report started, its narrative written, the
report and its HTML export; sue reviews and approves it. Then a meeting recorded by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_keyboard import tab_to, type_into
from tests.browser_support import assert_no_axe_violations, signed_in
from tests.voice.annual_report_data import CASE_STUDY_TITLE, seed_year
from tests.voice.test_it_walks_the_champions_journey_in_a_browser import _date, _heading
from victimcare.voice.annual_report.models import AnnualReport
from victimcare.voice.panel.models import PanelAction, PanelMeeting, PanelMember

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_themes"),
]


def _member(page: Page) -> None:
    page.get_by_role("button", name="Add a panel member").click()
    _heading(page, "Add a panel member")
    page.get_by_role("button", name="Add the member").click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter name")
    assert_no_axe_violations(page)
    page.get_by_label("Name", exact=True).fill("Margaret Hale")
    page.get_by_label("Person with lived experience", exact=True).check()
    _date(page, "When they agreed to us holding their details", "1", "3", "2026")
    page.get_by_label("Phone number (optional)").fill("07700 900456")
    page.get_by_label("Text message", exact=True).check()
    page.get_by_label("Do not leave voicemail", exact=True).check()
    page.get_by_role("button", name="Add the member").click()
    _heading(page, "Margaret Hale")
    expect(page.locator("#routes")).to_contain_text("Text message: 07700 900456")
    page.get_by_role("button", name="Withdraw their consent").click()
    _heading(page, "Withdraw Margaret Hale's consent")
    page.get_by_role("link", name="Back to the member").click()
    page.get_by_role("link", name="Back to the advisory panel").click()
    _heading(page, "Advisory panel")


def _meeting_and_action(page: Page) -> None:
    page.get_by_role("button", name="Record a panel meeting").click()
    _heading(page, "Record a panel meeting")
    _date(page, "Date of the meeting", "9", "3", "2026")
    page.get_by_label("Where").fill("OPCC offices, Aykley Heads")
    page.get_by_label("Agenda").fill("Welcome\nWaiting times at court")
    page.get_by_label("Margaret Hale (person with lived experience)").check()
    page.get_by_label("Minutes (optional)").fill("Victims wait too long for trial dates.")
    page.get_by_role("button", name="Record the meeting").click()
    _heading(page, "Panel meeting on 9 March 2026")
    expect(page.locator("#agenda")).to_contain_text("Waiting times at court")
    expect(page.locator("#attendance")).to_contain_text("Margaret Hale")
    page.get_by_role("button", name="Add an action").click()
    _heading(page, "Add an action from the meeting")
    page.get_by_label("The action").fill("Ask the courts for waiting-time figures")
    _date(page, "Due by", "30", "6", "2030")
    page.get_by_role("button", name="Add the action").click()
    _heading(page, "Advisory panel action")
    expect(page.locator("#status")).to_have_text("Waiting for a response")
    page.get_by_role("button", name="Record the response").click()
    _heading(page, "Record the response to the action")
    page.get_by_label("Response received", exact=True).check()
    page.get_by_label("The response").fill("The courts will share figures each quarter.")
    page.get_by_role("button", name="Save the response").click()
    expect(page.locator("#response")).to_contain_text("share figures each quarter")
    page.get_by_role("link", name="Back to the actions").click()
    _heading(page, "Actions for the Victims' Mission Board")
    expect(page.locator("#panel-actions")).to_contain_text("Ask the courts for waiting-time figures")


def _annual_report(page: Page) -> None:
    page.get_by_role("link", name="Annual report", exact=True).click()
    _heading(page, "Annual reports to the Police and Crime Panel")
    page.get_by_role("button", name="Start an annual report").click()
    _heading(page, "Start an annual report")
    page.get_by_label("Title").fill("Victims' Champions annual report 2025 to 2026")
    _date(page, "The period starts", "1", "4", "2025")
    _date(page, "The period ends", "31", "3", "2026")
    page.get_by_role("button", name="Start the report").click()
    _heading(page, "Victims' Champions annual report 2025 to 2026")
    page.get_by_role("button", name="Write the narrative").click()
    _heading(page, "Write the report's narrative")
    page.get_by_label("Purpose of the report").fill("To tell the Panel what victims told us.")
    page.get_by_label("Achievements").fill("Call Jo on 07700 900123 for help.")
    page.get_by_role("button", name="Save the narrative").click()
    _heading(page, "Victims' Champions annual report 2025 to 2026")
    expect(page.locator("#check-findings")).to_contain_text("07700 900123")
    expect(page.locator("#preview ~ h3").first).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"Case study: {CASE_STUDY_TITLE}")
    page.get_by_role("button", name="Write the narrative").click()
    page.get_by_label("Achievements").fill("Victims are now called within a day of a release.")
    page.get_by_role("button", name="Save the narrative").click()
    expect(page.locator("#check-findings")).to_contain_text("found nothing outstanding")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Open the report as a web page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Victims' Champions annual report 2025 to 2026")
    assert_no_axe_violations(page)
    page.go_back()


def test_the_champion_runs_the_panel_and_drafts_the_annual_report(page_as, live_server, personas) -> None:
    seed_year(personas)
    page = page_as("chad")
    page.goto("/")
    _heading(page, "Your engagements")
    page.get_by_role("link", name="Advisory panel", exact=True).click()
    _heading(page, "Advisory panel")
    _member(page)
    _meeting_and_action(page)
    _annual_report(page)
    assert PanelMember.objects.count() == 1 and PanelMeeting.objects.count() == 1
    assert PanelAction.objects.get().status == "responded"

    sue = signed_in(page, personas["sue"], live_server.url)
    report = AnnualReport.objects.get()
    sue.goto(f"/voice/annual-reports/{report.pk}/")
    _heading(sue, "Victims' Champions annual report 2025 to 2026")
    sue.get_by_role("button", name="Mark as reviewed").click()
    sue.get_by_role("button", name="Approve the report").click()
    expect(sue.locator("#status")).to_have_text("Approved")
    assert_no_axe_violations(sue)
    report.refresh_from_db()
    assert (report.status, report.author, report.approved_by) == (
        "approved",
        personas["chad"],
        personas["sue"],
    )


def test_an_empty_panel_and_report_list_pass_axe(page_as) -> None:
    page = page_as("chad")
    for url, heading in (
        ("/voice/panel/", "Advisory panel"),
        ("/voice/panel/actions/", "Actions for the Victims' Mission Board"),
        ("/voice/annual-reports/", "Annual reports to the Police and Crime Panel"),
    ):
        page.goto(url)
        _heading(page, heading)


def test_recording_a_meeting_by_keyboard_alone(page_as) -> None:
    page = page_as("chad")
    page.goto("/voice/panel/meetings/new/")
    for name, value in (("held_on_day", "9"), ("held_on_month", "3"), ("held_on_year", "2026"),
                        ("place", "Online"), ("agenda", "Welcome")):  # fmt: skip
        type_into(page, f'[name="{name}"]', value)
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Panel meeting on 9 March 2026")
    assert [i.title for i in PanelMeeting.objects.get().agenda.all()] == ["Welcome"]
