"""The protective order page with its history, the variation and ending forms (with errors,
and refused for an ended order), the police incidents page (with errors and with incidents)
and the MARAC criteria listing what was counted: no axe-core violations (WCAG 2.2 AA)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from victimcare.safeguarding.services import (
    IncidentInput,
    OrderInput,
    VariationInput,
    police_incident_record,
    protective_order_record,
    protective_order_vary,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def order(personas, case_a):
    cara, today = personas["cara"], timezone.localdate()
    made = protective_order_record(actor=cara, case=case_a, data=OrderInput(
        "nmo", "Not to contact the victim", "Durham Magistrates' Court", today - timedelta(days=100),
        today + timedelta(days=10)))  # fmt: skip
    protective_order_vary(actor=cara, order=made, data=VariationInput(
        varied_on=today - timedelta(days=5), court="Durham Magistrates' Court",
        conditions="Not to contact the victim\nNot to go to Elm Street", note="Police applied"))  # fmt: skip
    return made


def test_it_has_no_violations_on_the_order_page_and_its_forms(page_as, order) -> None:
    page: Page = page_as("cara")
    base = f"/cases/{order.case_id}/protective-orders/{order.id}/"
    page.goto(f"/cases/{order.case_id}/")
    page.locator("#protective-orders a", has_text="Non-molestation order").click()
    expect(page.locator("#order-history")).to_contain_text("Varied")
    assert_no_axe_violations(page)
    page.goto(base + "vary/")
    page.locator("#id_varied_on_0").fill("1")
    page.locator("#id_varied_on_1").fill("1")
    page.locator("#id_varied_on_2").fill("2020")
    page.get_by_role("button", name="Record the variation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("on or after the day it started")
    assert_no_axe_violations(page)
    page.goto(base + "end/")
    page.get_by_role("button", name="Record that it ended").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose how the order ended")
    assert_no_axe_violations(page)
    page.get_by_label("Discharged by the court").check()
    today = timezone.localdate()
    page.locator("#id_ended_on_0").fill(str(today.day))
    page.locator("#id_ended_on_1").fill(str(today.month))
    page.locator("#id_ended_on_2").fill(str(today.year))
    page.get_by_label("Why did the order end?").fill("The respondent applied")
    page.get_by_role("button", name="Record that it ended").click()
    expect(page.locator("#order-status")).to_contain_text("Discharged")
    assert_no_axe_violations(page)
    page.goto(base + "vary/")
    expect(page.locator("#order-closed")).to_contain_text("cannot be varied")
    assert_no_axe_violations(page)


def test_it_has_no_violations_on_the_incident_and_marac_pages(page_as, personas, case_a) -> None:
    today = timezone.localdate()
    police_incident_record(actor=personas["cara"], case=case_a, data=IncidentInput(
        occurred_on=today - timedelta(days=30), reference="DHM-1", domestic_abuse=True, note="Call-out"))  # fmt: skip
    page: Page = page_as("cara")
    page.goto(f"/cases/{case_a.id}/police-incidents/")
    expect(page.locator("#police-incidents")).to_contain_text("DHM-1")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record the incident").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter police incident reference")
    assert_no_axe_violations(page)
    page.goto(f"/cases/{case_a.id}/marac/")
    expect(page.locator("#marac-criteria")).to_contain_text("Police incident DHM-1")
    assert_no_axe_violations(page)
