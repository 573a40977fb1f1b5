"""Every page of the messaging and voice apps, in the states a user meets it in, has no axe-core
violations (WCAG 2.2 AA): portal pages in English and in Welsh, staff pages in English."""

# The page steps chain actions in a lambda's tuple, each returning None.
# mypy: disable-error-code="func-returns-value"
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations, problems, signed_in
from tests.factories import local
from tests.messaging.browser import portal_page
from tests.messaging.conftest import make_account
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record
from victimcare.messaging.services import (
    complaint_make,
    message_send_from_staff,
    message_send_from_victim,
    vps_request_make,
)
from victimcare.voice.models import SurveyResponse

pytestmark = pytest.mark.browser


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _errors(page: Page) -> None:
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def _thread(case: VictimCase, personas: dict[str, Any]) -> None:
    message_send_from_victim(case=case, body="Is there any news?", sender_label="Jane Smith (victim)")
    message_send_from_staff(
        actor=personas["cara"], case=case, body="Not yet. I will tell you as soon as there is."
    )


def _decision(case: VictimCase, personas: dict[str, Any]) -> None:
    nfa = event_record(
        actor=personas["olly"],
        case=case,
        type="suspect_released_no_further_action",
        occurred_at=local(2026, 3, 9, 12, 0),
    )
    event_record(
        actor=personas["olly"],
        case=case,
        type="victim_informed",
        about=nfa,
        payload={"channel": "phone"},
        occurred_at=local(2026, 3, 10, 12, 0),
    )


def _closed(case: VictimCase, personas: dict[str, Any]) -> None:
    event_record(
        actor=personas["cara"],
        case=case,
        type="case_closed",
        occurred_at=local(2026, 3, 10, 12, 0),
        payload={"reason": "Done"},
    )


# (name, set-up on the case, steps on the page) for the portal.
PORTAL: list[tuple[str, Callable[..., object] | None, Callable[[Page, VictimCase], object]]] = [
    ("messages, empty", None, lambda p, c: p.goto("/portal/messages/")),
    ("messages, a thread", _thread, lambda p, c: p.goto("/portal/messages/")),
    (
        "messages, error",
        None,
        lambda p, c: (
            p.goto("/portal/messages/"),
            _submit(p, p.locator("form button").last.inner_text()),
            _errors(p),
        ),
    ),
    ("ask", None, lambda p, c: p.goto("/portal/ask/")),
    (
        "ask, error",
        None,
        lambda p, c: (p.goto("/portal/ask/"), p.locator("main form button").click(), _errors(p)),
    ),
    ("statement", None, lambda p, c: p.goto("/portal/ask/statement/")),
    ("review, with decisions", _decision, lambda p, c: p.goto("/portal/ask/review/")),
    ("review, none", None, lambda p, c: p.goto("/portal/ask/review/")),
    (
        "complaint, error",
        None,
        lambda p, c: (p.goto("/portal/ask/complaint/"), p.locator("main form button").click(), _errors(p)),
    ),
    (
        "check your answers",
        None,
        lambda p, c: (
            p.goto("/portal/ask/statement/"),
            p.locator("#id_kind_0").check(),
            p.locator("main form button").click(),
            expect(p.locator(".govuk-summary-list")).to_be_visible(),
        ),
    ),
    ("complaint sent", None, lambda p, c: p.goto(_sent(c))),
    ("survey", _closed, lambda p, c: p.goto("/portal/feedback/")),
    (
        "survey, error",
        _closed,
        lambda p, c: (p.goto("/portal/feedback/"), p.locator("main form button").first.click(), _errors(p)),
    ),
    ("no survey", None, lambda p, c: p.goto("/portal/feedback/")),
    ("survey thanks", None, lambda p, c: p.goto("/portal/feedback/thanks/")),
]


def _sent(case: VictimCase) -> str:
    event = complaint_make(
        case=case, against="police", summary="Nobody rang back", portal_label="Victim portal"
    )
    return f"/portal/ask/complaint/sent/{event.id}/"


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("name", "setup", "steps"), PORTAL, ids=[p[0] for p in PORTAL])
def test_it_has_no_violations_on_portal_pages(
    page, live_server, personas, victim_case, language, name, setup, steps
):
    if setup:
        setup(victim_case, personas)
    tab = portal_page(page, make_account(victim_case, language=language), live_server.url)
    steps(tab, victim_case)
    assert tab.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(tab)
    assert problems(tab) == []


def _results(case: VictimCase) -> None:
    for moment in ("outcome", "case_closed"):
        SurveyResponse.objects.create(
            organisation_id=case.organisation_id, case=case, moment=moment, overall="satisfied", kept_informed="yes",
            respect="yes", knew_code="no", comments="Thank you", respondent_label="x", submitted_at=timezone.now(),
        )  # fmt: skip


def _requests(case: VictimCase, personas: dict[str, Any]) -> None:
    complaint_make(case=case, against="police", summary="Nobody rang back", portal_label="Victim portal")
    vps_request_make(case=case, kind="make", portal_label="Victim portal")
    message_send_from_victim(case=case, body="Hello", sender_label="Jane")


STAFF: list[tuple[str, str, Callable[..., object] | None, Callable[[Page, VictimCase], object]]] = [
    ("thread", "cara", _thread, lambda p, c: p.goto(f"/cases/{c.id}/messages/")),
    ("thread, empty", "cara", None, lambda p, c: p.goto(f"/cases/{c.id}/messages/")),
    (
        "thread, error",
        "cara",
        None,
        lambda p, c: (p.goto(f"/cases/{c.id}/messages/"), _submit(p, "Send reply"), _errors(p)),
    ),
    (
        "inbox",
        "cara",
        lambda c, ps: message_send_from_victim(case=c, body="Hello", sender_label="Jane"),
        lambda p, c: p.goto("/inbox/"),
    ),
    ("inbox, empty", "cara", None, lambda p, c: p.goto("/inbox/")),
    ("case page panels", "cara", _thread, lambda p, c: p.goto(f"/cases/{c.id}/")),
    ("results, supervisor", "sue", lambda c, ps: _results(c), lambda p, c: p.goto("/feedback/")),
    ("results, analyst", "ana", lambda c, ps: _results(c), lambda p, c: p.goto("/feedback/")),
    (
        "results, one moment by quarter",
        "sue",
        lambda c, ps: _results(c),
        lambda p, c: p.goto("/feedback/?moment=outcome&start_day=1&start_month=1&start_year=2024"),
    ),
    (
        "results, bad dates",
        "ana",
        None,
        lambda p, c: (
            p.goto("/feedback/?start_day=31&start_month=2&start_year=2026&end_month=1"),
            _errors(p),
        ),
    ),
    ("inbox, requests and messages", "cara", _requests, lambda p, c: p.goto("/inbox/")),
]


@pytest.mark.parametrize(("name", "username", "setup", "steps"), STAFF, ids=[s[0] for s in STAFF])
def test_it_has_no_violations_on_staff_pages(
    page, live_server, personas, victim_case, name, username, setup, steps
):
    if setup:
        setup(victim_case, personas)
    tab = signed_in(page, personas[username], live_server.url)
    steps(tab, victim_case)
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(tab)
    assert problems(tab) == []
