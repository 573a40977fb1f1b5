"""The possible-match review pages in a real browser: no axe-core violations, and a decision
made by keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.factories import make_case, make_person
from tests.ingest.conftest import crime_line, feed_file, import_feed, victim_line
from victimcare.ingest.models import PossibleMatch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_passes_axe_and_decides_by_keyboard(page_as, personas, tmp_path) -> None:
    make_case(personas["sue"], person=make_person(personas["sue"]), reference="DU/900/25")
    import_feed(feed_file(tmp_path, [crime_line("C1", "DU/1/26"), victim_line(
        "V1", "C1", first_name="Jane", last_name="Smith", date_of_birth="1987-02-14")]))  # fmt: skip
    page: Page = page_as("sue")
    page.goto("/imports/feed/")
    page.get_by_role("link", name="Review possible matches to people already held").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible matches from the feed")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="compare and decide").click()
    expect(page.locator("#compare")).to_contain_text("DU/900/25")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose whether these are the same person")
    assert_no_axe_violations(page)
    page.get_by_label("No, different people: keep both records").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to the button, then Enter
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("both records are kept")
    assert PossibleMatch.objects.get().decision == "kept_apart"
    assert_no_axe_violations(page)
