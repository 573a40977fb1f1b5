"""Protective orders: recording one records `protective_order_made`; orders expiring within
28 days (settings) are shown on the case and on a list, and the caseworker gets one reminder
through the notify app's reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from tests.factories import local
from victimcare.notify.models import Reminder, ReminderMode, ReminderPreference
from victimcare.safeguarding.models import ProtectiveOrder
from victimcare.safeguarding.services import (
    OrderInput,
    SafeguardingError,
    order_expiry_reminders_write,
    protective_order_record,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(local(2026, 6, 1, 9), tick=False):
        yield


def record(actor, case, *, expires_in: int | None, order_type: str = "nmo") -> ProtectiveOrder:
    return protective_order_record(
        actor=actor,
        case=case,
        data=OrderInput(
            order_type=order_type,
            conditions="Not to contact the victim",
            court="Durham Magistrates' Court",
            starts_on=date(2026, 3, 1),
            expires_on=None if expires_in is None else TODAY + timedelta(days=expires_in),
        ),
    )


def test_it_records_the_order_and_its_event(personas, case_a):
    record(personas["cara"], case_a, expires_in=100, order_type="dapo")
    event = case_a.events.get(type="protective_order_made")
    assert event.payload == {"order_type": "dapo", "expires_on": "2026-09-09"}


def test_it_refuses_an_expiry_before_the_start_and_says_why(personas, case_a):
    with pytest.raises(SafeguardingError) as err:
        protective_order_record(
            actor=personas["cara"],
            case=case_a,
            data=OrderInput("spo", "No contact", "Durham Crown Court", date(2026, 3, 1), date(2026, 2, 1)),
        )
    assert err.value.field == "expires_on"
    assert not ProtectiveOrder.objects.exists()


@pytest.mark.parametrize(
    ("days", "alerted"), [(0, True), (28, True), (29, False), (-1, False), (None, False)]
)
def test_it_alerts_only_within_28_days(client_for, personas, case_a, days, alerted):
    record(personas["cara"], case_a, expires_in=days)
    case_page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert ('id="order-expiry-alert"' in case_page) is alerted
    listed = client_for("cara").get("/protective-orders/expiring/").context["rows"]
    assert len(listed) == (1 if alerted else 0)


def test_it_takes_the_window_from_settings(client_for, personas, case_a, settings):
    settings.SAFEGUARDING_ORDER_EXPIRY_DAYS = 40
    record(personas["cara"], case_a, expires_in=35)
    assert len(client_for("cara").get("/protective-orders/expiring/").context["rows"]) == 1


def test_it_lists_only_orders_on_cases_the_user_can_see(client_for, personas, case_a, case_b):
    record(personas["cara"], case_a, expires_in=5)
    record(personas["cole"], case_b, expires_in=6)
    rows = client_for("cara").get("/protective-orders/expiring/").context["rows"]
    assert [r.order.case_id for r in rows] == [case_a.id]
    assert client_for("pat").get("/protective-orders/expiring/").status_code == 404


def test_it_reminds_the_caseworker_once(personas, case_a, case_b):
    record(personas["cara"], case_a, expires_in=10)
    record(personas["cole"], case_b, expires_in=60)
    order_expiry_reminders_write()
    order_expiry_reminders_write()  # the next day's run, or a second scheduler
    reminder = Reminder.objects.get()
    assert (reminder.user, reminder.case_id, reminder.due) == (personas["cara"], case_a.id, date(2026, 6, 11))
    assert "Non-molestation order ends" in reminder.title


def test_it_does_not_remind_someone_who_turned_reminders_off(personas, case_a):
    ReminderPreference.objects.create(user=personas["cara"], mode=ReminderMode.OFF)
    record(personas["cara"], case_a, expires_in=10)
    order_expiry_reminders_write()
    assert not Reminder.objects.exists()


def test_it_records_an_order_through_the_page_and_keeps_input_on_error(client_for, case_a):
    form = {"order_type": "restraining", "court": "Durham Crown Court", "conditions": "Not to enter Elm Street",
            "starts_on_day": "1", "starts_on_month": "3", "starts_on_year": "2026",
            "expires_on_day": "1", "expires_on_month": "2", "expires_on_year": "2026"}  # fmt: skip
    r = client_for("cara").post(f"/cases/{case_a.id}/protective-orders/new/", form)
    assert r.status_code == 200
    body = r.content.decode()
    assert "The expiry date must be the same as or after the start date" in body
    assert "Not to enter Elm Street</textarea>" in body
    r = client_for("cara").post(
        f"/cases/{case_a.id}/protective-orders/new/", form | {"expires_on_year": "2027"}
    )
    assert r.status_code == 302
    assert ProtectiveOrder.objects.get().expires_on == date(2027, 2, 1)


def test_it_is_reminded_by_the_notify_scheduler_without_a_separate_job(personas, case_a):
    from io import StringIO

    from django.core.management import call_command

    record(personas["cara"], case_a, expires_in=10)
    out = StringIO()
    call_command("notify_scheduler", "--once", stdout=out)
    assert Reminder.objects.filter(case=case_a, user=personas["cara"]).count() == 1
    assert "order_expiry_reminders_write: 1" in out.getvalue()
