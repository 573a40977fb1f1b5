"""Every API endpoint for every kind of API client, through the same gate as the pages.

The endpoints are read from the API's URLconf, so a new one fails here until it has a row in
EXPECTED. Each client holds every scope, so what it gets is the gate's answer alone: a record
out of its scope is the same 404 as a missing one, and a list shows only what it may see. A
signed-in staff session is no way in: the API takes API tokens only."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, get_resolver

from tests.api.conftest import CLIENTS, make_partner
from tests.support.conftest import SENT, consented, load_directory
from victimcare.api.models import SCOPES
from victimcare.support.demo_directory import HARBOUR
from victimcare.support.models import Referral
from victimcare.support.services import referral_send

pytestmark = pytest.mark.django_db

SEES_CASE_A = {"force", "officer", "caseworker"}  # as the pages: fran, olly and cara see case A
SEES_REFERRAL = SEES_CASE_A | {"provider"}  # sent to Harbour, whose system this is
CREATES_CASES = {"force", "officer", "caseworker", "cleveland"}


def _api_patterns() -> list[tuple[str, str, str]]:
    """(url name, route, method) for every operation under /api/v1/ (the schema and docs
    pages, public and with no records, have no scopes)."""
    out = []
    for pattern in get_resolver("victimcare.api.urls").url_patterns:
        assert isinstance(pattern, URLPattern)
        view_class: Any = getattr(pattern.callback, "view_class", None)
        for method in getattr(view_class, "required_scopes", {}):
            out.append((str(pattern.name), str(pattern.pattern), method))
    return out


OPERATIONS = _api_patterns()

# (url name, method) -> expected status for a client, given its name.
IN_CASE_A = {"case_detail", "crime_detail", "victim_detail", "events", "entitlement_list"}
EXPECTED: dict[tuple[str, str], Any] = {
    **{(name, "GET"): lambda c: 200 if c in SEES_CASE_A else 404 for name in IN_CASE_A},
    ("events", "POST"): lambda c: 422 if c in SEES_CASE_A else 404,  # an empty body: refused, not hidden
    ("cases", "GET"): lambda c: 200,
    ("crime_list", "GET"): lambda c: 200,
    ("referral_list", "GET"): lambda c: 200,
    ("cases", "POST"): lambda c: 422 if c in CREATES_CASES else 403,
    ("victim_create", "POST"): lambda c: 422 if c in CREATES_CASES else 403,
    ("referral_detail", "GET"): lambda c: 200 if c in SEES_REFERRAL else 404,
    **{
        (step, "POST"): lambda c: "seen" if c in SEES_REFERRAL else 404
        for step in (
            "referral_accept",
            "referral_decline",
            "referral_first_contact",
            "referral_engagement",
            "referral_outcome",
        )
    },
}
LIST_SHOWS = {"cases": "case", "crime_list": "crime", "referral_list": "referral"}


def test_it_has_an_expectation_for_every_api_operation():
    assert len(OPERATIONS) >= 17
    missing = {(name, method) for name, _route, method in OPERATIONS} - set(EXPECTED)
    assert not missing, f"add these API operations to the access matrix: {sorted(missing)}"


@pytest.fixture
def sent_to_harbour(personas, case_a) -> Referral:
    """case_a referred to Harbour Support Services with the victim's consent, sent."""
    referral = consented(personas["cara"], case_a, load_directory()[HARBOUR])
    return referral_send(actor=personas["cara"], referral=referral, occurred_at=SENT)


@pytest.mark.parametrize(("name", "route", "method"), OPERATIONS)
def test_it_gates_every_api_operation_for_every_client(
    personas, case_a, case_other, sent_to_harbour, name, route, method
):
    sent_referral = sent_to_harbour
    ids = {
        "case_id": case_a.id,
        "crime_id": case_a.crime_id,
        "victim_id": case_a.person_id,
        "referral_id": sent_referral.id,
    }
    path = "/api/v1/" + route.replace("<int:", "{").replace(">", "}").format(**ids)
    expected = EXPECTED[(name, method)]
    for client_name in CLIENTS:
        api = make_partner(client_name, scopes=tuple(SCOPES)).caller()
        response = api.get(path) if method == "GET" else api.post(path, {}, format="json")
        want = expected(client_name)
        if want == "seen":
            assert response.status_code != 404, (client_name, path)
        else:
            assert response.status_code == want, (client_name, method, path, response.json())
        if name in LIST_SHOWS and method == "GET":
            listed = {row["id"] for row in response.json()["results"]}
            own = {"case": case_a.id, "crime": case_a.crime_id, "referral": sent_referral.id}[
                LIST_SHOWS[name]
            ]
            sees = SEES_REFERRAL if name == "referral_list" else SEES_CASE_A
            assert (own in listed) == (client_name in sees), (client_name, path)


def test_it_takes_no_staff_session(client_for, case_a):
    response = client_for("cara").get(f"/api/v1/cases/{case_a.id}/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
