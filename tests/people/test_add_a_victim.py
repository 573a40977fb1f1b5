"""Adding a victim: GOV.UK errors that keep what was typed, and a possible-duplicate warning
that only ever names people the user may already see."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import make_person
from victimcare.audit.models import AuditEvent
from victimcare.people.models import Person

pytestmark = pytest.mark.django_db

RUTH = {
    "first_name": "Ruth",
    "last_name": "Adeyemi",
    "date_of_birth_day": "30",
    "date_of_birth_month": "6",
    "date_of_birth_year": "1979",
    "email": "ruth@example.org",
    "phone": "07700 900 123",
}


def test_it_adds_a_victim_and_goes_on_to_record_the_crime(client_for, personas):
    r = client_for("cara").post("/people/new/", RUTH)
    person = Person.objects.get(last_name="Adeyemi")
    assert r.status_code == 302 and r["Location"] == f"/cases/new/for/{person.id}/"
    assert person.date_of_birth == date(1979, 6, 30)
    assert person.phone == "07700900123"
    assert person.organisation.name == "Durham Police and Crime Commissioner"
    assert person.created_by == personas["cara"]
    assert AuditEvent.objects.filter(action="create", person=person).exists()


def test_it_shows_errors_and_keeps_what_was_typed(client_for):
    r = client_for("cara").post(
        "/people/new/", {**RUTH, "last_name": "", "phone": "12345", "date_of_birth_month": "13"}
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "There is a problem" in body
    assert "Enter last name" in body
    assert "Enter a UK phone number" in body
    assert "Date of birth must be a real date" in body
    assert 'value="Ruth"' in body and 'value="ruth@example.org"' in body
    assert not Person.objects.filter(first_name="Ruth").exists()


def test_it_warns_of_a_possible_duplicate_before_adding(client_for, personas):
    existing = make_person(
        personas["cara"], first_name="Ruth", last_name="Adeyemi", date_of_birth=date(1979, 6, 30)
    )
    client = client_for("cara")
    r = client.post("/people/new/", {**RUTH, "first_name": "R."})
    assert r.status_code == 200
    assert r.context["duplicates"] == [existing]
    assert Person.objects.filter(last_name="Adeyemi").count() == 1
    # Submitting again, having checked, adds the new person.
    r = client.post("/people/new/", {**RUTH, "first_name": "R.", "confirm_new": "True"})
    assert r.status_code == 302
    assert Person.objects.filter(last_name="Adeyemi").count() == 2


def test_it_never_names_someone_outside_the_users_scope_as_a_duplicate(client_for, case_other):
    # case_other's victim, Jane Smith born 14 Feb 1987, belongs to another force's service.
    r = client_for("cara").post(
        "/people/new/",
        {
            "first_name": "Jane",
            "last_name": "Smith",
            "date_of_birth_day": "14",
            "date_of_birth_month": "2",
            "date_of_birth_year": "1987",
        },
    )
    assert r.status_code == 302
    assert Person.objects.filter(last_name="Smith").count() == 2


def test_it_does_not_let_an_analyst_add_victims(client_for):
    assert client_for("ana").get("/people/new/").status_code == 404
    assert client_for("ana").post("/people/new/", RUTH).status_code == 404
    assert not Person.objects.exists()
