"""An order discharged or ended early is not in force: it never shows as ending soon (case
panel, list) and gets no expiry reminder, and one not yet sent is dropped. A variation moves
the alert and the reminder to the new expiry date."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.factories import local
from victimcare.notify.models import Reminder
from victimcare.safeguarding.models import ProtectiveOrder
from victimcare.safeguarding.services import (
    EndInput,
    OrderInput,
    VariationInput,
    order_expiry_reminders_write,
    protective_order_end,
    protective_order_record,
    protective_order_vary,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(local(2026, 6, 1, 9), tick=False):
        yield


@pytest.fixture
def order(personas, case_a) -> ProtectiveOrder:
    # Expires in 10 days: inside the 28-day window.
    return protective_order_record(
        actor=personas["cara"],
        case=case_a,
        data=OrderInput(
            "dapo", "No contact", "Durham Magistrates' Court", date(2026, 3, 1), date(2026, 6, 11)
        ),
    )


def discharge(personas, order) -> None:
    protective_order_end(
        actor=personas["cara"],
        order=order,
        data=EndInput(date(2026, 5, 30), "discharged", "Respondent applied"),
    )


def alerted(client_for, case) -> tuple[bool, int]:
    panel = 'id="order-expiry-alert"' in client_for("cara").get(f"/cases/{case.id}/").content.decode()
    return panel, len(client_for("cara").get("/protective-orders/expiring/").context["rows"])


def test_it_alerts_on_the_order_until_it_is_discharged(client_for, personas, order):
    assert alerted(client_for, order.case) == (True, 1)
    discharge(personas, order)
    assert alerted(client_for, order.case) == (False, 0)
    page = client_for("cara").get(f"/cases/{order.case_id}/").content.decode()
    assert "Discharged" in page


def test_it_writes_no_reminder_for_a_discharged_order(personas, order):
    discharge(personas, order)
    assert order_expiry_reminders_write() == 0
    assert not Reminder.objects.exists()


def test_it_drops_a_reminder_not_yet_sent_when_the_order_is_discharged(personas, order, case_b):
    other = protective_order_record(
        actor=personas["cole"], case=case_b,
        data=OrderInput("nmo", "No contact", "Durham Magistrates' Court", date(2026, 3, 1), date(2026, 6, 12)),
    )  # fmt: skip
    order_expiry_reminders_write()
    assert Reminder.objects.count() == 2
    discharge(personas, order)
    assert list(Reminder.objects.values_list("case_id", flat=True)) == [other.case_id]


def test_it_moves_the_alert_and_reminder_to_the_varied_expiry(client_for, personas, order):
    order_expiry_reminders_write()
    protective_order_vary(
        actor=personas["cara"],
        order=order,
        data=VariationInput(
            varied_on=date(2026, 6, 1), court="Durham Magistrates' Court", expires_on=date(2026, 12, 1)
        ),
    )
    assert alerted(client_for, order.case) == (False, 0)
    assert not Reminder.objects.exists()  # the reminder of 11 June is gone, none due yet for December
    with time_machine.travel(local(2026, 11, 10, 9), tick=False):
        assert alerted(client_for, order.case) == (True, 1)
        order_expiry_reminders_write()
    assert list(Reminder.objects.values_list("due", flat=True)) == [date(2026, 12, 1)]


def test_it_alerts_when_a_variation_brings_the_expiry_closer(client_for, personas, case_a):
    order = protective_order_record(
        actor=personas["cara"], case=case_a,
        data=OrderInput("spo", "No contact", "Durham Crown Court", date(2026, 3, 1), None),
    )  # fmt: skip
    assert alerted(client_for, case_a) == (False, 0)
    protective_order_vary(
        actor=personas["cara"],
        order=order,
        data=VariationInput(
            varied_on=date(2026, 5, 1), court="Durham Crown Court", expires_on=date(2026, 6, 20)
        ),
    )
    assert alerted(client_for, case_a) == (True, 1)
    assert order_expiry_reminders_write() == 1
