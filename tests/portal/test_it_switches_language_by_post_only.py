"""The language switch changes state (a cookie, and the account when signed in), so it is a
form posted with a CSRF token, never a link: a GET, from a link or an image on another site,
changes nothing. The form is a button, so it works without JavaScript and by keyboard."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser.test_keyboard import assert_focus_visible, tab_to
from victimcare.portal.models import PortalAccount

from .conftest import portal_sign_in


def _switch(client: Client, language: str, next_url: str = "/portal/sign-in/") -> Any:
    page = client.get(next_url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the page"
    return client.post(f"/portal/language/{language}/", {"next": next_url, "csrfmiddlewaretoken": token[1]})


def test_a_get_changes_nothing(client, db):
    response = client.get("/portal/language/cy/?next=/portal/sign-in/")
    assert response.status_code == 405
    assert "portal_language" not in response.cookies
    assert '<html lang="en"' in client.get("/portal/sign-in/").content.decode()


def test_a_get_does_not_change_the_account_language(portal_client, jane_case):
    client = portal_client(jane_case)
    client.get("/portal/language/cy/")
    assert PortalAccount.objects.get(case=jane_case).language != "cy"


def test_a_post_without_the_csrf_token_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    client.get("/portal/sign-in/")
    response = client.post("/portal/language/cy/", {"next": "/portal/sign-in/"})
    assert response.status_code == 403
    assert "portal_language" not in response.cookies


def test_a_post_with_the_token_switches_and_goes_back_to_the_page(db):
    client = Client(enforce_csrf_checks=True)
    response = _switch(client, "cy")
    assert response.status_code == 302 and response["Location"] == "/portal/sign-in/"
    assert '<html lang="cy"' in client.get("/portal/sign-in/").content.decode()


def test_a_post_goes_back_only_to_a_portal_page(db):
    client = Client()
    for target in ("https://evil.example/", "//evil.example/", "/cases/"):
        response = client.post("/portal/language/en/", {"next": target})
        assert response["Location"] == "/portal/", target


def test_signed_in_a_post_changes_the_account_language(portal_client, jane_case):
    client = portal_client(jane_case)
    response = _switch(client, "cy", "/portal/rights/")
    assert response["Location"] == "/portal/rights/"
    assert PortalAccount.objects.get(case=jane_case).language == "cy"
    again = Client()
    portal_sign_in(again, "DU/00500/26", "jane@example.com")
    assert '<html lang="cy"' in again.get("/portal/").content.decode()


def test_every_portal_page_offers_a_posted_form_not_a_link(client, db):
    page = client.get("/portal/sign-in/").content.decode()
    assert 'href="/portal/language/' not in page
    form = re.search(r'<form method="post" action="/portal/language/cy/"[^>]*>(.*?)</form>', page, re.S)
    assert form, "no language form"
    assert 'name="csrfmiddlewaretoken"' in form[1]
    assert 'name="next" value="/portal/sign-in/"' in form[1]
    assert re.search(r'<button type="submit"[^>]*lang="cy"[^>]*>Cymraeg</button>', form[1])


@pytest.mark.browser
def test_it_switches_without_javascript(browser, live_server, db):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/portal/get-support/")
        page.get_by_role("button", name="Cymraeg").click()
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        assert page.url.endswith("/portal/get-support/")
    finally:
        context.close()


@pytest.mark.browser
def test_it_switches_by_keyboard_with_a_visible_focus(page, live_server, db):
    page.goto("/portal/sign-in/")
    tab_to(page, "button[lang='cy']")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.wait_for_load_state("load")
    tab_to(page, "button[lang='en']")
    page.keyboard.press("Space")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.problems == []
