"""The provider's journey in a real browser, by keyboard alone and axe-clean on every page: a
referral arrives (the email names only its reference and link), the provider opens it, accepts
it, records a try at contact that did not work and then first contact, and closes it with a
structured outcome, all from the referral page.

It also counts the activations (a link followed, a button pressed, a radio chosen; typing and
tabbing are not counted) from opening the referral to closing it: once through the step pages,
the way main worked (a link to each step's own page, then its form), and once through the
referral page's own forms. docs/adr/0061 states the two numbers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser_support import assert_no_axe_violations
from tests.support.conftest import SENT, consented
from victimcare.notify.models import OutboundMessage
from victimcare.support.models import ContactAttempt, Referral
from victimcare.support.services import referral_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The counts the ADR states: through the step pages (as on main) and from the referral page.
STEP_PAGES_ACTIVATIONS = 9
REFERRAL_PAGE_ACTIVATIONS = 6


class Keyboard:
    """Activates controls by keyboard only (focus, then Enter or Space), counting each."""

    def __init__(self, page: Page) -> None:
        self.page, self.count = page, 0

    def follow(self, link: Locator) -> None:
        self.press(link)

    def press(self, control: Locator) -> None:
        """A link or a button: Enter, then wait for the page it leads to."""
        control.focus()
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.count += 1

    def choose(self, radio: Locator) -> None:
        radio.focus()
        self.page.keyboard.press("Space")
        expect(radio).to_be_checked()
        self.count += 1

    def typed(self, box: Locator, text: str) -> None:
        box.focus()
        self.page.keyboard.type(text)


def _sent(personas, case_a, harbour) -> Referral:
    """Sent with the victim's phone number and safe-contact rules: phone calls only."""
    case_a.person.phone = "07700 900123"
    case_a.person.save()
    draft = consented(personas["cara"], case_a, harbour, items=["name", "phone", "safe_contact"])
    return referral_send(actor=personas["cara"], referral=draft, occurred_at=SENT)


def _open(page: Page, keys: Keyboard, referral: Referral) -> None:
    page.goto("/provider/")
    assert_no_axe_violations(page)
    keys.follow(page.get_by_role("link", name=re.compile(rf"^Referral {referral.id}\b")))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Referral {referral.id}")
    assert_no_axe_violations(page)


def test_the_provider_works_a_referral_from_its_page_by_keyboard(page_as, personas, case_a, harbour) -> None:
    referral = _sent(personas, case_a, harbour)
    arrived = OutboundMessage.objects.get(template="referral_arrived", user=personas["pat"])
    assert (
        f"/provider/referrals/{referral.id}/" in arrived.body and case_a.person.last_name not in arrived.body
    )
    page = page_as("pat")
    keys = Keyboard(page)
    _open(page, keys, referral)
    expect(page.locator("#target")).to_contain_text("Accept by")

    keys.press(page.get_by_role("button", name="Accept the referral"))
    expect(page.locator("#referral-facts")).to_contain_text("Accepted")
    expect(page.get_by_role("heading", name="Contact the victim")).to_be_visible()
    assert_no_axe_violations(page)
    # Nothing chosen yet is refused with what to fix, on the same page.
    expect(page.get_by_label("Phone call")).to_be_checked()  # the one way the victim agreed to
    page.get_by_role("button", name="Record it").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose what happened")
    assert_no_axe_violations(page)
    keys.choose(page.get_by_label("No answer"))
    keys.press(page.get_by_role("button", name="Record it"))
    expect(page.locator("#attempts")).to_contain_text("No answer")
    assert_no_axe_violations(page)

    before = keys.count
    keys.choose(page.get_by_label("We made contact: this is first contact"))  # the one agreed way is chosen
    keys.press(page.get_by_role("button", name="Record it"))
    expect(page.locator("#referral-facts")).to_contain_text("First contact made")
    assert_no_axe_violations(page)
    keys.press(page.get_by_role("button", name="Close the referral"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the outcome")
    assert_no_axe_violations(page)
    keys.count -= 1  # the refused try is not part of the shortest path
    keys.choose(page.get_by_label("The victim stopped taking part"))
    keys.choose(page.get_by_label("They moved out of the area"))
    keys.press(page.get_by_role("button", name="Close the referral"))
    expect(page.locator("#referral-facts")).to_contain_text("Closed")
    expect(page.locator("#referral-facts")).to_contain_text(
        "The victim stopped taking part: they moved out of the area"
    )
    assert_no_axe_violations(page)
    referral.refresh_from_db()
    assert (referral.status, referral.outcome_code, referral.disengaged_reason) == (
        "closed",
        "disengaged",
        "moved_away",
    )
    assert ContactAttempt.objects.filter(referral=referral).count() == 1
    # The shortest path: open (1), accept (1), first contact (2), close with an outcome (2).
    shortest = 1 + 1 + (keys.count - before) - 1  # less the reason, which "needs met" does not ask
    assert shortest == REFERRAL_PAGE_ACTIVATIONS


def test_the_step_pages_take_more_activations(page_as, personas, case_a, harbour) -> None:
    """The same journey the way main had it: the referral page linked to each step's page."""
    referral = _sent(personas, case_a, harbour)
    page = page_as("pat")
    keys = Keyboard(page)
    _open(page, keys, referral)
    for action, label, choices in (
        ("accept", "Accept the referral", []),
        ("first_contact", "Record first contact", ["Phone call"]),
        ("close", "Close the referral", ["Needs met"]),
    ):
        # On main this was a link on the referral page to the step's own page: one activation.
        page.goto(f"/provider/referrals/{referral.id}/{action}/")
        keys.count += 1
        expect(page.get_by_role("heading", level=1)).to_have_text(label)
        assert_no_axe_violations(page)
        for choice in choices:
            keys.choose(page.get_by_label(choice, exact=True))
        keys.press(page.get_by_role("button", name=label))
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Referral {referral.id}")
    referral.refresh_from_db()
    assert referral.status == "closed"
    assert keys.count == STEP_PAGES_ACTIVATIONS
