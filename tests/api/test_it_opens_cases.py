"""A force's system adds a victim and opens their case, through person_create and case_open."""

from __future__ import annotations

import pytest

from victimcare.audit.models import Action, AuditEvent
from victimcare.cases.models import Crime, VictimCase
from victimcare.people.models import Person

pytestmark = pytest.mark.django_db

CRIME = {
    "crime_reference": "du/00777/26",
    "ho_offence_code": "28E",
    "crime_type": "Burglary",
    "reported_at": "2026-11-20T09:00:00Z",
}


def _victim(api) -> int:
    response = api.post(
        "/api/v1/victims/",
        {"first_name": "Ada", "last_name": "Lovelace", "date_of_birth": "1990-12-10"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return int(response.json()["id"])


def test_it_adds_a_victim_and_opens_their_case(api_for, partners):
    api = api_for("officer")
    victim = _victim(api)
    response = api.post("/api/v1/cases/", {"victim": victim, "crime": CRIME}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    vcase = VictimCase.objects.get(pk=body["id"])
    assert vcase.crime.crime_reference == "DU/00777/26"
    assert (
        vcase.crime.team is not None and vcase.crime.team.name == "Durham City"
    )  # the officer client's team
    assert response["Location"] == f"/api/v1/cases/{vcase.id}/"
    assert [e.type for e in vcase.events.all()] == ["crime_reported"]
    assert vcase.events.get().source == "api"
    user = partners["officer"].client.user
    assert AuditEvent.objects.filter(
        actor=user, action=Action.CREATE, case=vcase, object_type="victimcase"
    ).exists()
    assert api.get(f"/api/v1/cases/{vcase.id}/").status_code == 200  # it sees what it opened


def test_it_names_the_crime_field_the_service_refuses(api_for, case_a):
    api = api_for("force")
    victim = _victim(api)
    response = api.post(
        "/api/v1/cases/",
        {"victim": victim, "crime": {**CRIME, "crime_reference": "DU/00001/26"}},
        format="json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "crime.crime_reference"
    assert "already recorded" in response.json()["errors"][0]["detail"]
    assert not VictimCase.objects.filter(person_id=victim).exists()


def test_it_names_an_unknown_offence_code(api_for):
    api = api_for("force")
    response = api.post(
        "/api/v1/cases/", {"victim": _victim(api), "crime": {**CRIME, "ho_offence_code": "XX"}}, format="json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "crime.ho_offence_code"
    assert not Crime.objects.filter(crime_reference="DU/00777/26").exists()


def test_it_names_every_missing_field(api_for):
    response = api_for("force").post("/api/v1/cases/", {"crime": {"crime_type": "Burglary"}}, format="json")
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"victim", "crime.crime_reference", "crime.ho_offence_code", "crime.reported_at"}


def test_it_will_not_open_a_case_for_a_victim_out_of_scope(api_for, case_other):
    response = api_for("force").post(
        "/api/v1/cases/", {"victim": case_other.person_id, "crime": CRIME}, format="json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "victim"


def test_it_refuses_a_bad_victim_and_stores_nothing(api_for):
    response = api_for("force").post(
        "/api/v1/victims/", {"first_name": "Ada", "last_name": "", "email": "not-an-email"}, format="json"
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"last_name", "email"}
    assert not Person.objects.filter(first_name="Ada").exists()


def test_it_will_not_let_a_provider_add_victims(api_for):
    provider = api_for("provider")
    response = provider.post("/api/v1/victims/", {"first_name": "A", "last_name": "B"}, format="json")
    assert response.status_code == 403  # no cases:write scope
    assert response.json()["title"] == "This client may not do that"
