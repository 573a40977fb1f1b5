"""Exit this page ends the portal session before it leaves for a neutral site, so Back, another
tab or the next person at a shared computer sees nothing of the case; the language cookie is
read only by the server."""

from __future__ import annotations

import pytest
from django.test import Client
from django.test.utils import override_settings
from playwright.sync_api import expect

from victimcare.audit.models import Action, AuditEvent

from .browser import browser_sign_in
from .conftest import portal_sign_in


def test_exit_signs_the_victim_out_and_goes_to_the_neutral_site(client, jane_case, settings):
    portal_sign_in(client, "DU/00500/26", "jane@example.com")
    assert client.get("/portal/").status_code == 200

    response = client.get("/portal/exit/")

    assert response.status_code == 302
    assert response["Location"] == settings.PORTAL_EXIT_URL
    assert response["Referrer-Policy"] == "no-referrer"
    home = client.get("/portal/")
    assert home.status_code == 302 and "/portal/sign-in/" in home["Location"]
    exit_row = AuditEvent.objects.filter(action=Action.SIGN_OUT, case=jane_case).get()
    assert exit_row.detail == "portal exit this page"


def test_exit_works_for_someone_not_signed_in(client, db, settings):
    response = client.get("/portal/exit/")
    assert response.status_code == 302
    assert response["Location"] == settings.PORTAL_EXIT_URL
    assert not AuditEvent.objects.filter(action=Action.SIGN_OUT).exists()


@pytest.mark.parametrize("secure", [True, False])
def test_the_language_cookie_is_http_only_and_secure_outside_the_demo(db, secure):
    with override_settings(SESSION_COOKIE_SECURE=secure):
        response = Client().post("/portal/language/cy/")
    cookie = response.cookies["portal_language"]
    assert cookie.value == "cy"
    assert cookie["httponly"] is True
    assert bool(cookie["secure"]) is secure
    assert cookie["samesite"] == "Lax"


@pytest.mark.browser
def test_back_after_exit_shows_nothing_of_the_case(page, live_server, jane_case, settings):
    page.route(
        f"{settings.PORTAL_EXIT_URL}**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"),
    )
    browser_sign_in(page, "du/00500/26", "Jane@example.com")
    expect(page.locator("body")).to_contain_text("DU/00500/26")

    page.locator(".govuk-exit-this-page__button").click()
    expect(page).to_have_title("Weather")
    page.go_back()

    expect(page.locator("h1")).to_have_text("Sign in to see your case")
    expect(page.locator("body")).not_to_contain_text("DU/00500/26")
