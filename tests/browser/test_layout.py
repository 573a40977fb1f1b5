"""How form fields are laid out in the browser (GOV.UK sizes an input to the answer it expects)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.test_sign_in import enter_password

pytestmark = pytest.mark.browser


def test_it_keeps_the_width_class_a_form_gives_an_input(page: Page, personas) -> None:
    enter_password(page, "cara")
    code = page.get_by_label("Security code")
    assert "govuk-input--width-10" in (code.get_attribute("class") or "")
    box = code.bounding_box()
    assert box is not None and box["width"] < 300, box
