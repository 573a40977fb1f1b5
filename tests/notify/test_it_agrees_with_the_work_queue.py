"""Reminders and the work queue start from one query (rights.owed, docs/adr/0044): whatever a
reminder lists is in its recipient's queue; closed cases whose victim opted out drop out of
both; an obligation still overdue after a set number of working days goes to a supervisor,
once; what the Witness Care Unit owes reminds the unit's officers in the area."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import timezone

from tests.factories import local
from tests.notify.conftest import record_if_any as record
from victimcare.accounts.models import Organisation, Role, User
from victimcare.notify import reminders
from victimcare.notify.models import MailboxItem, Reminder
from victimcare.rights import selectors

pytestmark = pytest.mark.django_db


def _queue(user: User) -> set[tuple[int, str]]:
    """(case, rule) of everything in every view of the user's work queue."""
    day = timezone.localdate()
    return {
        (e.case_id, e.rule)
        for scope in selectors.queue_scopes(user)
        for e in selectors.work_queue(user, scope=scope, day=day)
    }


def _scan(day: int) -> None:
    with time_machine.travel(local(2026, 4, day, 8, 0), tick=False):
        reminders.reminders_scan()


@pytest.fixture
def arrested(victim_case_factory, personas, tuesday):
    """Arrested Tuesday 7 April 2026: Right 6 due Tuesday 14 April, owed by the police."""
    vcase = victim_case_factory(reference="DU/00700/26", opt_in=False)
    record(vcase, "suspect_arrested", personas["olly"])
    return vcase


@pytest.fixture
def at_court(victim_case_factory, personas, tuesday):
    """Charged, and a hearing listed on Tuesday 7 April: Right 8 due the next working day, owed
    by the Witness Care Unit."""
    vcase = victim_case_factory(reference="DU/00701/26", opt_in=False)
    record(vcase, "suspect_charged", personas["olly"], at=local(2026, 4, 7, 8, 0))
    record(vcase, "hearing_listed", personas["olly"], hearing_date="2026-05-11", court="Durham Crown Court")
    return vcase


def test_everything_a_reminder_lists_is_in_the_recipients_queue(arrested, at_court, personas):
    for day in (13, 15, 17, 20):
        _scan(day)
        with time_machine.travel(local(2026, 4, day, 8, 0), tick=False):
            for reminder in Reminder.objects.select_related("user"):
                assert (reminder.case_id, reminder.rule) in _queue(reminder.user), (
                    f"{reminder.kind} {reminder.rule} to {reminder.user} is not in their work queue"
                )
    assert {r.user.username for r in Reminder.objects.all()} == {"olly", "wendy", "fran", "sue"}


def test_a_closed_case_whose_victim_opted_out_drops_out_of_both(at_court, personas):
    # Opting out does not excuse Right 8 (the hearing) or Right 4 (the referral), but once the
    # case is closed too, nothing more will be told to the victim.
    record(at_court, "victim_opted_out_of_updates", personas["cara"], at=local(2026, 4, 7, 9, 30))
    with time_machine.travel(local(2026, 4, 8, 8, 0), tick=False):
        assert (at_court.id, "R8_HEARING") in _queue(personas["wendy"])
    record(at_court, "case_closed", personas["cara"], at=local(2026, 4, 7, 9, 40), reason="Victim asked")
    _scan(8)
    assert not Reminder.objects.filter(case=at_court).exists()
    with time_machine.travel(local(2026, 4, 8, 8, 0), tick=False):
        for user in ("cara", "olly", "wendy", "sue"):
            assert not {case for case, _ in _queue(personas[user])} & {at_court.id}


def test_a_closed_case_still_owes_what_was_not_done_if_the_victim_did_not_opt_out(arrested, personas):
    record(arrested, "case_closed", personas["cara"], at=local(2026, 4, 7, 9, 40), reason="No further action")
    _scan(15)
    assert Reminder.objects.filter(case=arrested, rule="R6_ARREST", user=personas["olly"]).exists()
    with time_machine.travel(local(2026, 4, 15, 8, 0), tick=False):
        assert (arrested.id, "R6_ARREST") in _queue(personas["olly"])


