"""Protective orders change: a court varies the conditions or the expiry, or discharges or
ends the order early. The order as made and each variation stay in its history; its current
conditions and expiry are the latest variation's; refused changes say why; each change is on
the case timeline (never the victim's) and audited without the conditions or the reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from tests.factories import local
from victimcare.audit.models import AuditEvent
from victimcare.notify.models import OutboundMessage
from victimcare.portal.selectors import event_sentence, timeline
from victimcare.safeguarding.models import OrderVariation, ProtectiveOrder
from victimcare.safeguarding.services import (
    EndInput,
    OrderInput,
    SafeguardingError,
    VariationInput,
    protective_order_end,
    protective_order_record,
    protective_order_vary,
)

pytestmark = pytest.mark.django_db
COURT = "Durham Magistrates' Court"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(local(2026, 6, 1, 9), tick=False):
        yield


@pytest.fixture
def order(personas, case_a) -> ProtectiveOrder:
    return protective_order_record(
        actor=personas["cara"],
        case=case_a,
        data=OrderInput("nmo", "Not to contact the victim", COURT, date(2026, 3, 1), date(2026, 9, 1)),
    )


def vary(personas, order, **data: Any) -> OrderVariation:
    given: dict[str, Any] = {"varied_on": date(2026, 5, 1), "court": COURT} | data
    return protective_order_vary(actor=personas["cara"], order=order, data=VariationInput(**given))


def end(personas, order, **data: Any) -> ProtectiveOrder:
    given: dict[str, Any] = {
        "ended_on": date(2026, 5, 20),
        "ending": "discharged",
        "reason": "Applied for by the respondent",
    } | data
    return protective_order_end(actor=personas["cara"], order=order, data=EndInput(**given))


def refusal(call) -> SafeguardingError:
    with pytest.raises(SafeguardingError) as err:
        call()
    return err.value


def test_it_makes_the_latest_variation_current_and_keeps_the_order_as_made(personas, order):
    vary(personas, order, conditions="Not to go to Elm Street")
    vary(personas, order, varied_on=date(2026, 5, 10), expires_on=date(2027, 3, 1))
    order.refresh_from_db()
    assert (order.conditions, order.expires_on) == ("Not to go to Elm Street", date(2027, 3, 1))
    assert (order.made_conditions, order.made_expires_on) == ("Not to contact the victim", date(2026, 9, 1))
    steps = list(order.variations.values_list("conditions_changed", "expiry_changed", "expires_on"))
    assert steps == [(True, False, date(2026, 9, 1)), (False, True, date(2027, 3, 1))]


def test_it_can_take_the_expiry_away(personas, order):
    vary(personas, order, no_expiry=True)
    order.refresh_from_db()
    assert order.expires_on is None
    event = order.case.events.get(type="protective_order_varied")
    assert event.payload == {"order_type": "nmo", "conditions_changed": False, "expiry_changed": True}


def test_it_records_each_change_on_the_timeline(personas, order):
    vary(personas, order, expires_on=date(2027, 1, 31))
    end(personas, order)
    varied = order.case.events.get(type="protective_order_varied")
    assert varied.payload == {
        "order_type": "nmo", "conditions_changed": False, "expiry_changed": True, "expires_on": "2027-01-31",
    }  # fmt: skip
    assert varied.occurred_at == local(2026, 5, 1, 12)
    ended = order.case.events.get(type="protective_order_ended")
    assert ended.payload == {"order_type": "nmo", "ending": "discharged"}
    assert ended.occurred_at == local(2026, 5, 20, 12)


def test_it_audits_each_change_without_the_conditions_or_reason(personas, order):
    vary(personas, order, conditions="Secret new condition", expires_on=date(2027, 1, 31))
    end(personas, order, reason="Secret reason")
    rows = AuditEvent.objects.filter(object_type="protectiveorder", object_id=str(order.pk), action="update")
    assert [r.detail for r in rows.order_by("id")] == ["protective order varied", "protective order ended"]
    assert rows.order_by("id").first().changes == {
        "conditions": ["[redacted]", "[redacted]"], "expires_on": ["2026-09-01", "2027-01-31"],
    }  # fmt: skip
    dumped = str(list(AuditEvent.objects.values("changes", "detail")))
    assert "Secret" not in dumped


def test_it_never_shows_an_order_change_to_the_victim(personas, order):
    vary(personas, order, expires_on=date(2027, 1, 31))
    end(personas, order)
    events = order.case.events.filter(type__in=["protective_order_varied", "protective_order_ended"])
    assert events.count() == 2
    assert [event_sentence(e) for e in events] == [None, None]
    assert [item.text for item in timeline(order.case)] == ["The crime was reported to the police."]
    assert not OutboundMessage.objects.filter(event__in=events).exists()


def test_it_refuses_to_vary_an_ended_order_and_says_why(personas, order):
    end(personas, order)
    err = refusal(lambda: vary(personas, order, varied_on=date(2026, 5, 25), conditions="New"))
    assert "ended on 20 May 2026 (discharged by the court), so it cannot be varied" in err.message
    assert not OrderVariation.objects.exists()


def test_it_refuses_to_end_an_order_twice(personas, order):
    end(personas, order)
    err = refusal(lambda: end(personas, order, ending="ended_early"))
    assert "cannot be ended again" in err.message
    order.refresh_from_db()
    assert order.ending == "discharged"


def test_it_refuses_a_discharge_before_the_start(personas, order):
    err = refusal(lambda: end(personas, order, ended_on=date(2026, 2, 28)))
    assert err.field == "ended_on"
    assert "on or after the day it started, 1 March 2026" in err.message
    order.refresh_from_db()
    assert order.ended_on is None


def test_it_refuses_a_new_expiry_before_the_variation_date(personas, order):
    err = refusal(lambda: vary(personas, order, expires_on=date(2026, 4, 30)))
    assert (err.field, err.message) == (
        "expires_on",
        "The new expiry date must be the same as or after the date the order was varied",
    )
    order.refresh_from_db()
    assert order.expires_on == date(2026, 9, 1)


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"varied_on": date(2026, 2, 1), "conditions": "X"}, "varied_on", "on or after the day it started"),
        ({"varied_on": date(2026, 6, 2), "conditions": "X"}, "varied_on", "today or in the past"),
        ({"varied_on": date(2026, 9, 2), "conditions": "X"}, "varied_on", "today or in the past"),
        ({"court": " ", "conditions": "X"}, "court", "Enter the court that varied the order"),
        ({}, "conditions", "changes neither"),
        ({"conditions": "Not to contact the victim"}, "conditions", "changes neither"),
        ({"expires_on": date(2026, 9, 1)}, "conditions", "changes neither"),
        ({"expires_on": date(2027, 1, 1), "no_expiry": True}, "expires_on", "not both"),
    ],
)
def test_it_refuses_a_variation_that_cannot_be_and_says_why(personas, order, data, field, words):
    err = refusal(lambda: vary(personas, order, **data))
    assert err.field == field and words in err.message
    assert not OrderVariation.objects.exists()


def test_it_refuses_a_variation_after_the_order_expired(personas, case_a):
    old = protective_order_record(
        actor=personas["cara"], case=case_a,
        data=OrderInput("spo", "No contact", COURT, date(2026, 1, 1), date(2026, 4, 30)),
    )  # fmt: skip
    err = refusal(lambda: vary(personas, old, expires_on=date(2026, 12, 1)))
    assert "expired on 30 April 2026" in err.message and "record the new order" in err.message
    # A variation made before it expired, recorded late, is fine.
    vary(personas, old, varied_on=date(2026, 4, 20), expires_on=date(2026, 12, 1))


def test_it_keeps_variations_in_date_order(personas, order):
    vary(personas, order, varied_on=date(2026, 5, 10), conditions="Second")
    err = refusal(lambda: vary(personas, order, varied_on=date(2026, 5, 9), conditions="Earlier"))
    assert "last varied on 10 May 2026" in err.message
    err = refusal(lambda: end(personas, order, ended_on=date(2026, 5, 9)))
    assert err.field == "ended_on" and "last varied on 10 May 2026" in err.message


def test_it_shows_the_order_and_its_history_on_its_page(client_for, personas, order):
    vary(personas, order, conditions="Not to go to Elm Street", note="Applied for by police")
    vary(personas, order, varied_on=date(2026, 5, 10), expires_on=date(2027, 3, 1))
    r = client_for("cara").get(f"/cases/{order.case_id}/protective-orders/{order.id}/")
    assert r.status_code == 200
    history = [(e.title, e.day, e.conditions, e.expiry) for e in r.context["history"]]
    assert history == [
        ("Made", date(2026, 3, 1), "Not to contact the victim", "1 September 2026"),
        ("Varied", date(2026, 5, 1), "Not to go to Elm Street", ""),
        ("Varied", date(2026, 5, 10), "", "1 March 2027"),
    ]
    body = r.content.decode()
    assert "Applied for by police" in body
    assert 'id="order-conditions">Not to go to Elm Street' in body
    assert AuditEvent.objects.filter(
        action="view", object_type="protectiveorder", object_id=str(order.pk)
    ).exists()


def test_it_is_reachable_from_the_case_panel_and_the_expiring_list(client_for, order):
    url = f"/cases/{order.case_id}/protective-orders/{order.id}/"
    assert f'href="{url}"' in client_for("cara").get(f"/cases/{order.case_id}/").content.decode()
    with time_machine.travel(local(2026, 8, 20, 9), tick=False):
        assert f'href="{url}"' in client_for("cara").get("/protective-orders/expiring/").content.decode()


def test_it_varies_through_the_page_and_keeps_input_on_error(client_for, order):
    url = f"/cases/{order.case_id}/protective-orders/{order.id}/vary/"
    form = {"varied_on_day": "1", "varied_on_month": "5", "varied_on_year": "2026", "court": COURT,
            "conditions": "Not to go to Elm Street", "expires_on_day": "1", "expires_on_month": "4",
            "expires_on_year": "2026"}  # fmt: skip
    r = client_for("cara").post(url, form)
    assert r.status_code == 200
    body = r.content.decode()
    assert (
        "govuk-error-summary" in body and "must be the same as or after the date the order was varied" in body
    )
    assert "Not to go to Elm Street</textarea>" in body
    r = client_for("cara").post(url, form | {"expires_on_year": "2027"})
    assert r.status_code == 302 and r["Location"] == f"/cases/{order.case_id}/protective-orders/{order.id}/"
    order.refresh_from_db()
    assert (order.conditions, order.expires_on) == ("Not to go to Elm Street", date(2027, 4, 1))


def test_it_ends_through_the_page_and_then_offers_no_change(client_for, order):
    url = f"/cases/{order.case_id}/protective-orders/{order.id}/end/"
    r = client_for("cara").post(url, {"ending": "ended_early"})
    assert r.status_code == 200 and "Enter why the order ended" in r.content.decode()
    form = {"ending": "ended_early", "ended_on_day": "20", "ended_on_month": "5", "ended_on_year": "2026",
            "reason": "Replaced by a DAPO"}  # fmt: skip
    assert client_for("cara").post(url, form).status_code == 302
    order.refresh_from_db()
    assert (order.ended_on, order.ending, order.end_reason) == (
        date(2026, 5, 20),
        "ended_early",
        "Replaced by a DAPO",
    )
    page = client_for("cara").get(f"/cases/{order.case_id}/protective-orders/{order.id}/").content.decode()
    assert "Ended early" in page and "Replaced by a DAPO" in page and "Record a variation" not in page
    vary_post = {"varied_on_day": "25", "varied_on_month": "5", "varied_on_year": "2026", "court": COURT,
                 "conditions": "New"}  # fmt: skip
    r = client_for("cara").post(f"/cases/{order.case_id}/protective-orders/{order.id}/vary/", vary_post)
    assert r.status_code == 200
    assert "so it cannot be varied" in r.content.decode()
    assert not OrderVariation.objects.exists()
