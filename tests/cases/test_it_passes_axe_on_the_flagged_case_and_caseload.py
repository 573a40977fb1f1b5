"""A case flagged every way (high risk, MARAC criteria met, an order in force, a repeat and a
vulnerable victim), on its page and on the caseload, in a real browser: no axe-core violations
(WCAG 2.2 AA), and each flag is a word a screen reader reads out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.factories import make_case, make_person
from tests.safeguarding.conftest import make_answers
from victimcare.safeguarding.services import (
    AssessmentInput,
    OrderInput,
    protective_order_record,
    risk_assessment_complete,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FLAGS = ("High risk", "MARAC criteria met", "Protective order", "Vulnerable", "Repeat victim")


@pytest.fixture
def flagged(personas):
    cara = personas["cara"]
    person = make_person(cara, first_name="Ruby", last_name="Flagged", date_of_birth=date(2013, 6, 1))
    recent = timezone.now() - timedelta(days=30)
    make_case(cara, person=person, team="Victim care North", caseworker=cara, reported_at=recent)
    vcase = make_case(cara, person=person, team="Victim care North", caseworker=cara, reported_at=recent,
                      flags=("domestic_abuse",))  # fmt: skip
    risk_assessment_complete(actor=cara, case=vcase, data=AssessmentInput(answers=make_answers(15)))
    today = timezone.localdate()
    protective_order_record(actor=cara, case=vcase, data=OrderInput(
        "nmo", "No contact", "Durham Magistrates' Court", today - timedelta(days=10), today + timedelta(days=90)))  # fmt: skip
    return vcase


def test_the_flagged_case_page_has_no_violations(page_as, flagged) -> None:
    page: Page = page_as("cara")
    page.goto(f"/cases/{flagged.id}/")
    header = page.locator("#case-flags")
    for flag in FLAGS:
        expect(header).to_contain_text(flag)
    assert_no_axe_violations(page)


def test_the_caseload_with_flags_and_risk_filters_has_no_violations(page_as, flagged) -> None:
    page: Page = page_as("cara")
    page.goto("/cases/")
    page.get_by_label("High risk (latest Dash assessment)").check()
    page.get_by_label("Protective order in force").check()
    page.get_by_role("button", name="Apply filters").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Ruby Flagged"))
    expect(row).to_have_count(1)
    for flag in FLAGS:
        expect(row).to_contain_text(flag)
    assert_no_axe_violations(page)
