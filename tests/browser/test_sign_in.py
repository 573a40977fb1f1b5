"""Signing in with a password and a second factor, through the real pages in Chromium."""

from __future__ import annotations

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.browser_support import sign_in, totp_code
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def enter_password(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()


def enter_code(page: Page, code: str) -> None:
    page.get_by_label("Security code").fill(code)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")


def test_it_signs_in_with_a_password_then_a_security_code(page: Page, live_server, personas) -> None:
    cara = personas["cara"]
    enter_password(page, "cara")
    expect(page).to_have_url(f"{live_server.url}/sign-in/security-code/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")

    enter_code(page, wrong(totp_code(cara)))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link", name="The security code is not right")).to_have_attribute(
        "href", "#id_code"
    )
    expect(page.locator("#id_code-error")).to_contain_text("The security code is not right")
    expect(page).to_have_title("Error: Enter your security code - Victim care")

    time.sleep(1.2)  # django-otp makes the next try wait a second after a wrong code
    enter_code(page, totp_code(cara))
    expect(page).to_have_url(f"{live_server.url}/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    expect(page.get_by_text("Cara Walsh")).to_be_visible()


def test_it_refuses_a_wrong_password_with_one_message(page: Page, personas) -> None:
    enter_password(page, "cara", "not the password")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a correct username and password")
    expect(page.get_by_label("Username")).to_have_value("cara")
    expect(page.get_by_label("Password")).to_have_value("")


def test_it_sends_a_signed_out_visitor_to_sign_in_and_back(page: Page, live_server, personas, case_a) -> None:
    page.goto(f"/cases/{case_a.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    sign_in(page, personas["cara"])
    expect(page).to_have_url(f"{live_server.url}/cases/{case_a.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jane Smith")


def test_it_sets_up_an_authenticator_then_signs_in_with_a_recovery_code_once(
    page: Page, live_server, personas
) -> None:
    TOTPDevice.objects.filter(user=personas["cole"]).delete()
    enter_password(page, "cole")
    expect(page).to_have_url(f"{live_server.url}/sign-in/set-up/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(page.locator("svg title")).to_have_text("QR code to scan")
    key = page.locator("#totp-secret").inner_text().replace(" ", "")
    assert len(key) == 32, key

    page.get_by_label("Code from your authenticator app").fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    assert page.locator("#totp-secret").inner_text().replace(" ", "") == key  # the same key to try again

    time.sleep(1.2)  # as above: a second's wait after a wrong code
    secret = b32decode(key + "=" * (-len(key) % 8))
    page.get_by_label("Code from your authenticator app").fill(f"{TOTP(secret).token():06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and len(set(codes)) == 10, codes
    page.get_by_role("link", name="I have saved my codes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    sign_out(page)

    enter_password(page, "cole")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    enter_code(page, codes[0].upper())
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    sign_out(page)

    enter_password(page, "cole")
    enter_code(page, codes[0])
    expect(page.locator(".govuk-error-summary")).to_contain_text("The security code is not right")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_it_locks_the_account_after_five_wrong_passwords(page: Page, personas) -> None:
    for _ in range(5):
        enter_password(page, "chad", "wrong")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")
    enter_password(page, "chad")  # the right password does not help now
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")
