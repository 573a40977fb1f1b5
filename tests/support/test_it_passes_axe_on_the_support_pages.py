"""Every support page in a real browser: no axe-core violations (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.factories import local
from tests.support.conftest import SENT, consented
from victimcare.support.models import NeedsAssessment
from victimcare.support.services import referral_send, referral_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Page, path: str, heading: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_no_axe_violations(page)


def test_the_needs_pages_and_the_case_panel(page_as, case_b, directory) -> None:
    page = page_as("cole")
    _check(page, f"/cases/{case_b.id}/needs/assess/", "Assess needs")
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a level of need for housing")
    assert_no_axe_violations(page)
    for area in ("Health and wellbeing", "Safety and security", "Practical and financial", "Housing",
                 "Children and family", "Information about the justice process", "Communication needs"):  # fmt: skip
        page.get_by_role("group", name=f"{area}: level of need").get_by_label(
            "High" if area == "Housing" else "No need"
        ).check()
    page.get_by_label("Is the victim afraid or distressed about giving evidence?").check()
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.locator("#enhanced-prompt")).to_contain_text("may be entitled to enhanced rights")
    assert_no_axe_violations(page)
    _check(page, f"/cases/{case_b.id}/needs/", "Needs assessments")
    _check(page, f"/cases/{case_b.id}/", "Tom Baker")
    expect(page.locator("#latest-needs")).to_contain_text("Housing (high)")
    _check(page, f"/cases/{case_b.id}/support/suggestions/", "Suggested services")
    expect(page.locator("#suggestions")).to_contain_text("Meets: housing")
    _check(page, f"/cases/{case_b.id}/support/declined/", "does not want support")
    assert NeedsAssessment.objects.filter(case=case_b, status="complete").count() == 1


def test_the_directory_pages(page_as, directory) -> None:
    page = page_as("adam")
    _check(page, "/services/?need=housing", "Services directory")
    _check(page, "/services/new/", "Add a service")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter name")
    assert_no_axe_violations(page)
    _check(page, f"/services/{directory['Harbour Support Services'].id}/edit/", "Change Harbour")


def test_the_referral_pages(page_as, personas, case_a, harbour) -> None:
    page = page_as("cara")
    _check(page, f"/cases/{case_a.id}/support/refer/?service={harbour.id}", "Refer to Harbour")
    page.get_by_role("button", name="Start the referral").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Consent to refer")
    assert_no_axe_violations(page)
    page.get_by_label("The victim", exact=True).check()
    page.get_by_label("On the phone").check()
    page.get_by_role("button", name="Save consent").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Send the referral")
    # Not yet: the victim's safe-contact rules are agreed first, on their details page.
    expect(page.locator("#problem")).to_contain_text("You cannot send this referral yet")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="agree the safe-contact rules with the victim").click()
    expect(page.get_by_role("heading", name="Safe contact")).to_be_visible()
    page.get_by_label("Phone call").check()
    page.get_by_label("No, they could not be agreed").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the rules could not be agreed")
    assert_no_axe_violations(page)
    page.get_by_label("Yes, I agreed them with the victim").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Send the referral")
    expect(page.locator("#preview")).to_contain_text("Jane Smith")
    expect(page.locator("#preview")).to_contain_text("Contact by: Phone call.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send the referral").click()
    expect(page.locator("#referral-facts")).to_contain_text("Sent, waiting for an answer")
    assert_no_axe_violations(page)
    draft = consented(personas["cara"], case_a, harbour)
    _check(page, f"/referrals/{draft.id}/", "Referral to Harbour")
    _check(page, f"/referrals/{draft.id}/decline_by_victim/", "does not want this referral")


def test_the_provider_pages(page_as, personas, case_a, harbour) -> None:
    referral = referral_send(actor=personas["cara"], referral=consented(personas["cara"], case_a, harbour),
                             occurred_at=SENT)  # fmt: skip
    page = page_as("pat")
    _check(page, "/provider/", "Referrals to Harbour Support Services")
    page.get_by_role("link", name=f"Referral {referral.id}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Referral {referral.id}")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Decline the referral").click()
    page.get_by_role("button", name="Decline the referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the service cannot take the referral"
    )
    assert_no_axe_violations(page)
    _check(page, f"/provider/referrals/{referral.id}/engage/", "Record that the victim is engaging")
    expect(page.locator("#problem")).to_contain_text("is not possible")
    referral_step(
        actor=personas["pat"], referral=referral, action="accept", occurred_at=local(2026, 3, 3, 10)
    )
    _check(page, "/provider/?show=open", "Referrals to Harbour")


def test_the_response_times_page(page_as, personas, case_a, harbour) -> None:
    referral_send(
        actor=personas["cara"], referral=consented(personas["cara"], case_a, harbour), occurred_at=SENT
    )
    for persona in ("sue", "ana"):
        page = page_as(persona)
        _check(page, "/services/response-times/?months=0", "Referral response times")
        expect(page.locator("#response-times")).to_contain_text("Harbour Support Services")
