"""Policy officers and staff can read every rule, its limits and its source."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations
from victimcare.rights.loader import default_rule_sets


@pytest.mark.django_db
def test_it_lists_every_rule_with_its_source(client_for):
    body = client_for("ana").get("/rules/").content.decode()
    for rule_set in default_rule_sets().versions:
        for rule in rule_set.rules:
            assert f'id="rule-{rule.id}"' in body
            assert rule.citation.url.replace("&", "&amp;") in body
    assert "5 working days (enhanced rights: 1)" in body  # Right 6, in words
    assert "No time limit in the Code; local target 5 working days" in body  # Right 3


@pytest.mark.django_db
def test_it_is_for_signed_in_staff(db):
    assert Client().get("/rules/").status_code == 302


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_has_no_accessibility_violations(page_as) -> None:
    page: Page = page_as("sue")
    page.goto("/rules/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Victims' Code rules")
    assert_no_axe_violations(page)
