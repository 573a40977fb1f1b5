"""The menu asks the capability its page asks: every item it offers opens (no "Page not found")."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import verified_client
from victimcare.access.navigation import navigation
from victimcare.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def _menu(user: User) -> list[str]:
    request = RequestFactory().get("/")
    request.user = user
    user.is_verified = lambda: True  # type: ignore[method-assign]  # as django-otp does for a verified device
    return [item["href"] for item in navigation(request)["nav_items"]]


def _statuses(client: Client, hrefs: list[str]) -> dict[str, int]:
    return {href: client.get(href).status_code for href in hrefs}


@pytest.mark.parametrize("username", ["cara", "sue", "olly", "fran", "wendy", "pat", "chad", "ana", "adam"])
def test_it_opens_every_item_on_each_personas_menu(personas, username):
    hrefs = _menu(personas[username])
    assert hrefs or username == "chad"
    statuses = _statuses(verified_client(personas[username]), hrefs)
    assert statuses == dict.fromkeys(hrefs, 200)


def test_it_offers_no_figures_to_a_supervisor_without_an_organisation(personas):
    # Only an emergency superuser may have no organisation; the compliance page refuses them,
    # so the menu must not offer it (it once asked the role alone).
    user = User.objects.create_user(username="root", role=Role.SUPERVISOR, is_superuser=True, is_staff=True)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client = verified_client(user)
    assert client.get("/compliance/").status_code == 404
    hrefs = _menu(user)
    assert _statuses(client, hrefs) == dict.fromkeys(hrefs, 200)
