"""English and Welsh: chosen by the victim, remembered on the account and in a cookie; staff pages stay English."""

from __future__ import annotations

from django.test import Client

from victimcare.portal.models import PortalAccount

from .conftest import portal_sign_in, victim_case


def test_it_switches_signed_out_pages_to_welsh_and_remembers_it(client, db):
    response = client.post("/portal/language/cy/", {"next": "/portal/sign-in/"})
    assert response.status_code == 302 and response["Location"] == "/portal/sign-in/"
    page = client.get("/portal/sign-in/").content.decode()
    assert '<html lang="cy"' in page and "Mewngofnodi i weld eich achos" in page
    assert "Gadael y dudalen hon" in page
    assert client.post("/portal/language/en/", {"next": "https://evil.example/"})["Location"] == "/portal/"


def test_it_remembers_the_language_on_the_account(portal_client, jane_case):
    client = portal_client(jane_case)
    client.post("/portal/language/cy/")
    assert PortalAccount.objects.get(case=jane_case).language == "cy"
    again = Client()
    portal_sign_in(again, "DU/00500/26", "jane@example.com")
    page = again.get("/portal/rights/").content.decode()
    assert "Fy hawliau" in page and "Eich 12 hawl" in page


def test_it_starts_in_welsh_for_a_victim_recorded_as_speaking_welsh(portal_client, personas):
    vcase = victim_case(personas, reference="DU/00800/26", language="cy")
    page = portal_client(vcase).get("/portal/").content.decode()
    assert '<html lang="cy"' in page and "Beth sydd wedi digwydd hyd yma" in page
    assert "Cafodd y drosedd ei riportio i&#x27;r heddlu." in page


def test_it_keeps_staff_pages_in_english(client_for, portal_client, jane_case):
    staff = client_for("cara")
    staff.cookies["portal_language"] = "cy"
    page = staff.get(f"/cases/{jane_case.id}/").content.decode()
    assert '<html lang="en"' in page and "Portal access" in page
    assert "Gadael" not in page
    panel = staff.get(f"/portal/staff/cases/{jane_case.id}/access/").content.decode()
    assert "Switch portal access off" in panel and 'lang="en"' in panel
