"""Idempotency-Key: the same key and body return the stored response and record nothing more;
the same key with a different body is refused (422); the key is the client's own."""

from __future__ import annotations

import pytest

from tests.api.conftest import make_partner

pytestmark = pytest.mark.django_db

BODY = {"type": "suspect_arrested", "occurred_at": "2026-11-23T10:00:00Z"}


def test_it_replays_a_repeated_write(api_for, case_a):
    api, url = api_for("force"), f"/api/v1/cases/{case_a.id}/events/"
    first = api.post(url, BODY, format="json", HTTP_IDEMPOTENCY_KEY="charge-1")
    again = api.post(url, BODY, format="json", HTTP_IDEMPOTENCY_KEY="charge-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert case_a.events.filter(type="suspect_arrested").count() == 1


def test_it_refuses_a_key_reused_with_another_body(api_for, case_a):
    api, url = api_for("force"), f"/api/v1/cases/{case_a.id}/events/"
    api.post(url, BODY, format="json", HTTP_IDEMPOTENCY_KEY="charge-1")
    response = api.post(url, {**BODY, "notes": "changed"}, format="json", HTTP_IDEMPOTENCY_KEY="charge-1")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert case_a.events.filter(type="suspect_arrested").count() == 1


def test_it_lets_a_refused_write_be_corrected_under_the_same_key(api_for, case_a):
    api, url = api_for("force"), f"/api/v1/cases/{case_a.id}/events/"
    refused = api.post(
        url, {**BODY, "occurred_at": "2099-01-01T00:00:00Z"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert refused.status_code == 422  # nothing stored, so the key is still free
    assert api.post(url, BODY, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    assert case_a.events.filter(type="suspect_arrested").count() == 1


def test_it_keeps_each_clients_keys_apart(personas, case_a):
    url = f"/api/v1/cases/{case_a.id}/events/"
    one, two = make_partner("force").caller(), make_partner("force").caller()
    assert one.post(url, BODY, format="json", HTTP_IDEMPOTENCY_KEY="same").status_code == 201
    assert two.post(url, BODY, format="json", HTTP_IDEMPOTENCY_KEY="same").status_code == 201
    assert case_a.events.filter(type="suspect_arrested").count() == 2
