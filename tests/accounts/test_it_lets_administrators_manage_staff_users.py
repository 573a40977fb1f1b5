"""Administrators add and deactivate staff users and reset a second factor from a page, not
the shell (docs/adr/0044); each change is audited; anyone else gets "Page not found"."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import verified_client
from victimcare.accounts.models import Organisation, Team, User
from victimcare.accounts.services import recovery_codes_replace
from victimcare.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _new_user(**changes: object) -> dict[str, object]:
    data = {
        "first_name": "Nina",
        "last_name": "Patel",
        "username": "nina",
        "email": "nina@example.org",
        "organisation": Organisation.objects.get(name="Durham Police and Crime Commissioner").pk,
        "role": "caseworker",
        "teams": [Team.objects.get(name="Victim care North").pk],
    }
    return {**data, **changes}


def test_it_lists_the_staff_of_the_force_area(client_for):
    page = client_for("adam").get("/staff/").content.decode()
    for username in ("cara", "olly", "wendy", "pat", "adam"):
        assert f'data-username="{username}"' in page
    assert 'data-username="otto"' not in page  # Cleveland's caseworker: another area


def test_it_adds_a_staff_user_who_signs_in_and_sets_up_a_second_factor(client_for, personas):
    r = client_for("adam").post("/staff/new/", _new_user())
    assert r.status_code == 200
    password = r.context["password"]
    assert password in r.content.decode() and "nina" in r.content.decode()
    nina = User.objects.get(username="nina")
    assert nina.role == "caseworker" and nina.organisation.name == "Durham Police and Crime Commissioner"
    assert [t.name for t in nina.teams.all()] == ["Victim care North"]
    audit = AuditEvent.objects.get(action="create", object_type="user", object_id=str(nina.pk))
    assert audit.actor == personas["adam"] and audit.changes["role"] == [None, "caseworker"]
    assert password not in str(audit.changes)
    client = Client()
    r = client.post("/sign-in/", {"username": "nina", "password": password})
    assert r["Location"] == "/sign-in/set-up/"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"role": "police_officer"}, "role", "cannot be a police officer"),
        ({"username": "CARA"}, "username", "That username is taken"),
        ({"teams": "Durham City"}, "teams", "Choose teams of Durham Police and Crime Commissioner"),
        ({"first_name": ""}, "first_name", "Enter first name"),
    ],
)
def test_it_refuses_what_cannot_be(client_for, personas, changes, field, message):
    if "teams" in changes:  # a team of another organisation
        changes = {"teams": [Team.objects.get(name=changes["teams"]).pk]}
    r = client_for("adam").post("/staff/new/", _new_user(**changes))
    assert r.status_code == 200
    assert message in str(r.context["form"].errors[field])
    assert not User.objects.filter(username="nina").exists()


def test_it_offers_only_organisations_of_its_area(client_for):
    cleveland = Organisation.objects.get(name="Cleveland Police and Crime Commissioner")
    r = client_for("adam").post("/staff/new/", _new_user(organisation=cleveland.pk))
    assert "organisation" in r.context["form"].errors
    assert not User.objects.filter(username="nina").exists()


def test_it_deactivates_a_user_whose_session_then_stops(client_for, personas):
    cara = verified_client(personas["cara"])
    assert cara.get("/cases/").status_code == 200
    admin = client_for("adam")
    r = admin.get(f"/staff/{personas['cara'].pk}/deactivate/")
    assert r.status_code == 200 and "Deactivate Cara Walsh?" in r.content.decode()
    r = admin.post(f"/staff/{personas['cara'].pk}/deactivate/")
    assert r.status_code == 302 and r["Location"] == "/staff/"
    assert not User.objects.get(username="cara").is_active
    assert cara.get("/cases/").status_code == 302  # back to sign in
    audit = AuditEvent.objects.get(action="update", object_type="user", object_id=str(personas["cara"].pk))
    assert audit.changes == {"is_active": [True, False]} and audit.actor == personas["adam"]
    assert "Cara Walsh is deactivated" in admin.get("/staff/").content.decode()


def test_it_will_not_let_an_administrator_deactivate_themselves(client_for, personas):
    r = client_for("adam").post(f"/staff/{personas['adam'].pk}/deactivate/")
    assert r.status_code == 200 and "You cannot deactivate yourself" in r.content.decode()
    assert User.objects.get(username="adam").is_active


def test_it_resets_a_second_factor(client_for, personas):
    recovery_codes_replace(user=personas["olly"])
    olly = verified_client(personas["olly"])
    r = client_for("adam").post(f"/staff/{personas['olly'].pk}/reset-second-factor/")
    assert r.status_code == 302
    assert not TOTPDevice.objects.filter(user=personas["olly"]).exists()
    assert not StaticDevice.objects.filter(user=personas["olly"]).exists()
    assert olly.get("/cases/")["Location"] == "/sign-in/security-code/"  # the old factor opens nothing
    assert AuditEvent.objects.filter(action="mfa_reset", object_id=str(personas["olly"].pk)).count() == 1


@pytest.mark.parametrize("username", ["cara", "sue", "olly", "fran", "wendy", "pat", "chad", "ana", "otto"])
def test_it_is_not_found_for_anyone_but_administrators(client_for, personas, username):
    client = client_for(username)
    target = personas["cole"].pk
    for path in (
        "/staff/",
        "/staff/new/",
        f"/staff/{target}/deactivate/",
        f"/staff/{target}/reset-second-factor/",
    ):
        assert client.get(path).status_code == 404, path
        assert client.post(path).status_code == 404, path
    assert User.objects.get(username="cole").is_active


def test_it_is_not_found_for_staff_of_another_area(client_for, personas):
    otto = personas["otto"].pk
    admin = client_for("adam")
    assert admin.get(f"/staff/{otto}/deactivate/").status_code == 404
    assert admin.post(f"/staff/{otto}/reset-second-factor/").status_code == 404
    assert admin.get("/staff/999999/deactivate/").status_code == 404
    assert TOTPDevice.objects.filter(user_id=otto).exists()
