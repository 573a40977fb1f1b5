"""The staff pages issue a fixed number of queries, however many cases, events or results there are.

Each test measures a page at a small size, grows the data, and measures again: an N+1 shows as
a count that grows with the data.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import local, make_case, make_person
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def add_cases(personas, count: int, *, surname: str = "Smith") -> list[VictimCase]:
    cara = personas["cara"]
    return [
        make_case(cara, person=make_person(cara, first_name=f"Ann{n}", last_name=surname),
                  team="Victim care North", caseworker=cara, officer_in_charge=personas["olly"],
                  flags=("domestic_abuse",) if n % 2 else ())
        for n in range(count)
    ]  # fmt: skip


def add_events(personas, case: VictimCase, count: int) -> None:
    """Pairs of an informable event and the victim_informed that answers it."""
    for n in range(count // 2):
        arrested = event_record(actor=personas["olly"], case=case, type="suspect_arrested",
                                occurred_at=local(2026, 3, 3, 9, n))  # fmt: skip
        event_record(actor=personas["cara"], case=case, type="victim_informed", about=arrested,
                     payload={"channel": "phone"}, occurred_at=local(2026, 3, 4, 9, n))  # fmt: skip


@pytest.mark.parametrize("username", ["cara", "sue"])
def test_it_lists_the_caseload_in_a_fixed_number_of_queries(personas, client_for, username):
    client = client_for(username)
    add_cases(personas, 5)
    small = [queries(client, "/cases/"), queries(client, "/cases/?flag=domestic_abuse&sort=name")]
    add_cases(personas, 55)
    large = [queries(client, "/cases/"), queries(client, "/cases/?flag=domestic_abuse&sort=name")]
    assert large == small
    assert queries(client, "/cases/?page=3") == small[0]


@pytest.mark.parametrize("username", ["cara", "sue"])
def test_it_searches_in_a_fixed_number_of_queries(personas, client_for, username):
    client = client_for(username)
    cases = add_cases(personas, 5)
    reference = cases[0].crime.crime_reference
    urls = ["/cases/search/?q=smith", "/cases/search/?q=14/02/1987", f"/cases/search/?q={reference}"]
    small = [queries(client, url) for url in urls]
    add_cases(personas, 55)
    assert [queries(client, url) for url in urls] == small


@pytest.mark.parametrize("username", ["cara", "sue"])
def test_it_shows_a_case_in_a_fixed_number_of_queries(personas, client_for, username):
    client = client_for(username)
    short, long = add_cases(personas, 2)
    add_events(personas, short, 2)
    add_events(personas, long, 40)
    assert queries(client, f"/cases/{long.id}/") == queries(client, f"/cases/{short.id}/")


@pytest.mark.parametrize("username", ["cara", "sue"])
def test_it_shows_a_person_in_a_fixed_number_of_queries(personas, client_for, username):
    client = client_for(username)
    one, many = add_cases(personas, 2)
    for _ in range(11):
        make_case(personas["cara"], person=many.person, team="Victim care North", caseworker=personas["cara"])
    assert queries(client, f"/people/{many.person_id}/") == queries(client, f"/people/{one.person_id}/")
