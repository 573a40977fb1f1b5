"""Every staff persona signs in through the real sign-in (password, then security code), lands on
a page of their work, and can open every item of their menu: none is "Page not found" or refused."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.test_sign_in import current_code
from tests.conftest import PASSWORD
from victimcare.accounts.models import Role
from victimcare.accounts.personas import PERSONAS

pytestmark = pytest.mark.django_db

STAFF = [p.username for p in PERSONAS]


def _signed_in(username: str, personas) -> tuple[Client, str]:
    """Sign in as the persona and follow the redirects; the client and where it landed."""
    client = Client()
    client.post("/sign-in/", {"username": username, "password": PASSWORD})
    r = client.post("/sign-in/security-code/", {"code": current_code(personas[username])}, follow=True)
    assert r.status_code == 200, f"{username} landed on a {r.status_code}"
    return client, r.request["PATH_INFO"]


def test_the_personas_cover_every_staff_role():
    assert {p.role for p in PERSONAS} == set(Role)


@pytest.mark.parametrize("username", STAFF)
def test_it_lands_each_persona_on_a_page_of_their_menu(personas, username):
    client, landed = _signed_in(username, personas)
    menu = [item["href"] for item in client.get(landed).context["nav_items"]]
    assert landed in menu, f"{username} landed on {landed}, which is not on their menu {menu}"


@pytest.mark.parametrize("username", STAFF)
def test_it_opens_every_menu_link_after_signing_in(personas, username):
    client, landed = _signed_in(username, personas)
    menu = [item["href"] for item in client.get(landed).context["nav_items"]]
    statuses = {href: client.get(href, follow=True).status_code for href in menu}
    assert statuses == dict.fromkeys(menu, 200)


EXPECTED_LANDINGS = {
    "cara": "/cases/",
    "olly": "/cases/",
    "pat": "/provider/",
    "ana": "/compliance/",
    "wendy": "/work/",
    "chad": "/voice/",
    "adam": "/staff/",
}


@pytest.mark.parametrize(("username", "path"), EXPECTED_LANDINGS.items())
def test_it_lands_roles_where_their_work_is(personas, username, path):
    assert _signed_in(username, personas)[1] == path
