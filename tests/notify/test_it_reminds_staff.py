"""Staff reminders: before an obligation falls due, when it is overdue, and for the update
frequency agreed with the victim; each user immediate or daily digest."""

from __future__ import annotations

import pytest
import time_machine

from tests.factories import local
from tests.notify.conftest import record_if_any
from victimcare.cases.services import case_update
from victimcare.notify import reminders, services
from victimcare.notify.models import MailboxItem, OutboundMessage, Reminder, ReminderPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def arrest_not_told(victim_case_factory, personas, tuesday):
    """An arrest on Tuesday 7 April 2026, the victim not opted in: Right 6 due Tuesday 14 April."""
    vcase = victim_case_factory(reference="DU/00600/26", opt_in=False)
    record_if_any(vcase, "suspect_arrested", personas["olly"])
    return vcase


def test_it_reminds_the_officer_the_day_before_it_is_due(arrest_not_told, personas):
    with time_machine.travel(local(2026, 4, 12, 8, 0), tick=False):
        reminders.reminders_scan()
        assert not Reminder.objects.exists()  # two days before: too early for the default of one
    with time_machine.travel(local(2026, 4, 13, 8, 0), tick=False):
        reminders.reminders_scan()
        reminders.reminders_scan()  # a second scan reminds nobody twice
    reminder = Reminder.objects.get()
    assert reminder.user == personas["olly"] and reminder.kind == "due_soon"
    assert reminder.title == "Tell the victim a suspect was arrested (Right 6)"


def test_it_sends_a_daily_digest_after_the_digest_hour(arrest_not_told, personas):
    with time_machine.travel(local(2026, 4, 13, 6, 0), tick=False):
        reminders.reminders_scan()
        assert reminders.reminders_send() == 0  # digests go at 07:00
    with time_machine.travel(local(2026, 4, 13, 7, 5), tick=False):
        assert reminders.reminders_send() == 1
        assert reminders.reminders_send() == 0
        services.outbox_drain()
    item = MailboxItem.objects.get(message__user=personas["olly"])
    assert item.to_address == "olly@example.org"
    assert item.subject == "Your reminders: 1 due or overdue"
    assert (
        "Tell the victim a suspect was arrested (Right 6), case DU/00600/26, due Tuesday 14 April 2026"
        in item.body
    )
    assert "Jane" not in item.body  # no victim names in staff email


def test_it_sends_each_reminder_at_once_to_someone_who_chose_immediate(client_for, arrest_not_told, personas):
    r = client_for("olly").post("/messages/reminders/", {"mode": "immediate", "days_before": "3"})
    assert r.status_code == 302
    assert ReminderPreference.objects.get(user=personas["olly"]).days_before == 3
    with time_machine.travel(local(2026, 4, 11, 6, 0), tick=False):
        reminders.reminders_scan()
        assert reminders.reminders_send() == 1
    msg = OutboundMessage.objects.get(user=personas["olly"])
    assert (
        msg.subject
        == "Due Tuesday 14 April 2026: Tell the victim a suspect was arrested (Right 6) (DU/00600/26)"
    )


def test_it_says_when_it_is_overdue(arrest_not_told, personas):
    with time_machine.travel(local(2026, 4, 15, 9, 0), tick=False):
        reminders.reminders_scan()
    assert Reminder.objects.get(kind="overdue").user == personas["olly"]


def test_it_stops_reminding_once_the_victim_is_told(victim_case, personas, tuesday):
    record_if_any(victim_case, "suspect_arrested", personas["olly"])  # opted in: the update is sent...
    services.outbox_drain()  # ...delivered, and Right 6 is met
    with time_machine.travel(local(2026, 4, 13, 8, 0), tick=False):
        reminders.reminders_scan()
    assert not Reminder.objects.exists()


def test_it_reminds_nobody_who_turned_reminders_off(client_for, arrest_not_told):
    client_for("olly").post("/messages/reminders/", {"mode": "off", "days_before": "1"})
    with time_machine.travel(local(2026, 4, 13, 8, 0), tick=False):
        reminders.reminders_scan()
    assert not Reminder.objects.exists()


def test_it_turns_the_contact_agreement_into_reminders(victim_case_factory, personas, tuesday):
    vcase = victim_case_factory(reference="DU/00601/26", opt_in=False)  # opened 7 April 2026
    case_update(
        actor=personas["cara"],
        case=vcase,
        data={"contact_frequency": "fortnightly", "contact_channel": "phone"},
    )
    with time_machine.travel(local(2026, 4, 20, 8, 0), tick=False):
        reminders.reminders_scan()
    reminder = Reminder.objects.get(kind="contact_due")
    assert reminder.user == personas["cara"] and reminder.due.isoformat() == "2026-04-21"
    assert reminder.title == "Update the victim (every two weeks by phone, as agreed)"
    # Contact made resets the clock.
    with time_machine.travel(local(2026, 4, 21, 10, 0), tick=False):
        record_if_any(vcase, "contact_made", personas["cara"], at=local(2026, 4, 21, 9, 0), channel="phone")
        reminders.reminders_scan()
    assert Reminder.objects.filter(kind="contact_due").count() == 1


def test_it_refuses_bad_reminder_settings(client_for, personas):
    r = client_for("olly").post("/messages/reminders/", {"mode": "immediate", "days_before": "two"})
    assert r.status_code == 200
    page = r.content.decode()
    assert "govuk-error-summary" in page and "Enter the number of days as a whole number, like 2" in page
    r = client_for("olly").post("/messages/reminders/", {"days_before": "11"})
    page = r.content.decode()
    assert "Choose how you want to be reminded" in page and "The number of days must be 10 or fewer" in page
    assert not ReminderPreference.objects.exists()
