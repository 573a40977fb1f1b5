"""The Home Office outcome is an event: staff choose it by name, the API and imports record it
through event_record, and the crime carries the latest one."""

from __future__ import annotations

import pytest

from tests.factories import local, make_person
from victimcare.cases.crime_services import case_add_to_crime, crime_outcome_record
from victimcare.cases.models import Crime, Event, EventSource
from victimcare.cases.services import CaseError, CaseInput, event_record
from victimcare.rights.models import Entitlement

pytestmark = pytest.mark.django_db

FORM = "/cases/{case}/events/new/?type=outcome_recorded"


def _when(day: int = 20) -> dict[str, str]:
    return {"occurred_on_day": str(day), "occurred_on_month": "3", "occurred_on_year": "2026"}


def test_it_offers_the_real_outcome_names(client_for, case_a):
    r = client_for("olly").get(FORM.format(case=case_a.id))
    assert r.status_code == 200
    page = r.content.decode()
    assert "<select" in page
    assert "Investigation complete, no suspect identified" in page
    assert "Evidential difficulties, suspect identified, victim does not support further action" in page


def test_it_records_the_outcome_and_the_crime_carries_it(client_for, case_a):
    r = client_for("olly").post(FORM.format(case=case_a.id), {**_when(), "p_outcome_type": "18"})
    assert r.status_code == 302
    event = case_a.events.get(type="outcome_recorded")
    assert event.payload == {"outcome_type": 18}
    crime = Crime.objects.get(pk=case_a.crime_id)
    assert (crime.outcome_type, crime.outcome_at) == (18, event.occurred_at)
    # Right 6: the victim must be told the investigation closed (enhanced: 1 working day).
    owed = Entitlement.objects.get(case=case_a, rule="R6_CASE_CLOSED")
    assert owed.trigger_id == event.id


def test_it_shows_the_outcome_by_name_on_the_timeline(client_for, case_a):
    client_for("olly").post(FORM.format(case=case_a.id), {**_when(), "p_outcome_type": "18"})
    page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert "Crime outcome" in page
    assert "Investigation complete, no suspect identified" in page


def test_it_corrects_the_crime_when_the_outcome_event_is_corrected(client_for, case_a):
    client = client_for("olly")
    client.post(FORM.format(case=case_a.id), {**_when(), "p_outcome_type": "14"})
    first = case_a.events.get(type="outcome_recorded")
    r = client.post(FORM.format(case=case_a.id), {**_when(21), "p_outcome_type": "16", "corrects": first.id})
    assert r.status_code == 302
    crime = Crime.objects.get(pk=case_a.crime_id)
    assert crime.outcome_type == 16 and crime.outcome_at.date().day == 21


def test_it_gives_the_crime_the_latest_outcome_on_any_victims_case(personas, case_a):
    son = make_person(personas["cara"], first_name="Ben", last_name="Smith")
    second = case_add_to_crime(actor=personas["cara"], crime=case_a.crime, person=son, case=CaseInput())
    event_record(actor=personas["olly"], case=case_a, type="outcome_recorded", occurred_at=local(2026, 3, 20, 9, 0),
                 payload={"outcome_type": 15})  # fmt: skip
    event_record(actor=None, actor_label="Police records feed", case=second, type="outcome_recorded",
                 occurred_at=local(2026, 3, 10, 9, 0), payload={"outcome_type": 18}, source=EventSource.IMPORT)  # fmt: skip
    assert Crime.objects.get(pk=case_a.crime_id).outcome_type == 15  # 20 March is later than 10 March
    event_record(actor=None, actor_label="Partner system", case=second, type="outcome_recorded",
                 occurred_at=local(2026, 3, 25, 9, 0), payload={"outcome_type": 1}, source=EventSource.API)  # fmt: skip
    assert Crime.objects.get(pk=case_a.crime_id).outcome_type == 1


@pytest.mark.parametrize("value", ["23", "abc", ""])
def test_it_refuses_an_outcome_that_is_not_one_of_the_list(client_for, case_a, value):
    r = client_for("olly").post(FORM.format(case=case_a.id), {**_when(), "p_outcome_type": value})
    assert r.status_code == 200
    assert "govuk-error-message" in r.content.decode()
    assert not case_a.events.filter(type="outcome_recorded").exists()
    assert Crime.objects.get(pk=case_a.crime_id).outcome_type is None


@pytest.mark.parametrize("value", [23, -1, "18", True, None])
def test_it_refuses_a_bad_outcome_from_the_api(personas, case_a, value):
    with pytest.raises(CaseError) as refused:
        event_record(actor=None, actor_label="Partner system", case=case_a, type="outcome_recorded",
                     occurred_at=local(2026, 3, 20, 9, 0), payload={"outcome_type": value}, source=EventSource.API)  # fmt: skip
    assert refused.value.field == "outcome_type"
    assert not Event.objects.filter(type="outcome_recorded").exists()


def test_it_records_the_outcome_for_every_victim_from_the_crime_page(client_for, personas, case_a):
    son = make_person(personas["cara"], first_name="Ben", last_name="Smith")
    second = case_add_to_crime(actor=personas["cara"], crime=case_a.crime, person=son, case=CaseInput())
    event_record(actor=personas["olly"], case=case_a, type="outcome_recorded", occurred_at=local(2026, 3, 20, 9, 0),
                 payload={"outcome_type": 18})  # fmt: skip
    page = client_for("olly").get(f"/crimes/{case_a.crime_id}/")
    assert page.context["cases_with_outcome"] == {case_a.id}  # Ben's timeline does not have it yet
    r = client_for("olly").post(f"/crimes/{case_a.crime_id}/outcome/", {**_when(), "outcome_type": "18"})
    assert r.status_code == 302
    assert [e.payload for e in second.events.filter(type="outcome_recorded")] == [{"outcome_type": 18}]
    assert case_a.events.filter(type="outcome_recorded").count() == 1  # Jane's already had it
    assert Entitlement.objects.filter(case=second, rule="R6_CASE_CLOSED").exists()


def test_it_says_when_every_victim_already_has_the_outcome(client_for, personas, case_a):
    crime_outcome_record(actor=personas["olly"], crime=case_a.crime, outcome_type=18,
                         occurred_at=local(2026, 3, 20, 9, 0))  # fmt: skip
    r = client_for("olly").post(f"/crimes/{case_a.crime_id}/outcome/", {**_when(), "outcome_type": "18"})
    assert r.status_code == 200
    assert "already has this outcome" in r.content.decode()
    assert case_a.events.filter(type="outcome_recorded").count() == 1


def test_it_refuses_a_missing_outcome_on_the_crime_outcome_form(client_for, case_a):
    r = client_for("olly").post(f"/crimes/{case_a.crime_id}/outcome/", _when())
    assert r.status_code == 200
    assert "Choose the outcome" in r.content.decode()
    assert not Event.objects.filter(type="outcome_recorded").exists()


@pytest.mark.parametrize("persona", ["cole", "wendy", "pat", "otto"])
def test_it_refuses_to_record_the_crimes_outcome_out_of_scope(client_for, case_a, persona):
    r = client_for(persona).post(f"/crimes/{case_a.crime_id}/outcome/", {**_when(), "outcome_type": "18"})
    assert r.status_code == 404
    assert not Event.objects.filter(type="outcome_recorded").exists()
