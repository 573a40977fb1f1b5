"""Recording the crime and opening the victim's case: the timeline starts with the report;
a crime reference already used is refused, and a failed save leaves nothing half-written."""

from __future__ import annotations

import pytest

from tests.factories import local, make_person
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import Crime, Event, VictimCase
from victimcare.cases.services import CaseError, CaseInput, CrimeInput, case_open

pytestmark = pytest.mark.django_db


def crime_form(**changes):
    data = {
        "crime_reference": "du/55555/26",
        "ho_offence_code": "8N",
        "crime_type": "Violence and sexual offences",
        "occurred_on_day": "1",
        "occurred_on_month": "3",
        "occurred_on_year": "2026",
        "reported_on_day": "2",
        "reported_on_month": "3",
        "reported_on_year": "2026",
        "reported_time": "09:15",
        "flags": ["domestic_abuse", "weapons_offence"],
        "lsoa_code": "e01020649",
        "role": "victim",
    }
    data.update(changes)
    return data


def test_it_opens_a_case_with_the_crime_reported_on_the_timeline(client_for, personas):
    person = make_person(personas["cara"])
    r = client_for("cara").post(f"/cases/new/for/{person.id}/", crime_form())
    vcase = VictimCase.objects.get(person=person)
    assert r.status_code == 302 and r["Location"] == f"/cases/{vcase.id}/"
    assert vcase.crime.crime_reference == "DU/55555/26"
    assert vcase.crime.force.name == "Durham Constabulary"
    assert vcase.crime.flags == ["domestic_abuse", "weapons_offence"]
    assert vcase.crime.lsoa_code == "E01020649"
    assert vcase.caseworker == personas["cara"]
    assert vcase.organisation.name == "Durham Police and Crime Commissioner"
    reported = vcase.events.get()
    assert reported.type == "crime_reported" and reported.occurred_at == local(2026, 3, 2, 9, 15)
    assert AuditEvent.objects.filter(case=vcase, object_type="victimcase", action="create").exists()


def test_it_makes_the_officer_the_officer_in_charge(client_for, personas):
    person = make_person(personas["olly"])
    client_for("olly").post(f"/cases/new/for/{person.id}/", crime_form())
    vcase = VictimCase.objects.get(person=person)
    assert vcase.officer_in_charge == personas["olly"] and vcase.caseworker is None


def test_it_refuses_a_crime_reference_already_recorded_and_keeps_the_form(client_for, personas, case_a):
    person = make_person(personas["cara"], first_name="Ann", last_name="Other")
    before = (Crime.objects.count(), VictimCase.objects.count(), Event.objects.count())
    r = client_for("cara").post(f"/cases/new/for/{person.id}/", crime_form(crime_reference="du/00001/26"))
    assert r.status_code == 200
    body = r.content.decode()
    assert "Crime reference DU/00001/26 is already recorded" in body
    assert 'value="E01020649"' in body or 'value="e01020649"' in body
    assert (Crime.objects.count(), VictimCase.objects.count(), Event.objects.count()) == before


def test_it_writes_nothing_when_a_later_step_fails(personas, monkeypatch):
    """case_open is one transaction: if the first event cannot be written, no crime or case remains."""
    import victimcare.cases.services as services

    person = make_person(personas["cara"])

    def broken(**kwargs):
        raise CaseError("type", "simulated failure")

    monkeypatch.setattr(services, "event_record", broken)
    with pytest.raises(CaseError):
        case_open(
            actor=personas["cara"],
            person=person,
            crime=CrimeInput(
                crime_reference="DU/77777/26",
                ho_offence_code="8N",
                crime_type="Burglary",
                reported_at=local(2026, 3, 2, 9, 0),
            ),
            case=CaseInput(),
        )
    assert not Crime.objects.filter(crime_reference="DU/77777/26").exists()
    assert not VictimCase.objects.filter(person=person).exists()


