"""The API documentation page in Chromium: Swagger UI starts under the site's CSP with nothing
refused or missing, and shows the operations.

axe-core finds three kinds of fault inside Swagger UI's own markup (buttons nested in its
operation summaries, a heading level that skips, and its information block outside its own
<main>), which our template cannot change without forking Swagger UI (docs/adr/0035). Its
colours and small click targets are fixed by our stylesheet (victimcare/api/static/api/docs.css).
The page must have no fault beyond those three: a new kind, or one in our own template
(landmarks, language, title), fails here."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser_support import axe_violations, problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SWAGGER_UI_OWN = {"nested-interactive", "heading-order", "region"}


def test_it_renders_the_docs_under_the_csp(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector("text=victimcare partner API")
    page.wait_for_selector("text=/api/v1/cases/{case_id}/events/")
    assert problems(page) == []
    found = {v["id"]: [n["target"] for n in v["nodes"][:3]] for v in axe_violations(page)}
    assert set(found) <= SWAGGER_UI_OWN, found
