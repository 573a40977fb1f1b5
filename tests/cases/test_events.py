"""Recording events on the timeline: validated per type, append-only, audited."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from tests.factories import local
from victimcare.audit.chain import erasure_permit
from victimcare.audit.models import AuditEvent
from victimcare.cases.events import Stage
from victimcare.cases.models import AppendOnlyError, Event
from victimcare.cases.services import CaseError, event_record

pytestmark = pytest.mark.django_db


def post_event(client, case, type_, **fields):
    data = {
        "occurred_on_day": "4",
        "occurred_on_month": "3",
        "occurred_on_year": "2026",
        "occurred_time": "14:30",
    }
    data.update(fields)
    return client.post(f"/cases/{case.id}/events/new/?type={type_}", data)


def test_it_records_an_arrest_and_moves_the_case_on(client_for, case_a):
    r = post_event(client_for("olly"), case_a, "suspect_arrested", notes="Arrested at home address")
    assert r.status_code == 302 and r["Location"] == f"/cases/{case_a.id}/"
    event = case_a.events.get(type="suspect_arrested")
    assert event.occurred_at == local(2026, 3, 4, 14, 30)
    assert event.source == "staff" and event.actor.username == "olly"
    case_a.refresh_from_db()
    assert case_a.stage == Stage.INVESTIGATION
    assert AuditEvent.objects.filter(
        object_type="event", object_id=str(event.id), person=case_a.person
    ).exists()


def test_it_records_that_the_victim_was_told_about_the_arrest(client_for, case_a):
    client = client_for("cara")
    post_event(client, case_a, "suspect_arrested")
    arrest = case_a.events.get(type="suspect_arrested")
    r = post_event(
        client, case_a, "victim_informed", about=arrest.id, p_channel="phone", p_summary="Told by phone"
    )
    assert r.status_code == 302
    told = case_a.events.get(type="victim_informed")
    assert told.about == arrest
    assert told.payload == {"channel": "phone", "summary": "Told by phone"}


def test_it_requires_the_event_the_victim_was_told_about(client_for, case_a):
    r = post_event(client_for("cara"), case_a, "victim_informed", p_channel="phone")
    assert r.status_code == 200
    assert b"govuk-error-summary" in r.content
    assert not case_a.events.filter(type="victim_informed").exists()


def test_it_refuses_an_about_from_another_case(client_for, case_a, case_b):
    other = event_record(
        actor=None,
        actor_label="test",
        case=case_b,
        type="suspect_arrested",
        occurred_at=local(2026, 3, 3, 9, 0),
    )
    r = post_event(client_for("sue"), case_a, "victim_informed", about=other.id, p_channel="phone")
    assert r.status_code == 200
    assert not case_a.events.filter(type="victim_informed").exists()


def test_it_refuses_an_about_of_the_wrong_type_in_the_service(personas, case_a):
    reported = case_a.events.get(type="crime_reported")
    with pytest.raises(CaseError) as err:
        event_record(
            actor=personas["cara"],
            case=case_a,
            type="vrr_acknowledged",
            about=reported,
            occurred_at=local(2026, 3, 5, 9, 0),
        )
    assert err.value.field == "about"


def test_it_validates_the_payload_for_each_type(client_for, case_a):
    r = post_event(client_for("olly"), case_a, "offender_sentenced", p_custodial_months="-3")
    assert r.status_code == 200
    assert b"Ensure this value is greater than or equal to 0" in r.content
    r = post_event(
        client_for("olly"),
        case_a,
        "offender_sentenced",
        p_custodial_months="18",
        p_specified_violent_or_sexual="yes",
        p_hospital_order="no",
    )
    assert r.status_code == 302
    assert case_a.events.get(type="offender_sentenced").payload == {
        "custodial_months": 18,
        "specified_violent_or_sexual": True,
        "hospital_order": False,
    }


def test_it_keeps_what_was_typed_when_the_date_is_wrong(client_for, case_a):
    r = post_event(
        client_for("olly"),
        case_a,
        "hearing_listed",
        occurred_on_day="31",
        occurred_on_month="2",
        p_court="Durham Crown Court",
    )
    assert r.status_code == 200
    assert b"Date must be a real date" in r.content
    assert b'value="Durham Crown Court"' in r.content or b"Durham Crown Court</textarea>" in r.content
    assert not case_a.events.filter(type="hearing_listed").exists()


def test_it_refuses_a_date_in_the_future(client_for, case_a):
    r = post_event(client_for("olly"), case_a, "suspect_arrested", occurred_on_year="2099")
    assert r.status_code == 200
    assert b"must be today or in the past" in r.content


def test_it_records_a_correction_as_a_new_event(client_for, case_a):
    client = client_for("olly")
    post_event(client, case_a, "suspect_arrested", occurred_on_day="4")
    wrong = case_a.events.get(type="suspect_arrested")
    r = post_event(
        client,
        case_a,
        "suspect_arrested",
        occurred_on_day="5",
        corrects=wrong.id,
        notes="Arrest was on the 5th",
    )
    assert r.status_code == 302
    wrong.refresh_from_db()
    assert wrong.occurred_at == local(2026, 3, 4, 14, 30)  # the original stands, unchanged
    correction = case_a.events.get(corrects=wrong)
    assert correction.occurred_at == local(2026, 3, 5, 14, 30)
    page = client.get(f"/cases/{case_a.id}/")
    assert b"Corrected" in page.content and b"Correction" in page.content


def test_it_refuses_to_change_an_event_in_place(case_a):
    event = case_a.events.get(type="crime_reported")
    event.notes = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_it_refuses_an_update_even_in_raw_sql(case_a):
    event = case_a.events.get(type="crime_reported")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_event SET notes = 'rewritten' WHERE id = %s", [event.id])
    assert Event.objects.get(id=event.id).notes == ""


def test_it_refuses_a_delete_in_raw_sql_without_an_erasure_permit(case_a):
    event = case_a.events.get(type="crime_reported")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as c:
        c.execute("DELETE FROM cases_event WHERE id = %s", [event.id])
    assert Event.objects.filter(id=event.id).exists()

    class Undo(Exception):  # the event has entitlements: put it back before the FK check
        pass

    with pytest.raises(Undo), transaction.atomic():
        with erasure_permit(reason="erasure test"), connection.cursor() as cursor:
            cursor.execute("DELETE FROM cases_event WHERE id = %s", [event.id])
        assert not Event.objects.filter(id=event.id).exists()
        raise Undo


def test_it_never_moves_the_stage_backwards(personas, case_court):
    event_record(
        actor=personas["olly"], case=case_court, type="suspect_bailed", occurred_at=local(2026, 3, 10, 9, 0)
    )
    case_court.refresh_from_db()
    assert case_court.stage == Stage.COURT


def test_it_offers_only_events_of_the_right_type_to_be_about(client_for, case_a):
    r = client_for("cara").get(f"/cases/{case_a.id}/events/new/?type=victim_informed")
    about = r.context["form"].fields["about"]
    assert (
        list(about.queryset) == []
    )  # "crime reported" is not something a victim is told about under Right 6


def test_it_asks_which_event_first(client_for, case_a):
    client = client_for("cara")
    r = client.get(f"/cases/{case_a.id}/events/new/")
    assert r.status_code == 200 and b"What happened?" in r.content
    r = client.get(f"/cases/{case_a.id}/events/new/?type=suspect_charged")
    assert r.status_code == 200 and r.context["event_type"].code == "suspect_charged"
    r = client.get(f"/cases/{case_a.id}/events/new/?type=")
    assert b"govuk-error-summary" in r.content and "event_type" not in r.context


def test_it_says_what_to_choose_when_a_required_answer_is_missing(client_for, case_a):
    r = post_event(client_for("cara"), case_a, "victim_informed")
    errors = r.context["form"].errors
    assert errors["about"] == ["Choose the event this is about"]
    assert errors["p_channel"] == ["Choose how they were told"]
    r = post_event(client_for("olly"), case_a, "hearing_listed")
    assert r.context["form"].errors["p_court"] == ["Enter court"]


def test_it_shows_dates_in_the_timeline_in_words(client_for, personas, case_a):
    event_record(
        actor=personas["olly"],
        case=case_a,
        type="suspect_bailed",
        occurred_at=local(2026, 3, 6, 18, 0),
        payload={"bail_until": "2026-04-06"},
    )
    r = client_for("cara").get(f"/cases/{case_a.id}/")
    assert b"6 April 2026" in r.content and b"2026-04-06" not in r.content


def test_it_reads_date_boxes_missing_from_the_request_as_blank():
    from victimcare.forms import GovukDateField

    field = GovukDateField(required=False)
    assert field.clean([None, None, None]) is None
