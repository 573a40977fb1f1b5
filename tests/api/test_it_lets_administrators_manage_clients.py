"""Administrators add API clients (the token is shown once) and revoke them, from the admin or
from manage.py; nobody else can."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from victimcare.accounts.models import Organisation
from victimcare.api.models import ApiClient
from victimcare.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def _caller(token: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


def test_it_adds_a_client_from_the_admin_and_shows_its_token_once(client_for, personas, case_a):
    adam = client_for("adam")
    force = Organisation.objects.get(name="Durham Constabulary")
    response = adam.post(
        "/admin/api/apiclient/add/",
        {
            "name": "Durham records system",
            "organisation": force.id,
            "role": "supervisor",
            "scopes": ["cases:read", "events:write"],
            "expires_at_0": "01/06/2027",
            "expires_at_1": "09:00:00",
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    token = response.context["token"]
    client = ApiClient.objects.get(name="Durham records system")
    assert client.user.role == "supervisor" and client.scopes == ["cases:read", "events:write"]
    assert token not in str(ApiClient.objects.filter(pk=client.pk).values().get())
    assert _caller(token).get(f"/api/v1/cases/{case_a.id}/").status_code == 200
    assert token not in adam.get(f"/admin/api/apiclient/{client.pk}/change/").content.decode()
    assert AuditEvent.objects.filter(
        actor=personas["adam"], action=Action.CREATE, object_type="apiclient"
    ).exists()


def test_it_refuses_a_role_the_organisation_cannot_have(client_for):
    harbour = Organisation.objects.get(name="Harbour Support Services")
    response = client_for("adam").post(
        "/admin/api/apiclient/add/",
        {
            "name": "X",
            "organisation": harbour.id,
            "role": "police_officer",
            "scopes": ["cases:read"],
            "expires_at_0": "01/06/2027",
            "expires_at_1": "09:00:00",
        },
    )
    assert response.status_code == 200
    assert "cannot act as police officer" in response.content.decode()
    assert not ApiClient.objects.exists()


def test_it_revokes_from_the_admin(client_for, personas, case_a):
    out = StringIO()
    call_command(
        "api_client_create",
        "Durham records system",
        "--organisation",
        "Durham Constabulary",
        "--role",
        "supervisor",
        "--scope",
        "cases:read",
        stdout=out,
    )
    token = out.getvalue().strip().splitlines()[-1]
    client = ApiClient.objects.get()
    response = client_for("adam").post(
        "/admin/api/apiclient/", {"action": "revoke", "_selected_action": [client.pk]}
    )
    assert response.status_code == 302
    assert _caller(token).get(f"/api/v1/cases/{case_a.id}/").status_code == 401


def test_it_keeps_the_client_pages_from_other_staff(client_for):
    for name in ("sue", "fran", "pat"):
        assert client_for(name).get("/admin/api/apiclient/").status_code in (302, 404)


def test_it_creates_and_revokes_from_the_command_line(personas, case_a):
    out = StringIO()
    call_command(
        "api_client_create",
        "Durham City system",
        "--organisation",
        "Durham Constabulary",
        "--role",
        "police_officer",
        "--team",
        "Durham City",
        "--scope",
        "cases:read",
        "--days",
        "30",
        stdout=out,
    )
    token = out.getvalue().strip().splitlines()[-1]
    assert token.startswith("vc_")
    assert _caller(token).get(f"/api/v1/cases/{case_a.id}/").status_code == 200
    call_command("api_client_revoke", "Durham City system", stdout=StringIO())
    assert _caller(token).get(f"/api/v1/cases/{case_a.id}/").status_code == 401


def test_it_refuses_a_bad_client_on_the_command_line(personas):
    with pytest.raises(CommandError, match="expires_at"):
        call_command(
            "api_client_create",
            "Too long",
            "--organisation",
            "Durham Constabulary",
            "--role",
            "supervisor",
            "--scope",
            "cases:read",
            "--days",
            "400",
            stdout=StringIO(),
        )
    assert not ApiClient.objects.exists()
