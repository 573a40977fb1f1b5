"""A force's records system pushes a charge: the event goes through event_record, as from the
staff form, and the victim's Right 6 clock starts (enhanced rights: 1 working day)."""

from __future__ import annotations

import pytest

from victimcare.audit.models import Action, AuditEvent
from victimcare.cases.models import Event

pytestmark = pytest.mark.django_db


def test_it_starts_the_right_6_clock_when_a_charge_is_pushed(api_for, partners, case_a):
    response = api_for("force").post(
        f"/api/v1/cases/{case_a.id}/events/",
        {"type": "suspect_charged", "occurred_at": "2026-11-23T10:00:00Z"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    event = Event.objects.get(pk=response.json()["id"])
    assert event.source == "api"
    assert event.actor == partners["force"].client.user
    case_a.refresh_from_db()
    assert case_a.stage == 3  # charged and at court
    rows = api_for("force").get(f"/api/v1/cases/{case_a.id}/entitlements/").json()["results"]
    right_6 = [r for r in rows if r["rule"] == "R6_CHARGE"]
    assert right_6 == [
        {
            **right_6[0],
            "right": "6",
            "trigger": event.id,
            "due": "2026-11-24",  # domestic abuse: enhanced, the next working day
            "enhanced": True,
            "fulfilled_by": None,
        }
    ]
    assert (
        AuditEvent.objects.filter(action=Action.CREATE, object_type="event", object_id=str(event.id)).count()
        == 1
    )


def test_it_names_the_payload_field_the_event_type_refuses(api_for, case_a):
    response = api_for("force").post(
        f"/api/v1/cases/{case_a.id}/events/",
        {"type": "case_closed", "occurred_at": "2026-11-23T10:00:00Z", "payload": {}},
        format="json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"field": "payload.reason", "detail": "Enter why the case is closed"}
    ]
    assert not Event.objects.filter(case=case_a, type="case_closed").exists()


def test_it_refuses_an_event_in_the_future(api_for, case_a):
    response = api_for("force").post(
        f"/api/v1/cases/{case_a.id}/events/",
        {"type": "suspect_arrested", "occurred_at": "2099-01-01T10:00:00Z"},
        format="json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "occurred_at"


def test_it_refuses_an_about_event_of_another_case(api_for, case_a, case_b):
    other = case_b.events.get(type="crime_reported")
    response = api_for("force").post(
        f"/api/v1/cases/{case_a.id}/events/",
        {
            "type": "victim_informed",
            "occurred_at": "2026-11-23T10:00:00Z",
            "about": other.id,
            "payload": {"channel": "phone"},
        },
        format="json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "about"
