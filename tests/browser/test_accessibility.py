"""Every staff page, in each state a user meets it in, has no axe-core violations (WCAG 2.2 AA).

Each case below brings a page into one state (empty, with errors, with results...) and
axe then checks the whole rendered page, as Chromium laid it out with the real CSS and
GOV.UK Frontend's JavaScript run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.browser_support import assert_no_axe_violations, axe_violations, problems, signed_in, totp_code
from tests.conftest import PASSWORD
from tests.factories import local, make_person
from victimcare.accounts.models import Team, User
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record

pytestmark = pytest.mark.browser


@dataclass
class World:
    page: Page
    personas: dict[str, User]
    case: VictimCase
    base_url: str

    def as_user(self, username: str) -> Page:
        return signed_in(self.page, self.personas[username], self.base_url)

    def submit(self, name: str) -> None:
        self.page.get_by_role("button", name=name).click()
        self.page.wait_for_load_state()


def _password(w: World, username: str, password: str = PASSWORD) -> None:
    w.page.goto("/sign-in/")
    w.page.get_by_label("Username").fill(username)
    w.page.get_by_label("Password").fill(password)
    w.submit("Continue")


def _set_up(w: World) -> None:
    TOTPDevice.objects.filter(user=w.personas["cole"]).delete()
    _password(w, "cole")
    expect(w.page.locator("#totp-secret")).to_be_visible()


def _set_up_error(w: World) -> None:
    _set_up(w)
    w.page.get_by_label("Code from your authenticator app").fill("1")
    w.submit("Continue")
    expect(w.page.locator(".govuk-error-summary")).to_be_visible()


def _recovery_codes(w: World) -> None:
    _set_up(w)
    w.page.get_by_label("Code from your authenticator app").fill(
        totp_code_for_unconfirmed(w.personas["cole"])
    )
    w.submit("Continue")
    expect(w.page.locator("#recovery-codes li")).to_have_count(10)


def totp_code_for_unconfirmed(user: User) -> str:
    from django_otp.oath import TOTP

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def _security_code_error(w: World) -> None:
    _password(w, "cara")
    code = totp_code(w.personas["cara"])
    w.page.get_by_label("Security code").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    w.submit("Sign in")
    expect(w.page.locator(".govuk-error-summary")).to_be_visible()


def _signed_out(w: World) -> None:
    w.as_user("cara").goto("/cases/")
    w.submit("Sign out")
    expect(w.page.get_by_role("heading", level=1)).to_have_text("You have signed out")


def _locked_out(w: World) -> None:
    for _ in range(5):
        _password(w, "chad", "wrong")
    expect(w.page.get_by_role("heading", level=1)).to_have_text("Your account is locked")


def _goto(url: Callable[[World], str], username: str | None = "cara") -> Callable[[World], None]:
    def go(w: World) -> None:
        page = w.as_user(username) if username else w.page
        page.goto(url(w))

    return go


def _sign_in_empty(w: World) -> None:
    w.page.goto("/sign-in/")
    w.submit("Continue")


def _caseload_filtered(w: World) -> None:
    team = Team.objects.get(name="Victim care North")
    w.as_user("cara").goto(f"/cases/?stage=2&team={team.id}&flag=mine&flag=domestic_abuse&sort=name")
    expect(w.page.get_by_label("Assigned to me")).to_be_checked()


def _search(q: str, expect_heading: str | None) -> Callable[[World], None]:
    def go(w: World) -> None:
        w.as_user("cara").goto("/cases/search/")
        w.page.get_by_label("Name, date of birth or crime reference").fill(q)
        w.submit("Search")
        if expect_heading:
            expect(w.page.get_by_role("heading", name=expect_heading)).to_be_visible()
        else:
            expect(w.page.locator(".govuk-error-summary")).to_be_visible()

    return go


def _add_victim_errors(w: World) -> None:
    w.as_user("cara").goto("/people/new/")
    w.page.get_by_label("Phone number").fill("12")
    w.page.get_by_role("group", name="Date of birth").get_by_label("Day").fill("31")
    w.submit("Continue")
    expect(w.page.locator(".govuk-error-summary")).to_be_visible()


def _add_victim_duplicate(w: World) -> None:
    w.as_user("cara").goto("/people/new/")
    w.page.get_by_label("First name").fill("Jane")
    w.page.get_by_label("Last name").fill("Smith")
    w.submit("Continue")
    expect(w.page.get_by_text("This person may already be on the system")).to_be_visible()


def _person_edit_errors(w: World) -> None:
    w.as_user("cara").goto(f"/people/{w.case.person_id}/edit/")
    w.page.get_by_label("Last name").fill("")
    w.page.get_by_label("Postcode").fill("nowhere")
    w.page.get_by_label("Safe to contact from").fill("25:99")
    w.page.get_by_label("Another language").check()
    w.submit("Save")
    expect(w.page.locator(".govuk-error-summary")).to_be_visible()


def _crime_errors(w: World) -> None:
    w.as_user("cara").goto(f"/cases/new/for/{w.case.person_id}/")
    w.page.get_by_role("group", name="Date the crime was reported").get_by_label("Year").fill("2099")
    w.page.get_by_label("LSOA code").fill("X1")
    w.submit("Open the case")
    expect(w.page.locator(".govuk-error-summary")).to_be_visible()


def _event_choice_error(w: World) -> None:
    w.as_user("cara").goto(f"/cases/{w.case.id}/events/new/")
    w.submit("Continue")
    expect(w.page.locator(".govuk-error-summary")).to_be_visible()


def _event_form_errors(w: World) -> None:
    w.as_user("cara").goto(f"/cases/{w.case.id}/events/new/?type=victim_informed")
    w.page.get_by_label("Time (optional)", exact=True).fill("noon")
    w.submit("Save")
    expect(w.page.locator(".govuk-error-summary")).to_be_visible()


def _audit_search(w: World) -> None:
    w.as_user("adam").goto("/audit/")
    w.page.get_by_label("Victim's surname").fill("Smi")
    w.submit("Search")
    expect(w.page.get_by_role("link", name="Jane Smith")).to_be_visible()


def _not_found(username: str | None) -> Callable[[World], None]:
    def go(w: World) -> None:
        if username:
            w.as_user(username)
        response = w.page.goto("/cases/999999/" if username else "/no-such-page/")
        assert response is not None and response.status == 404
        expect(w.page.get_by_role("heading", level=1)).to_have_text("Page not found")

    return go


PAGES: dict[str, Callable[[World], None]] = {
    "sign-in": _goto(lambda w: "/sign-in/", None),
    "sign-in, empty submit": _sign_in_empty,
    "sign-in, wrong password": lambda w: _password(w, "cara", "wrong"),
    "set up authenticator": _set_up,
    "set up authenticator, wrong code": _set_up_error,
    "recovery codes": _recovery_codes,
    "security code": lambda w: _password(w, "cara"),
    "security code, wrong code": _security_code_error,
    "signed out": _signed_out,
    "locked out": _locked_out,
    "caseload": _goto(lambda w: "/cases/"),
    "caseload, filtered": _caseload_filtered,
    "caseload, supervisor": _goto(lambda w: "/cases/", "sue"),
    "search": _goto(lambda w: "/cases/search/"),
    "search, results": _search("Smith", "2 people found"),
    "search, no results": _search("Zzyzx", "0 people found"),
    "search, similar names": _search("Smyth", "1 similar name"),
    "search, empty query": _search("", None),
    "add a victim": _goto(lambda w: "/people/new/"),
    "add a victim, errors": _add_victim_errors,
    "add a victim, possible duplicate": _add_victim_duplicate,
    "person": _goto(lambda w: f"/people/{w.case.person_id}/"),
    "change person details": _goto(lambda w: f"/people/{w.case.person_id}/edit/"),
    "change person details, errors": _person_edit_errors,
    "record the crime": _goto(lambda w: f"/cases/new/for/{w.case.person_id}/"),
    "record the crime, errors": _crime_errors,
    "case with events and a correction": _goto(lambda w: f"/cases/{w.case.id}/"),
    "case, police officer": _goto(lambda w: f"/cases/{w.case.id}/", "olly"),
    "change case details": _goto(lambda w: f"/cases/{w.case.id}/edit/"),
    "record an event, choose type": _goto(lambda w: f"/cases/{w.case.id}/events/new/"),
    "record an event, choose type, error": _event_choice_error,
    "record an event, suspect arrested (with a correction choice)":
        _goto(lambda w: f"/cases/{w.case.id}/events/new/?type=suspect_arrested"),
    "record an event, suspect bailed (date and text fields)":
        _goto(lambda w: f"/cases/{w.case.id}/events/new/?type=suspect_bailed"),
    "record an event, victim told": _goto(lambda w: f"/cases/{w.case.id}/events/new/?type=victim_informed"),
    "record an event, victim told, errors": _event_form_errors,
    "work queue": _goto(lambda w: "/work/"),
    "work queue, supervisor": _goto(lambda w: "/work/", "sue"),
    "change enhanced rights": _goto(lambda w: f"/cases/{w.case.id}/enhanced-rights/", "sue"),
    "audit search": _goto(lambda w: "/audit/", "adam"),
    "audit search, results": _audit_search,
    "audit trail for a person": _goto(lambda w: f"/audit/people/{w.case.person_id}/", "adam"),
    "page not found, signed out": _not_found(None),
    "page not found, signed in": _not_found("cara"),
}  # fmt: skip


@pytest.fixture
def case_with_history(personas: dict[str, User], case_a: VictimCase) -> VictimCase:
    """case_a with an arrest, its correction, bail, and the victim told about the arrest."""
    olly, cara = personas["olly"], personas["cara"]
    arrest = event_record(
        actor=olly, case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 4, 9, 0)
    )
    fixed = event_record(actor=olly, case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 5, 9, 15),
                         corrects=arrest, notes="Arrested on the 5th, not the 4th.")  # fmt: skip
    event_record(actor=olly, case=case_a, type="suspect_bailed", occurred_at=local(2026, 3, 6, 18, 0),
                 payload={"bail_until": "2026-04-06", "conditions": "Not to contact the victim"})  # fmt: skip
    event_record(actor=cara, case=case_a, type="victim_informed", occurred_at=local(2026, 3, 6, 10, 0),
                 about=fixed, payload={"channel": "phone", "summary": "Told her about the arrest."})  # fmt: skip
    make_person(cara, first_name="Janet", last_name="Smithson", date_of_birth=date(1990, 1, 2))
    return case_a


@pytest.mark.parametrize("state", list(PAGES))
def test_it_has_no_axe_violations(state: str, page: Page, live_server: Any, personas: dict[str, User],
                                  case_with_history: VictimCase) -> None:  # fmt: skip
    PAGES[state](World(page, personas, case_with_history, live_server.url))
    assert_no_axe_violations(page)
    assert problems(page) == [], problems(page)


def test_it_reports_violations_with_the_wcag_22_rules_on(page: Page, live_server: Any) -> None:
    """The helper is not vacuous: it finds a missing alt text and runs WCAG 2.2's target-size."""
    page.goto("/sign-in/")
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/assets/images/favicon.svg\">')"
    )
    assert "image-alt" in [v["id"] for v in axe_violations(page)]
    assert page.evaluate("() => axe.getRules(['wcag22aa']).map(r => r.ruleId)") == ["target-size"]
    with pytest.raises(pytest.fail.Exception, match=r"image-alt .*\n.*at img"):
        assert_no_axe_violations(page)