def test_it_checks_the_dates_and_the_vocabularies(client_for, personas):
    person = make_person(personas["cara"])
    client = client_for("cara")
    r = client.post(f"/cases/new/for/{person.id}/", crime_form(occurred_on_day="5", ho_offence_code="XX"))
    body = r.content.decode()
    assert "Select a valid choice" in body
    r = client.post(f"/cases/new/for/{person.id}/", crime_form(occurred_on_day="5"))
    assert "must be on or before the date it was reported" in r.content.decode()
    r = client.post(f"/cases/new/for/{person.id}/", crime_form(lsoa_code="DH1 3LE"))
    assert "Enter an LSOA code like E01012345" in r.content.decode()
    assert not VictimCase.objects.filter(person=person).exists()


def test_it_changes_the_contact_agreement(client_for, personas, case_a):
    r = client_for("cara").post(
        f"/cases/{case_a.id}/edit/",
        {
            "contact_frequency": "fortnightly",
            "contact_channel": "phone",
            "caseworker": personas["cara"].id,
            "officer_in_charge": personas["olly"].id,
            "contact_notes": "After 6pm only",
        },
    )
    assert r.status_code == 302
    case_a.refresh_from_db()
    assert case_a.contact_frequency == "fortnightly" and case_a.contact_channel == "phone"
    row = AuditEvent.objects.get(case=case_a, action="update")
    assert set(row.changes) == {"contact_frequency", "contact_channel", "contact_notes", "team"}


def test_it_puts_a_police_team_on_the_crime_and_a_victim_care_team_on_the_case(client_for, personas):
    from victimcare.accounts.models import Team

    city, north = Team.objects.get(name="Durham City"), Team.objects.get(name="Victim care North")
    first, second = make_person(personas["olly"]), make_person(personas["olly"], first_name="Kim")
    client = client_for("olly")
    client.post(f"/cases/new/for/{first.id}/", crime_form(crime_reference="DU/1/26", team=north.id))
    client.post(f"/cases/new/for/{second.id}/", crime_form(crime_reference="DU/2/26", team=city.id))
    by_north, by_city = VictimCase.objects.get(person=first), VictimCase.objects.get(person=second)
    assert (by_north.team, by_north.crime.team) == (north, city)  # the officer's own team holds the crime
    assert (by_city.team, by_city.crime.team) == (None, city)
    r = client.get(f"/cases/?team={city.id}")
    assert {c.id for c in r.context["page"].object_list} == {by_north.id, by_city.id}


def test_it_answers_a_reference_the_same_whether_or_not_the_user_can_see_its_crime(
    client_for, personas, case_a, case_b
):
    """cole (team South) cannot see case_a; cara can. Neither answer names a force or a victim."""
    answers = []
    for who, reference in (("cara", case_a.crime.crime_reference), ("cole", case_a.crime.crime_reference)):
        person = make_person(personas[who], first_name="Ann", last_name=f"Other{who}")
        r = client_for(who).post(f"/cases/new/for/{person.id}/", crime_form(crime_reference=reference))
        answers.append(r.context["form"].errors["crime_reference"])
    assert answers[0] == answers[1]
    assert "Durham" not in answers[0][0] and case_a.person.last_name not in answers[0][0]


def test_it_limits_how_many_recorded_references_a_user_may_try(client_for, personas, case_a):
    from victimcare.cases.views import REFERENCE_TRIES, TOO_MANY_REFERENCES

    client = client_for("cole")
    person = make_person(personas["cole"], first_name="Ann", last_name="Prober")
    for _ in range(REFERENCE_TRIES):
        r = client.post(
            f"/cases/new/for/{person.id}/", crime_form(crime_reference=case_a.crime.crime_reference)
        )
        assert TOO_MANY_REFERENCES not in r.content.decode()
    # Now even a reference nobody has recorded is refused until the hour is up, so the answer
    # tells a prober nothing more.
    r = client.post(f"/cases/new/for/{person.id}/", crime_form(crime_reference="DU/77777/26"))
    assert TOO_MANY_REFERENCES in r.content.decode()
    assert not VictimCase.objects.filter(person=person).exists()
    # Another user is not held back by cole's tries.
    other = make_person(personas["cara"], first_name="Bea", last_name="Fresh")
    r = client_for("cara").post(f"/cases/new/for/{other.id}/", crime_form(crime_reference="DU/77777/26"))
    assert r.status_code == 302
