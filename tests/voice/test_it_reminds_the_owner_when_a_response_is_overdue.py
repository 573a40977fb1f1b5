"""A recommendation still waiting for the partner's response after its due date reminds its
owner through the notify reminders (immediate or in the daily digest, as they chose): once when
it falls overdue, then once a week, never twice for the same week."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.factories import local
from tests.voice.conftest import subtheme
from victimcare.notify import reminders, services
from victimcare.notify.models import MailboxItem, Reminder, ReminderMode, ReminderPreference
from victimcare.voice.recommendation_services import recommendation_raise, recommendation_respond
from victimcare.voice.reminders import recommendation_reminders_write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mailbox(settings):
    settings.NOTIFY_TRANSPORT = "mailbox"
    settings.NOTIFY_ORGANISATION_TRANSPORTS = {}


@pytest.fixture
def rec(personas):
    return recommendation_raise(
        actor=personas["chad"], subtheme=subtheme("Being kept informed"), finding="Not told of releases.",
        recommendation="Tell victims within a day.", partner="police", owner=personas["chad"], due=date(2026, 4, 30),
    )  # fmt: skip


def test_it_reminds_once_a_week_while_overdue(rec, personas):
    assert recommendation_reminders_write(today=date(2026, 4, 30)) == 0  # due today: not yet overdue
    recommendation_reminders_write(today=date(2026, 5, 1))
    recommendation_reminders_write(today=date(2026, 5, 3))
    assert Reminder.objects.count() == 1
    recommendation_reminders_write(today=date(2026, 5, 8))
    assert Reminder.objects.count() == 2
    reminder = Reminder.objects.first()
    assert reminder is not None
    assert (reminder.user, reminder.case, reminder.kind) == (personas["chad"], None, "overdue")


def test_it_emails_the_owner_with_a_link_to_the_recommendation(rec, personas):
    ReminderPreference.objects.create(user=personas["chad"], mode=ReminderMode.IMMEDIATE, days_before=1)
    with time_machine.travel(local(2026, 5, 1, 9, 0), tick=False):
        recommendation_reminders_write()
        assert reminders.reminders_send() == 1
        services.outbox_drain()
    item = MailboxItem.objects.get(message__user=personas["chad"])
    assert item.subject == "Overdue: Response from Police to a recommendation (You said, we did)"
    assert f"/voice/recommendations/{rec.pk}/" in item.body


def test_it_goes_in_the_daily_digest_too(rec, personas):
    with time_machine.travel(local(2026, 5, 1, 7, 30), tick=False):
        recommendation_reminders_write()
        assert reminders.reminders_send() == 1
        services.outbox_drain()
    item = MailboxItem.objects.get(message__user=personas["chad"])
    assert "Response from Police to a recommendation, case You said, we did" in item.body


def test_it_stops_once_the_partner_responds_or_reminders_are_off(rec, personas):
    ReminderPreference.objects.create(user=personas["chad"], mode=ReminderMode.OFF, days_before=1)
    assert recommendation_reminders_write(today=date(2026, 5, 1)) == 0
    ReminderPreference.objects.all().delete()
    recommendation_respond(actor=personas["sue"], rec=rec, status="responded", partner_response="Noted.",
                           what_changed="", evidence="")  # fmt: skip
    assert recommendation_reminders_write(today=date(2026, 5, 1)) == 0
