"""API clients (partner systems) of the personas' organisations, and a caller for each.

- force: Durham Constabulary's records system, acting as a police supervisor (every Durham
  case); it reads and writes cases and events and reads referrals.
- officer: a Durham City police team's system, acting as a police officer on that team.
- provider: Harbour Support Services' case system, acting as provider staff: referrals only.
- cleveland: Cleveland Police's system (sees Cleveland's cases, none of Durham's).
- caseworker: a victim care team's system (team North, as cara).
- witness_care: the Witness Care Unit's system (cases at court or later, as wendy).

The referral fixtures (directory, harbour, sent_referral) are the support tests' own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.support.conftest import directory, harbour, sent_referral  # noqa: F401  (referral fixtures)
from victimcare.accounts.models import Organisation, Team
from victimcare.api.models import ApiClient
from victimcare.api.services import ApiClientInput, api_client_create

ALL_CASE_SCOPES = ("cases:read", "cases:write", "events:write", "referrals:read")
CLIENTS = {
    "force": ("Durham Constabulary", "supervisor", ALL_CASE_SCOPES, ()),
    "officer": ("Durham Constabulary", "police_officer", ALL_CASE_SCOPES, ("Durham City",)),
    "provider": ("Harbour Support Services", "provider_staff", ("referrals:read", "referrals:write"), ()),
    "cleveland": ("Cleveland Police", "supervisor", ALL_CASE_SCOPES, ()),
    "caseworker": (
        "Durham Police and Crime Commissioner",
        "caseworker",
        ALL_CASE_SCOPES,
        ("Victim care North",),
    ),
    "witness_care": ("Durham Witness Care Unit", "witness_care_officer", ALL_CASE_SCOPES, ()),
}


@dataclass
class Partner:
    client: ApiClient
    token: str

    def caller(self) -> APIClient:
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {self.token}")
        return api


def make_partner(name: str, scopes: tuple[str, ...] | None = None, **changes: object) -> Partner:
    org_name, role, default_scopes, teams = CLIENTS[name]
    org = Organisation.objects.get(name=org_name)
    data = ApiClientInput(
        name=f"{name} system {ApiClient.objects.count() + 1}",
        organisation=org,
        role=role,
        scopes=scopes or default_scopes,
        expires_at=timezone.now() + timedelta(days=30),
        teams=tuple(Team.objects.filter(organisation=org, name__in=teams)),
    )
    client, token = api_client_create(actor="Test set-up", data=data)
    if changes:
        ApiClient.objects.filter(pk=client.pk).update(**changes)
        client.refresh_from_db()
    return Partner(client, token)


@pytest.fixture
def partners(personas) -> dict[str, Partner]:
    return {name: make_partner(name) for name in CLIENTS}


@pytest.fixture
def api_for(partners) -> Callable[[str], APIClient]:
    return lambda name: partners[name].caller()
