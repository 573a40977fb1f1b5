"""A crime with several victims: one case per victim, added from the crime's page."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from tests.factories import make_person
from victimcare.audit.models import AuditEvent
from victimcare.cases.crime_services import case_add_to_crime
from victimcare.cases.models import VictimCase
from victimcare.cases.services import CaseError, CaseInput
from victimcare.people.models import Person
from victimcare.rights.models import CaseRights, Entitlement

pytestmark = pytest.mark.django_db


def _add(client, case_a, person, **data):
    post = {"role": "victim", "team": "", **data}
    return client.post(f"/crimes/{case_a.crime_id}/victims/new/{person.id}/", post)


def test_it_shows_the_crime_with_the_cases_the_user_may_see(client_for, case_a, personas):
    r = client_for("cara").get(f"/crimes/{case_a.crime_id}/")
    assert r.status_code == 200
    assert [c.id for c in r.context["cases"]] == [case_a.id]
    assert b"Add a victim to this crime" in r.content
    assert AuditEvent.objects.filter(action="view", object_type="crime", case=case_a).count() == 1


def test_it_opens_the_second_victims_case_on_the_same_crime(client_for, case_a, personas):
    child = make_person(
        personas["cara"], first_name="Ella", last_name="Smith", date_of_birth=date(2015, 6, 1)
    )
    r = _add(client_for("cara"), case_a, child, role="victim", reported_on_day="3", reported_on_month="3",
             reported_on_year="2026")  # fmt: skip
    assert r.status_code == 302
    second = VictimCase.objects.get(person=child)
    assert r["Location"] == f"/cases/{second.id}/"
    assert second.crime_id == case_a.crime_id
    assert second.caseworker == personas["cara"]  # who adds the case takes it, as when opening one
    started = second.events.get()
    assert (started.type, started.occurred_at.date()) == ("crime_reported", date(2026, 3, 3))
    # Her own rights: a child on a domestic abuse crime has enhanced rights with her own reasons.
    rights = CaseRights.objects.get(case=second)
    assert rights.enhanced and "vulnerable:under_18" in rights.reasons
    assert Entitlement.objects.filter(case=second, rule="R4_REFERRAL").exists()
    assert "vulnerable:under_18" not in CaseRights.objects.get(case=case_a).reasons
    second.refresh_from_db()
    assert second.vulnerable


def test_it_lists_the_other_victims_on_each_case_page(client_for, case_a, personas):
    child = make_person(
        personas["cara"], first_name="Ella", last_name="Smith", date_of_birth=date(2015, 6, 1)
    )
    _add(client_for("cara"), case_a, child)
    second = VictimCase.objects.get(person=child)
    page = client_for("cara").get(f"/cases/{case_a.id}/")
    assert [c.id for c in page.context["other_cases"]] == [second.id]
    assert f"/crimes/{case_a.crime_id}/".encode() in page.content
    crime_page = client_for("olly").get(f"/crimes/{case_a.crime_id}/")
    assert [c.id for c in crime_page.context["cases"]] == [case_a.id, second.id]


def test_it_shows_only_the_victims_the_user_may_see(client_for, case_a, personas):
    # cole (team South) adds a victim on his own team: cara (team North) does not see that case.
    stranger = make_person(personas["cole"], first_name="Sam", last_name="Lee")
    case_add_to_crime(
        actor=personas["olly"],
        crime=case_a.crime,
        person=stranger,
        case=CaseInput(team=_team("Victim care South")),
    )
    assert [c.id for c in client_for("cara").get(f"/crimes/{case_a.crime_id}/").context["cases"]] == [
        case_a.id
    ]
    assert client_for("cara").get(f"/cases/{case_a.id}/").context["other_cases"] == []
    assert len(client_for("sue").get(f"/crimes/{case_a.crime_id}/").context["cases"]) == 2


def test_it_refuses_a_second_case_for_the_same_person_on_the_crime(client_for, case_a):
    before = VictimCase.objects.count()
    r = _add(client_for("cara"), case_a, case_a.person)
    assert r.status_code == 200
    assert "already has a case on crime DU/00001/26" in r.content.decode()
    assert VictimCase.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_it_keeps_one_case_per_person_per_crime_in_the_database(case_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        VictimCase.objects.create(
            organisation=case_a.organisation,
            person=case_a.person,
            crime=case_a.crime,
            opened_at=case_a.opened_at,
        )
    assert VictimCase.objects.filter(person=case_a.person, crime=case_a.crime).count() == 1


def test_it_refuses_a_date_before_the_crime_was_reported(client_for, case_a, personas):
    child = make_person(personas["cara"], first_name="Ella", last_name="Smith")
    r = _add(
        client_for("cara"), case_a, child, reported_on_day="1", reported_on_month="1", reported_on_year="2026"
    )
    assert r.status_code == 200
    assert "on or after the crime was reported (2 March 2026)" in r.content.decode()
    assert not VictimCase.objects.filter(person=child).exists()


def test_it_refuses_another_forces_officer(personas, case_other):
    person = make_person(personas["cara"], first_name="Ella", last_name="Smith")
    with pytest.raises(CaseError) as refused:
        case_add_to_crime(actor=personas["olly"], crime=case_other.crime, person=person, case=CaseInput())
    assert refused.value.field == "crime"


def test_it_finds_the_person_or_adds_a_new_one_who_then_joins_the_crime(client_for, case_a):
    client = client_for("cara")
    found = client.get(f"/crimes/{case_a.crime_id}/victims/new/", {"q": "Smith"})
    assert found.status_code == 200
    assert [p.id for p in found.context["result"].people] == [case_a.person_id]
    assert b"Already a victim of this crime" in found.content
    assert f"/people/new/?crime={case_a.crime_id}".encode() in found.content
    new = {"first_name": "Ella", "last_name": "Jones", "date_of_birth_day": "1", "date_of_birth_month": "6",
           "date_of_birth_year": "2015"}  # fmt: skip
    r = client.post(f"/people/new/?crime={case_a.crime_id}", new)
    ella = Person.objects.get(last_name="Jones")
    assert r.status_code == 302 and r["Location"] == f"/crimes/{case_a.crime_id}/victims/new/{ella.id}/"


def test_it_warns_of_a_possible_duplicate_and_offers_to_add_them_to_the_crime(client_for, case_a, personas):
    # Tom Baker is known (no case yet) to cara's organisation; typing him again on the crime warns.
    tom = make_person(personas["cara"], first_name="Tom", last_name="Baker", date_of_birth=date(1990, 5, 1))
    r = client_for("cara").post(
        f"/people/new/?crime={case_a.crime_id}",
        {"first_name": "Tom", "last_name": "Baker", "date_of_birth_day": "1", "date_of_birth_month": "5",
         "date_of_birth_year": "1990"},
    )  # fmt: skip
    assert r.status_code == 200
    assert r.context["duplicates"] == [tom]
    assert f"/crimes/{case_a.crime_id}/victims/new/{tom.id}/".encode() in r.content
    assert Person.objects.filter(last_name="Baker").count() == 1


@pytest.mark.parametrize("persona", ["cole", "wendy", "pat", "otto", "ana"])
def test_it_refuses_to_add_a_victim_out_of_scope(client_for, case_a, personas, persona):
    person = make_person(personas["cara"], first_name="Ella", last_name="Smith")
    before = VictimCase.objects.count()
    assert _add(client_for(persona), case_a, person).status_code == 404
    assert VictimCase.objects.count() == before


def test_it_points_a_repeated_reference_to_the_crime_page(personas, case_a):
    from tests.factories import make_case

    with pytest.raises(CaseError) as refused:
        make_case(personas["cara"], reference="DU/00001/26")
    assert "Add a victim to this crime" in refused.value.message


def _team(name: str):
    from victimcare.accounts.models import Team

    return Team.objects.get(name=name)
