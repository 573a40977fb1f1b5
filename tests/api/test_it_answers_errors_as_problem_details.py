"""Every error is an RFC 9457 problem detail: out of scope is the same 404 as missing, and
405, 415, malformed JSON and unknown paths have the same shape."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

KEYS = {"type", "title", "status", "detail", "instance"}


def _problem(response, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert set(body) >= KEYS and body["status"] == status
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cases/{id}/",
        "/api/v1/cases/{id}/events/",
        "/api/v1/cases/{id}/entitlements/",
        "/api/v1/victims/{person}/",
        "/api/v1/crimes/{crime}/",
    ],
)
def test_it_answers_out_of_scope_exactly_as_missing(api_for, case_other, path):
    api = api_for("force")
    hidden = path.format(id=case_other.id, person=case_other.person_id, crime=case_other.crime_id)
    missing = path.format(id=999999, person=999999, crime=999999)
    out_of_scope, absent = _problem(api.get(hidden), 404), _problem(api.get(missing), 404)
    assert out_of_scope["instance"] == hidden and absent["instance"] == missing
    assert {**out_of_scope, "instance": ""} == {**absent, "instance": ""}


def test_it_answers_an_unknown_api_path_with_the_same_404(api_for, case_other):
    api = api_for("force")
    unknown = _problem(api.get("/api/v1/nothing-here/"), 404)
    hidden = _problem(api.get(f"/api/v1/cases/{case_other.id}/"), 404)
    assert {**unknown, "instance": ""} == {**hidden, "instance": ""}


def test_it_answers_a_method_not_allowed(api_for, case_a):
    body = _problem(api_for("force").delete(f"/api/v1/cases/{case_a.id}/"), 405)
    assert body["type"].endswith("/method-not-allowed")


def test_it_answers_a_body_that_is_not_json(api_for, case_a):
    response = api_for("force").post(
        f"/api/v1/cases/{case_a.id}/events/",
        "type=suspect_arrested",
        content_type="application/x-www-form-urlencoded",
    )
    _problem(response, 415)


def test_it_answers_malformed_json(api_for, case_a):
    response = api_for("force").post(
        f"/api/v1/cases/{case_a.id}/events/", "{not json", content_type="application/json"
    )
    _problem(response, 400)


def test_it_names_each_field_at_fault(api_for, case_a):
    response = api_for("force").post(
        f"/api/v1/cases/{case_a.id}/events/",
        {"type": "no_such_type", "occurred_at": "yesterday"},
        format="json",
    )
    body = _problem(response, 422)
    assert {e["field"] for e in body["errors"]} == {"type", "occurred_at"}
