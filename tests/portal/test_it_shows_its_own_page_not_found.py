"""A missing portal page is the portal's own "Page not found", with the exit button and in the
victim's language; staff keep the staff page."""

from __future__ import annotations

from django.test import Client

from .conftest import victim_case


def test_it_shows_the_portal_page_not_found_with_the_exit_button(portal_client, jane_case):
    response = portal_client(jane_case).get("/portal/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page and "Exit this page" in page and "Go to your case" in page


def test_it_says_page_not_found_in_welsh(portal_client, personas):
    vcase = victim_case(personas, reference="DU/00800/26", language="cy")
    page = portal_client(vcase).get("/portal/no-such-page/").content.decode()
    assert '<html lang="cy"' in page and "Heb ddod o hyd i'r dudalen" in page


def test_it_keeps_the_staff_page_not_found_for_staff_addresses(client_for, db):
    page = client_for("cara").get("/cases/999999/").content.decode()
    assert "Page not found" in page and "Exit this page" not in page
    signed_out = Client().get("/portal/no-such-page/")
    assert signed_out.status_code == 404 and "Exit this page" in signed_out.content.decode()
