"""Tokens: missing, wrong, expired and revoked all get the same 401 problem (audited); a token
without the operation's scope gets 403. Only a keyed hash of the token is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import make_partner
from victimcare.api.models import ApiClient
from victimcare.api.services import api_client_revoke
from victimcare.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def _problem_401(response) -> None:
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401 and body["type"].endswith("/not-authenticated")


def test_it_refuses_a_call_with_no_token(personas, case_a):
    _problem_401(APIClient().get(f"/api/v1/cases/{case_a.id}/"))


def test_it_refuses_a_wrong_token_and_audits_it(personas, case_a):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Bearer vc_not-a-real-token")
    _problem_401(api.get(f"/api/v1/cases/{case_a.id}/"))
    assert (
        AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED, actor_label="Unknown API client").count() == 1
    )


def test_it_refuses_an_expired_token(personas, case_a):
    partner = make_partner("force", expires_at=timezone.now() - timedelta(seconds=1))
    _problem_401(partner.caller().get(f"/api/v1/cases/{case_a.id}/"))


def test_it_refuses_a_revoked_token(personas, case_a):
    partner = make_partner("force")
    assert partner.caller().get(f"/api/v1/cases/{case_a.id}/").status_code == 200
    api_client_revoke(actor=personas["adam"], client=partner.client)
    _problem_401(partner.caller().get(f"/api/v1/cases/{case_a.id}/"))
    partner.client.user.refresh_from_db()
    assert partner.client.user.is_active is False


def test_it_refuses_an_operation_outside_the_clients_scopes(personas, case_a):
    partner = make_partner("force", scopes=("cases:read",))
    api = partner.caller()
    assert api.get(f"/api/v1/cases/{case_a.id}/events/").status_code == 200
    response = api.post(
        f"/api/v1/cases/{case_a.id}/events/",
        {"type": "suspect_arrested", "occurred_at": "2026-11-23T10:00:00Z"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "This client does not have the events:write scope."
    assert not case_a.events.filter(type="suspect_arrested").exists()


def test_it_stores_only_a_keyed_hash_of_the_token(personas):
    partner = make_partner("force")
    stored = ApiClient.objects.filter(pk=partner.client.pk).values().get()
    assert partner.token not in {str(v) for v in stored.values()}
    assert stored["token_prefix"] == partner.token[:9]
    assert len(stored["token_hash"]) == 64


def test_it_gives_the_service_user_no_way_into_the_pages(personas):
    user = make_partner("force").client.user
    assert not user.has_usable_password()
