"""The retention journey in a real browser, by keyboard, every page checked with axe-core (WCAG
2.2 AA), errors included: the review queue from the menu, a case at the end of its period, a
decision with no reason, a legal hold that refuses the erasure, the hold lifted, the erasure,
the record of what was erased, and the schedule with a period changed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.factories import local
from victimcare.cases.models import VictimCase
from victimcare.dataprotection.models import ErasureRecord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _axe(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_no_axe_violations(page)


def _press(page: Page, button: str) -> None:
    page.get_by_role("button", name=button).focus()
    page.keyboard.press("Enter")


def test_the_administrator_reviews_holds_and_erases_a_case(page_as, personas, case_a) -> None:
    # Nothing recorded on it for seven years (VictimCase is not append-only; its events are).
    VictimCase.objects.filter(pk=case_a.pk).update(
        opened_at=local(2019, 3, 1), last_event_at=local(2019, 3, 2)
    )
    reference = case_a.crime.crime_reference
    page = page_as("adam")
    page.goto("/")
    page.get_by_role("link", name="Retention").click()
    _axe(page, "Records to review")
    page.get_by_role("link", name=reference).click()
    _axe(page, f"Case {reference}")
    _press(page, "Record the decision")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose to erase or to keep for longer")
    assert_no_axe_violations(page)

    page.get_by_label("Why must it be kept?").fill("A civil claim against the service")
    _press(page, "Place a legal hold")
    expect(page.locator(".govuk-warning-text")).to_contain_text("A civil claim against the service")
    assert_no_axe_violations(page)
    page.get_by_label("Erase: remove everything").check()
    page.get_by_label("Reason for the decision").fill("Seven years with nothing recorded")
    _press(page, "Record the decision")
    expect(page.locator(".govuk-error-summary")).to_contain_text("under a legal hold")
    assert_no_axe_violations(page)
    assert not ErasureRecord.objects.exists()

    page.get_by_label("Why is the hold no longer needed?").fill("The claim was settled")
    _press(page, "Lift the hold")
    page.get_by_label("Erase: remove everything").check()
    page.get_by_label("Reason for the decision").fill("Seven years with nothing recorded")
    _press(page, "Record the decision")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Erased on")
    assert_no_axe_violations(page)
    assert ErasureRecord.objects.filter(case=case_a).exists()

    page.get_by_role("link", name="Back to the review queue").click()
    page.get_by_role("link", name="What has been erased").click()
    _axe(page, "What has been erased")
    expect(page.locator("table")).to_contain_text(reference)

    page.get_by_role("link", name="Back to the review queue").click()
    page.get_by_role("link", name="Retention schedule").click()
    _axe(page, "Retention schedule")
    page.get_by_role("link", name="Change the period for message").click()
    _axe(page, "Message")
    page.get_by_label("How many months are records of this type kept?").fill("0")
    _press(page, "Save the period")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a number of months from 1 to 1200")
    assert_no_axe_violations(page)
    page.get_by_label("How many months are records of this type kept?").fill("36")
    _press(page, "Save the period")
    _axe(page, "Retention schedule")
    expect(page.locator("table")).to_contain_text("36 months")
