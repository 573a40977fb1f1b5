"""The Panel pack in a real browser: an analyst drafts it from the menu, writes commentary and
submits it by keyboard, a supervisor approves it and downloads the PDF and the spreadsheet; no
axe-core violations (WCAG 2.2 AA) on any of its pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.reports.conftest import load_attrition_victims
from victimcare.reports.models import PackStatus, PanelPack

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_draft_to_approved_to_downloaded(page_as, personas) -> None:
    load_attrition_victims(personas)
    page: Page = page_as("ana")
    page.goto("/")
    page.get_by_role("link", name="Panel packs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Panel packs")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Draft the pack").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Police and Crime Panel")
    expect(page.locator("#chart-attrition-0")).to_be_attached()
    assert_no_axe_violations(page)

    box = page.get_by_label("Commentary on attrition and equality")
    box.focus()
    page.keyboard.type("Women are charged more often than everyone else.")
    page.get_by_role("button", name="Save the commentary").focus()
    page.keyboard.press("Enter")
    expect(
        page.locator(".govuk-notification-banner, .govuk-panel, [role=alert], [role=region]").first
    ).to_be_visible()
    expect(page.get_by_label("Commentary on attrition and equality")).to_have_value(
        "Women are charged more often than everyone else."
    )
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("#pack-status")).to_contain_text("Submitted for approval")
    assert_no_axe_violations(page)
    pack = PanelPack.objects.get()
    assert pack.status == PackStatus.SUBMITTED

    supervisor: Page = page_as("sue")
    supervisor.goto(f"/compliance/panel/{pack.pk}/")
    expect(supervisor.get_by_role("button", name="Approve the pack")).to_be_visible()
    assert_no_axe_violations(supervisor)
    supervisor.get_by_role("button", name="Approve the pack").click()
    expect(supervisor.locator("#pack-status")).to_contain_text("Approved")
    expect(supervisor.locator("body")).to_contain_text("Women are charged more often than everyone else.")
    assert_no_axe_violations(supervisor)
    for name, suffix in (
        ("Download the pack (PDF)", ".pdf"),
        ("Download the figures (Excel spreadsheet)", ".xlsx"),
    ):
        # The PDF is drawn on request (WeasyPrint): on a busy machine that takes seconds.
        with supervisor.expect_download(timeout=90_000) as download:
            supervisor.get_by_role("link", name=name).click(timeout=90_000)
        assert download.value.suggested_filename.endswith(suffix)
    pack.refresh_from_db()
    assert pack.status == PackStatus.APPROVED and pack.approved_by == personas["sue"]
