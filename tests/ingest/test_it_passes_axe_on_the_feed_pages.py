"""The feed upload and run pages in a real browser: no axe-core violations, usable by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.ingest.conftest import EXAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _worker(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.INGEST_UPLOAD_DIR = tmp_path / "uploads"


def test_it_passes_axe_from_upload_to_the_finished_run(page_as, tmp_path) -> None:
    page: Page = page_as("sue")
    page.goto("/imports/feed/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a police feed")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Upload and import").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a feed file to upload")
    assert_no_axe_violations(page)
    page.set_input_files("#id_file", str(EXAMPLES / "feed-example.csv"))
    page.locator("#id_file").focus()
    page.keyboard.press("Tab")  # to the button, then Enter, by keyboard
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("Import complete")
    assert_no_axe_violations(page)
