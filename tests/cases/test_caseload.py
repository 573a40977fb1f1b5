"""The caseload: filters, sorting and pages over the cases the user may see."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import local, make_case, make_person
from victimcare.cases.events import Stage
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def sues_cases(personas, case_a, case_b, case_court):
    return {"a": case_a, "b": case_b, "court": case_court}


def ids(response):
    return [c.id for c in response.context["page"].object_list]


def test_it_filters_by_stage(client_for, sues_cases):
    r = client_for("sue").get(f"/cases/?stage={Stage.COURT.value}")
    assert ids(r) == [sues_cases["court"].id]


def test_it_filters_by_team(client_for, sues_cases):
    from victimcare.accounts.models import Team

    north = Team.objects.get(name="Victim care North")
    r = client_for("sue").get(f"/cases/?team={north.id}")
    assert ids(r) == [sues_cases["a"].id]


def test_it_filters_by_flags(client_for, sues_cases):
    assert ids(client_for("sue").get("/cases/?flag=domestic_abuse")) == [sues_cases["a"].id]
    # Amir Khan was 16 when the crime happened: a vulnerable victim under the Code.
    assert ids(client_for("sue").get("/cases/?flag=vulnerable")) == [sues_cases["court"].id]
    assert ids(client_for("cole").get("/cases/?flag=mine")) == [sues_cases["b"].id]


def test_it_sorts_by_surname_and_by_activity(client_for, personas, sues_cases):
    by_name = ids(client_for("sue").get("/cases/?sort=name"))
    assert by_name == [sues_cases["b"].id, sues_cases["court"].id, sues_cases["a"].id]  # Baker, Khan, Smith
    event_record(
        actor=personas["cara"],
        case=sues_cases["a"],
        type="contact_made",
        occurred_at=local(2026, 3, 20, 9, 0),
        payload={"channel": "phone"},
    )
    assert ids(client_for("sue").get("/cases/?sort=-last_event"))[0] == sues_cases["a"].id


def test_it_pages_the_caseload(client_for, personas, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        person = make_person(
            personas["cara"], first_name=f"P{n}", last_name="Page", date_of_birth=date(1980, 1, n + 1)
        )
        make_case(personas["cara"], person=person, team="Victim care North")
    client = client_for("cara")
    first, last = client.get("/cases/"), client.get("/cases/?page=3")
    assert first.context["page"].paginator.count == 5
    assert len(ids(first)) == 2 and len(ids(last)) == 1
    assert set(ids(first)).isdisjoint(ids(last))
    assert client.get("/cases/?page=99").status_code == 200  # past the end: the last page, not an error


def test_it_says_which_filter_is_wrong_and_shows_every_case(client_for, sues_cases):
    r = client_for("sue").get("/cases/?stage=banana&sort=nonsense")
    assert r.status_code == 200
    assert b"Select a valid choice" in r.content
    assert len(ids(r)) == 3
