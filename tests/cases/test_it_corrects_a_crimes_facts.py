"""Crime facts changed after opening are audited corrections on every linked case's timeline,
and every linked case's entitlements are recomputed in the same transaction."""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest

from tests.factories import local, make_person
from victimcare.audit.models import AuditEvent
from victimcare.cases.crime_services import case_add_to_crime, crime_correct
from victimcare.cases.models import Crime, Event
from victimcare.cases.services import CaseError, CaseInput, event_record
from victimcare.rights.models import CaseRights, Entitlement

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(personas, case_a):
    """case_a (Jane Smith, domestic abuse) and her adult son's case on the same crime."""
    son = make_person(personas["cara"], first_name="Ben", last_name="Smith", date_of_birth=date(2000, 1, 1))
    second = case_add_to_crime(
        actor=personas["cara"],
        crime=case_a.crime,
        person=son,
        case=CaseInput(),
        reported_at=local(2026, 3, 2, 10, 0),
    )
    return case_a, second


def _form(crime: Crime, **changes: object) -> dict[str, object]:
    reported = crime.reported_at.astimezone(local(2026, 1, 1).tzinfo)
    data: dict[str, object] = {
        "ho_offence_code": crime.ho_offence_code,
        "crime_type": crime.crime_type,
        "flags": crime.flags,
        "lsoa_code": crime.lsoa_code,
        "lsoa_name": crime.lsoa_name,
        "reported_on_day": reported.day,
        "reported_on_month": reported.month,
        "reported_on_year": reported.year,
        "reported_time": reported.strftime("%H:%M"),
        "reason": "The officer recorded the wrong flag",
    }
    data.update(changes)
    return data


def test_it_removes_a_flag_and_recomputes_every_victims_rights(client_for, household):
    first, second = household
    assert CaseRights.objects.get(case=second).enhanced  # domestic abuse: enhanced for both
    r = client_for("olly").post(f"/crimes/{first.crime_id}/correct/", _form(first.crime, flags=[]))
    assert r.status_code == 302 and r["Location"] == f"/crimes/{first.crime_id}/"
    crime = Crime.objects.get(pk=first.crime_id)
    assert not crime.domestic_abuse
    for vcase in household:
        corrected = vcase.events.get(type="crime_facts_corrected")
        assert corrected.payload == {
            "changed": "Crime flags: Domestic abuse removed",
            "reason": "The officer recorded the wrong flag",
        }
        assert not CaseRights.objects.get(case=vcase).enhanced
    audit = AuditEvent.objects.get(action="update", object_type="crime")
    assert audit.changes == {"flags": [["domestic_abuse"], []]}
    assert audit.detail == "Correction: The officer recorded the wrong flag"


def test_it_adds_a_flag_and_shortens_the_right_6_clock(personas, case_b):
    event_record(
        actor=personas["cole"], case=case_b, type="suspect_arrested", occurred_at=local(2026, 3, 3, 9, 0)
    )
    due = Entitlement.objects.get(case=case_b, rule="R6_ARREST").due
    assert due == date(2026, 3, 10)  # 5 working days
    crime_correct(
        actor=personas["cole"], crime=case_b.crime, changes={"flags": ["hate_crime"]}, reason="Hate crime"
    )
    assert Entitlement.objects.get(case=case_b, rule="R6_ARREST").due == date(2026, 3, 4)  # 1 working day


def test_it_corrects_the_reported_date_on_the_cases_that_started_then(personas, household):
    first, _ = household
    crime_correct(
        actor=personas["olly"],
        crime=first.crime,
        changes={"reported_at": local(2026, 3, 4, 9, 0)},
        reason="Typo",
    )
    for vcase in household:
        started = vcase.events.filter(type="crime_reported").order_by("id")
        assert [e.occurred_at for e in started] == [local(2026, 3, 2, 10, 0), local(2026, 3, 4, 9, 0)]
        assert started[1].corrects_id == started[0].id
        assert Entitlement.objects.get(case=vcase, rule="R4_REFERRAL").due == date(2026, 3, 6)


