"""Finding a victim by name, date of birth or crime reference, within scope only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def people(response):
    return [p.full_name for p in response.context["result"].people]


def test_it_finds_by_surname_prefix_and_full_name(client_for, case_a, case_b):
    client = client_for("sue")
    assert people(client.get("/cases/search/?q=smi")) == ["Jane Smith"]
    assert people(client.get("/cases/search/?q=jane smith")) == ["Jane Smith"]
    assert people(client.get("/cases/search/?q=Smith Jane")) == ["Jane Smith"]
    assert people(client.get("/cases/search/?q=BAKER")) == ["Tom Baker"]


def test_it_finds_by_date_of_birth(client_for, case_a):
    assert people(client_for("cara").get("/cases/search/?q=14/02/1987")) == ["Jane Smith"]
    assert people(client_for("cara").get("/cases/search/?q=1987-02-14")) == ["Jane Smith"]


def test_it_finds_by_crime_reference(client_for, case_a):
    r = client_for("olly").get("/cases/search/?q=du/00001")
    assert r.context["result"].kind == "crime_reference"
    assert people(r) == ["Jane Smith"]
    assert [c.id for c in r.context["result"].people[0].visible_cases] == [case_a.id]


def test_it_finds_nobody_outside_the_users_scope(client_for, case_a, case_other):
    # Both victims are called Jane Smith, born the same day; cara sees only her own.
    assert people(client_for("cara").get("/cases/search/?q=jane smith")) == ["Jane Smith"]
    r = client_for("cole").get("/cases/search/?q=jane smith")
    assert people(r) == []
    assert people(client_for("cole").get("/cases/search/?q=CL/00001")) == []


def test_it_asks_for_something_to_search_for(client_for):
    r = client_for("cara").get("/cases/search/?q=")
    assert r.status_code == 200
    assert b"Enter name, date of birth or crime reference" in r.content
