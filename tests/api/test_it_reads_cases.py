"""Cases, crimes, victims, timelines and entitlements read through the API, as far as the
client's service user may see them, each look audited."""

from __future__ import annotations

import pytest

from victimcare.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def test_it_reads_a_case_in_scope(api_for, case_a):
    response = api_for("force").get(f"/api/v1/cases/{case_a.id}/")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == case_a.id
    assert body["victim"] == case_a.person_id
    assert body["crime"]["crime_reference"] == "DU/00001/26"
    assert body["crime"]["flags"] == ["domestic_abuse"]
    assert body["stage"] == "reported"


def test_it_audits_each_look_at_a_case(api_for, partners, case_a):
    api_for("force").get(f"/api/v1/cases/{case_a.id}/")
    row = AuditEvent.objects.filter(case=case_a, action=Action.VIEW).get()
    assert row.actor == partners["force"].client.user
    assert row.person == case_a.person
    assert row.detail == f"API GET /api/v1/cases/{case_a.id}/: case"


def test_it_lists_only_the_cases_in_scope_and_audits_which(api_for, partners, case_a, case_b, case_other):
    response = api_for("cleveland").get("/api/v1/cases/")
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["results"]] == [case_other.id]
    row = AuditEvent.objects.filter(actor=partners["cleveland"].client.user, action=Action.LIST).get()
    assert row.changes == {"shown": 1, "ids": [case_other.id], "of": "cases"}


def test_it_reads_the_timeline_in_order(api_for, case_court):
    response = api_for("force").get(f"/api/v1/cases/{case_court.id}/events/")
    assert response.status_code == 200
    assert [e["type"] for e in response.json()["results"]] == ["crime_reported", "suspect_charged"]


def test_it_reads_the_entitlements_with_their_status(api_for, case_a):
    response = api_for("force").get(f"/api/v1/cases/{case_a.id}/entitlements/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows, "a reported crime owes the victim something"
    assert {"rule", "right", "due", "status", "trigger"} <= set(rows[0])


def test_it_finds_a_crime_by_its_reference(api_for, case_a, case_b):
    response = api_for("force").get("/api/v1/crimes/", {"reference": "du/00002/26"})
    assert response.status_code == 200
    assert [c["crime_reference"] for c in response.json()["results"]] == ["DU/00002/26"]


def test_it_reads_a_victim_in_scope(api_for, case_a):
    response = api_for("officer").get(f"/api/v1/victims/{case_a.person_id}/")
    assert response.status_code == 200
    assert response.json()["last_name"] == "Smith"
