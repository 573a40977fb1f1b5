"""Cursor pages on lists, and each client's calls limited per minute (counted in the database)."""

from __future__ import annotations

import pytest
import time_machine

from tests.api.conftest import make_partner

pytestmark = pytest.mark.django_db


def test_it_pages_a_list_by_cursor(api_for, case_a, case_b, case_court):
    api = api_for("force")
    first = api.get("/api/v1/cases/", {"page_size": 2}).json()
    assert [c["id"] for c in first["results"]] == [case_a.id, case_b.id]
    assert first["previous"] is None
    second = api.get(first["next"]).json()
    assert [c["id"] for c in second["results"]] == [case_court.id]
    assert second["next"] is None


def test_it_refuses_a_made_up_cursor(api_for, case_a):
    response = api_for("force").get("/api/v1/cases/", {"cursor": "bz1hYmM="})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"


def test_it_refuses_a_page_size_out_of_range(api_for, case_a):
    response = api_for("force").get("/api/v1/cases/", {"page_size": 0})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "page_size"


def test_it_limits_each_clients_calls_per_minute(personas, case_a):
    limited, other = make_partner("force", rate_per_minute=2), make_partner("force")
    url = f"/api/v1/cases/{case_a.id}/"
    with time_machine.travel("2026-11-23 10:00:10Z", tick=False):
        assert [limited.caller().get(url).status_code for _ in range(2)] == [200, 200]
        refused = limited.caller().get(url)
        assert other.caller().get(url).status_code == 200  # its own count
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["Retry-After"] == "50"
    with time_machine.travel("2026-11-23 10:01:00Z", tick=False):
        assert limited.caller().get(url).status_code == 200  # a new minute
