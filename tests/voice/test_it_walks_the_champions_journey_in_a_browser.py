"""The Champion's journey in a real browser, every page axe-clean (WCAG 2.2 AA): chad records
an engagement, codes a concern, adds and clears a quote, writes a case study and raises a
recommendation to the police; sue (the OPCC) reviews and approves the case study, records the
police's response and publishes it; the public page shows it to anyone. Then the main forms by
keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_keyboard import assert_focus_visible
from tests.browser_support import assert_no_axe_violations, signed_in
from victimcare.voice.models import CaseStudy, Engagement, Recommendation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_themes"),
]


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)
    assert_no_axe_violations(page)


def _date(page: Page, group: str, day: str, month: str, year: str) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(day)
    fieldset.get_by_label("Month").fill(month)
    fieldset.get_by_label("Year").fill(year)


def _record_engagement(page: Page) -> None:
    page.get_by_role("button", name="Record an engagement").click()
    _heading(page, "Record an engagement")
    page.get_by_role("button", name="Record the engagement").click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose which of your areas")
    assert_no_axe_violations(page)
    page.get_by_label("Domestic abuse", exact=True).check()
    page.get_by_label("One-to-one", exact=True).check()
    page.get_by_label("Where").fill("Spennymoor community centre")
    _date(page, "When", "2", "3", "2026")
    page.get_by_label("Older people", exact=True).check()
    page.get_by_label("Keep their account", exact=True).check()
    page.get_by_label("Quote them anonymously", exact=True).check()
    page.get_by_role("button", name="Record the engagement").click()
    _heading(page, "One-to-one on 2 March 2026")


def _code_and_quote(page: Page) -> None:
    page.get_by_role("button", name="Code a concern").click()
    _heading(page, "Code a concern")
    page.get_by_label("Theme").select_option(label="Being kept informed")
    page.get_by_label("Agency").select_option(label="Police")
    page.get_by_label("Part of the journey").select_option(label="The investigation")
    page.get_by_label("The concern in a sentence").fill("Not told when the suspect was released")
    page.get_by_role("button", name="Code the concern").click()
    expect(page.locator("#concerns")).to_contain_text("Not told when the suspect was released")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add a quote").click()
    _heading(page, "Add a quote")
    page.get_by_label("Theme").select_option(label="Being kept informed")
    page.get_by_label("The quote, in their words").fill(
        "PC Wright said he would ring. Nobody rang me back for weeks."
    )
    page.get_by_role("button", name="Check the quote").click()
    _heading(page, "Check for anything that could identify someone")
    expect(page.locator("#findings")).to_contain_text("What the check found")
    page.get_by_label("The quote", exact=True).fill(
        "The officer said he would ring. Nobody rang me back for weeks."
    )
    page.get_by_role("button", name="Save the quote").click()
    expect(page.locator("#findings")).to_contain_text("found nothing outstanding")
    page.get_by_role("button", name="Clear the quote for use").click()
    expect(page.locator("#quotes")).to_contain_text("Cleared for use")


def _case_study(page: Page) -> None:
    page.get_by_role("link", name="Case studies").click()
    _heading(page, "Case studies")
    page.get_by_role("button", name="Write a case study").click()
    _heading(page, "Write a case study")
    page.get_by_label("Title").fill("Left waiting for a call")
    page.get_by_label("The story").fill(
        "After the arrest she heard nothing for weeks and was afraid to go out."
    )
    page.get_by_label("Reporting and communication: Being kept informed").check()
    page.get_by_label(re.compile("One-to-one on 2 March 2026")).check()
    page.get_by_role("button", name="Save and check").click()
    _heading(page, "Check for anything that could identify someone")


def _recommendation(page: Page) -> None:
    page.get_by_role("link", name="You said, we did").click()
    _heading(page, "You said, we did")
    page.get_by_role("button", name="Raise a recommendation").click()
    _heading(page, "Raise a recommendation")
    page.get_by_label("Theme").select_option(label="Being kept informed")
    page.get_by_label("What victims told us (you said)").fill(
        "Victims were not told when a suspect was released."
    )
    page.get_by_label("What we recommend").fill("Tell victims within a day of a release.")
    page.get_by_label("Partner agency").select_option(label="Police")
    _date(page, "Response due by", "30", "6", "2030")
    page.get_by_role("button", name="Raise the recommendation").click()
    _heading(page, "Recommendation to Police")


def test_the_champions_journey_and_the_opccs_response(page_as, live_server, personas, axe_check) -> None:
    page = page_as("chad")
    page.goto("/")
    _heading(page, "Your engagements")
    _record_engagement(page)
    _code_and_quote(page)
    page.goto("/voice/themes/")
    _heading(page, "Victims' voice: themes")
    expect(page.locator("#rising-definition")).to_contain_text("A theme is rising when")
    page.get_by_role("link", name="Reporting and communication").click()
    _heading(page, "Reporting and communication")
    expect(page.locator("blockquote")).to_contain_text("Nobody rang me back for weeks.")
    _case_study(page)
    _recommendation(page)
    page.get_by_role("link", name="Check the words for anything that could identify someone").click()
    _heading(page, "Check for anything that could identify someone")
    assert Engagement.objects.count() == 1 and CaseStudy.objects.count() == 1

    sue = signed_in(page, personas["sue"], live_server.url)
    study = CaseStudy.objects.get()
    sue.goto(f"/voice/case-studies/{study.pk}/")
    _heading(sue, "Left waiting for a call")
    sue.get_by_role("button", name="Mark as reviewed").click()
    sue.get_by_role("button", name="Approve").click()
    expect(sue.locator("#status")).to_have_text("Approved")
    assert_no_axe_violations(sue)
    rec = Recommendation.objects.get()
    sue.goto(f"/voice/recommendations/{rec.pk}/")
    sue.get_by_role("button", name="Record the partner's response").click()
    _heading(sue, "Record the response from Police")
    sue.get_by_label("Change made", exact=True).check()
    sue.get_by_label("The partner's response").fill("Agreed: officers now call within 24 hours of a release.")
    sue.get_by_label("What changed (you said, we did)").fill(
        "Victims are now called within a day of a release."
    )
    sue.get_by_label("Evidence of the change").fill("Force policy update, June.")
    sue.get_by_role("button", name="Save the response").click()
    expect(sue.locator("#response")).to_contain_text("Agreed: officers now call")
    assert_no_axe_violations(sue)
    sue.get_by_role("button", name="Publish on the public page").click()
    expect(sue.locator("#status")).to_contain_text("published")
    sue.goto("/voice/themes/")
    _heading(sue, "Victims' voice: themes")
    expect(sue.locator("#suppression")).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"/you-said-we-did/{personas['sue'].organisation_id}/")
    _heading(page, "You said, we did")
    expect(page.locator("main")).to_contain_text("Victims are now called within a day of a release.")
    expect(page.locator("main")).not_to_contain_text("Force policy update")


def test_recording_an_engagement_by_keyboard_alone(page_as) -> None:
    page = page_as("chad")
    page.goto("/voice/engagements/new/")
    page.keyboard.press("Tab")
    for _ in range(60):
        el = assert_focus_visible(page)
        if el["name"] == "area":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first area: Crime
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first method: One-to-one
    page.keyboard.press("Tab")
    page.keyboard.type("By phone")
    for value in ("2", "3", "2026"):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    for _ in range(40):
        page.keyboard.press("Tab")
        el = assert_focus_visible(page)
        if el["tag"] == "button":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("One-to-one on 2 March 2026")
    assert Engagement.objects.get().area == "crime"


def test_the_account_consent_and_list_pages_pass_axe(page_as, personas) -> None:
    from tests.voice.conftest import make_engagement

    engagement = make_engagement(personas["chad"])
    page = page_as("chad")
    page.goto(f"/voice/engagements/{engagement.pk}/account/")
    _heading(page, "The victim's account")
    page.get_by_label("Police", exact=True).check()
    page.get_by_label("What went well").fill("The officer was kind.")
    page.get_by_role("button", name="Save the account").click()
    expect(page.locator("#account")).to_contain_text("The officer was kind.")
    page.get_by_role("link", name="Withdraw consent to contact them again").click()
    _heading(page, "Withdraw consent to contact them again")
    page.get_by_role("button", name="Withdraw consent").click()
    expect(page.locator("#withdrawals")).to_contain_text("Their contact details deleted.")
    assert_no_axe_violations(page)
    page.goto("/voice/")
    _heading(page, "Your engagements")
    page.goto("/voice/recommendations/")
    _heading(page, "You said, we did")