def test_it_corrects_the_outcome_on_every_case(personas, household):
    first, second = household
    event_record(actor=personas["olly"], case=first, type="outcome_recorded", occurred_at=local(2026, 3, 20, 10, 0),
                 payload={"outcome_type": 14})  # fmt: skip
    crime = crime_correct(actor=personas["olly"], crime=first.crime, reason="Suspect was identified",
                          changes={"outcome_type": 16, "outcome_at": local(2026, 3, 20, 10, 0)})  # fmt: skip
    assert (crime.outcome_type, crime.outcome_at) == (16, local(2026, 3, 20, 10, 0))
    replaced = first.events.filter(type="outcome_recorded").order_by("id")
    assert [(e.payload["outcome_type"], e.corrects_id) for e in replaced] == [
        (14, None),
        (16, replaced[0].id),
    ]
    assert second.events.get(type="outcome_recorded").payload == {"outcome_type": 16}


def test_it_refuses_without_a_reason_and_changes_nothing(client_for, household):
    first, _ = household
    r = client_for("olly").post(f"/crimes/{first.crime_id}/correct/", _form(first.crime, flags=[], reason=""))
    assert r.status_code == 200
    assert "Enter why the crime" in r.content.decode()
    assert Crime.objects.get(pk=first.crime_id).domestic_abuse
    assert not Event.objects.filter(type="crime_facts_corrected").exists()


def test_it_says_when_nothing_was_changed(client_for, household):
    first, _ = household
    r = client_for("olly").post(f"/crimes/{first.crime_id}/correct/", _form(first.crime))
    assert r.status_code == 200
    assert "Nothing was changed" in r.content.decode()
    assert not Event.objects.filter(type="crime_facts_corrected").exists()


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"ho_offence_code": "XYZ"}, "Select a valid choice"),
        ({"lsoa_code": "nowhere"}, "Enter an LSOA code like E01012345"),
        ({"occurred_on_day": "5", "occurred_on_month": "3", "occurred_on_year": "2026"}, "on or before the date"),
        ({"outcome_type": "23", "outcome_on_day": "5", "outcome_on_month": "3", "outcome_on_year": "2026"},
         "Select a valid choice"),
        ({"outcome_type": "18"}, "Enter the date of the outcome"),
    ],
)  # fmt: skip
def test_it_refuses_bad_facts_on_the_field_and_changes_nothing(client_for, household, changes, field_message):
    first, _ = household
    r = client_for("olly").post(f"/crimes/{first.crime_id}/correct/", _form(first.crime, **changes))
    assert r.status_code == 200
    assert field_message in r.content.decode()
    assert not Event.objects.filter(type__in=["crime_facts_corrected", "outcome_recorded"]).exists()


@pytest.mark.django_db(transaction=True)
def test_it_corrects_all_the_cases_or_none(personas, household):
    first, second = household
    real = event_record

    def fail_on_the_second_case(**kwargs):
        if kwargs["case"].id == second.id:
            raise RuntimeError("the database went away")
        return real(**kwargs)

    with (
        mock.patch("victimcare.cases.crime_services.event_record", side_effect=fail_on_the_second_case),
        pytest.raises(RuntimeError),
    ):
        crime_correct(actor=personas["olly"], crime=first.crime, changes={"flags": []}, reason="Wrong flag")
    assert Crime.objects.get(pk=first.crime_id).domestic_abuse
    assert not Event.objects.filter(type="crime_facts_corrected").exists()
    assert CaseRights.objects.get(case=first).enhanced
    assert not AuditEvent.objects.filter(object_type="crime", action="update").exists()


def test_it_refuses_to_remove_an_outcome(personas, case_a):
    event_record(actor=personas["olly"], case=case_a, type="outcome_recorded", occurred_at=local(2026, 3, 20, 10, 0),
                 payload={"outcome_type": 18})  # fmt: skip
    with pytest.raises(CaseError) as refused:
        crime_correct(
            actor=personas["olly"], crime=case_a.crime, changes={"outcome_type": None}, reason="Oops"
        )
    assert refused.value.field == "outcome_type"


@pytest.mark.parametrize("persona", ["cole", "wendy", "pat", "otto"])
def test_it_refuses_a_correction_out_of_scope(client_for, case_a, persona):
    r = client_for(persona).post(f"/crimes/{case_a.crime_id}/correct/", _form(case_a.crime, flags=[]))
    assert r.status_code == 404
    assert Crime.objects.get(pk=case_a.crime_id).domestic_abuse