def test_an_overdue_obligation_goes_to_the_supervisor_after_the_set_working_days_once(
    arrested, personas, settings
):
    settings.REMINDERS_ESCALATE_AFTER_WORKING_DAYS = 3
    _scan(16)  # due Tuesday 14 April: two working days overdue
    assert not Reminder.objects.filter(kind="escalated", rule="R6_ARREST").exists()
    _scan(17)  # Friday: the third working day after
    _scan(20)
    _scan(21)
    (escalation,) = Reminder.objects.filter(kind="escalated", rule="R6_ARREST")
    assert escalation.user == personas["fran"]  # a police obligation: the force's supervisor
    assert escalation.title == "Tell the victim a suspect was arrested (Right 6)"


def test_the_escalation_time_is_a_setting(arrested, settings):
    settings.REMINDERS_ESCALATE_AFTER_WORKING_DAYS = 5
    _scan(17)
    assert not Reminder.objects.filter(kind="escalated", rule="R6_ARREST").exists()
    _scan(21)  # Tuesday 21 April: the fifth working day after 14 April
    assert Reminder.objects.filter(kind="escalated", rule="R6_ARREST").count() == 1
    settings.REMINDERS_ESCALATE_AFTER_WORKING_DAYS = 0  # never
    Reminder.objects.all().delete()
    _scan(21)
    assert not Reminder.objects.filter(kind="escalated").exists()


def test_what_the_witness_care_unit_owes_escalates_to_the_services_supervisor(at_court, settings):
    settings.REMINDERS_ESCALATE_AFTER_WORKING_DAYS = 3
    _scan(13)  # Right 8 was due Wednesday 8 April; Monday 13 April is the third working day after
    users = {r.user.username for r in Reminder.objects.filter(kind="escalated", rule="R8_HEARING")}
    assert users == {"sue"}  # the unit has no supervisor here: the service holding the case


def test_an_old_backlog_is_not_escalated_all_at_once(arrested):
    # Right 4 was due 4 March: its escalation fell due on 9 March, long before this first scan.
    _scan(8)
    assert Reminder.objects.filter(kind="overdue", rule="R4_REFERRAL").count() == 0
    assert not Reminder.objects.filter(kind="escalated", rule="R4_REFERRAL").exists()


def test_the_escalation_says_it_came_to_a_supervisor(arrested, personas, settings):
    settings.REMINDERS_ESCALATE_AFTER_WORKING_DAYS = 3
    _scan(17)
    with time_machine.travel(local(2026, 4, 17, 7, 30), tick=False):
        reminders.reminders_send()
        from victimcare.notify import services

        services.outbox_drain()
    body = MailboxItem.objects.get(message__user=personas["fran"]).body
    assert "Still overdue, for a supervisor: Tell the victim a suspect was arrested (Right 6)" in body


def test_what_the_witness_care_unit_owes_reminds_its_officers_in_the_area(at_court, personas):
    other_force = Organisation.objects.get(name="Cleveland Police")
    cleveland_wcu = Organisation.objects.create(name="Cleveland WCU", kind="wcu", force=other_force)
    User.objects.create_user(username="will", role=Role.WITNESS_CARE_OFFICER, organisation=cleveland_wcu)
    _scan(8)  # Wednesday 8 April: Right 8 is due today
    users = {r.user.username for r in Reminder.objects.filter(rule="R8_HEARING")}
    assert users == {"wendy"}  # not the caseworker, not Cleveland's unit


def test_it_falls_back_to_the_caseworker_when_the_area_has_no_witness_care_officer(at_court, personas):
    User.objects.filter(username="wendy").update(is_active=False)
    _scan(8)
    assert {r.user.username for r in Reminder.objects.filter(rule="R8_HEARING")} == {"cara"}
