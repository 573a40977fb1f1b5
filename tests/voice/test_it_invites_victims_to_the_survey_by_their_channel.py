"""A survey invitation at each moment goes through the outbox by the victim's chosen channel,
with the safe-contact rules and discreet mode applied, never to someone who opted out and never
twice for the same moment of a case (docs/adr/0049)."""

from __future__ import annotations

import re

import pytest

from tests.factories import local
from victimcare.cases.models import EventSource
from victimcare.cases.services import event_record
from victimcare.notify import services as notify
from victimcare.notify.models import MailboxItem, NotificationPreference, OutboundMessage, Status
from victimcare.voice.invitations import invitation_open
from victimcare.voice.models import SurveyInvitation
from victimcare.voice.services import survey_opt_out

pytestmark = pytest.mark.django_db


def _record(personas, case, type, day, **kwargs):
    payload = kwargs.pop("payload", {})
    return event_record(
        actor=personas["olly"],
        case=case,
        type=type,
        occurred_at=local(2026, 3, day, 12, 0),
        payload=payload,
        **kwargs,
    )


def _invitations(case):
    return OutboundMessage.objects.filter(case=case, template="survey_invitation")


def _link(body: str) -> str:
    found = re.search(r"/portal/feedback/link/([^/\s]+)/", body)
    assert found, body
    return found.group(1)


def test_it_emails_an_invitation_with_a_link_after_the_outcome(victim_case, personas):
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    msg = _invitations(victim_case).get()
    assert msg.channel == "email" and msg.to_address == victim_case.person.email
    notify.outbox_drain()
    item = MailboxItem.objects.get(message=msg)
    assert "Tell us how we did" in item.subject
    token = _link(item.body)
    opened = invitation_open(token)
    assert opened.invitation is not None and opened.invitation.moment == "outcome"
    msg.refresh_from_db()
    assert msg.status in (Status.SENT, Status.DELIVERED)
    assert token not in msg.body and "survey link" in msg.body  # the stored copy loses the link


def test_it_uses_the_channel_the_victim_chose(victim_case, personas):
    NotificationPreference.objects.create(
        person=victim_case.person, organisation_id=victim_case.organisation_id, preferred_channel="sms"
    )
    _record(personas, victim_case, "case_closed", 5, payload={"reason": "Support finished"})
    assert _invitations(victim_case).get().channel == "sms"


def test_it_invites_once_per_moment_however_often_the_moment_is_reached(victim_case, personas):
    _record(personas, victim_case, "suspect_arrested", 5)
    _record(personas, victim_case, "suspect_bailed", 6, payload={"bail_until": "2026-04-20"})
    _record(personas, victim_case, "suspect_interviewed_under_caution", 7)
    assert SurveyInvitation.objects.filter(case=victim_case, moment="investigation").count() == 1
    assert _invitations(victim_case).count() == 1


def test_it_invites_after_first_contact_and_again_for_the_investigation(victim_case, personas):
    _record(personas, victim_case, "needs_assessment_completed", 3)
    _record(personas, victim_case, "suspect_arrested", 5)
    moments = set(SurveyInvitation.objects.filter(case=victim_case).values_list("moment", flat=True))
    assert moments == {"first_contact", "investigation"}


def test_it_never_goes_back_to_an_early_moment_once_a_later_one_is_reached(victim_case, personas):
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    _record(personas, victim_case, "needs_assessment_completed", 8)
    assert not SurveyInvitation.objects.filter(case=victim_case, moment="first_contact").exists()


def test_it_sends_nothing_to_a_victim_who_opted_out(victim_case, personas):
    survey_opt_out(person=victim_case.person, recorded_by_label="test")
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    assert not _invitations(victim_case).exists()
    assert not SurveyInvitation.objects.filter(case=victim_case).exists()


def test_it_cancels_an_unsent_invitation_when_the_victim_opts_out(victim_case, personas):
    victim_case.person.email_unsafe = True  # held, so not yet sent
    victim_case.person.allowed_channels = ["email"]
    victim_case.person.save()
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    assert _invitations(victim_case).get().status == Status.HELD
    survey_opt_out(person=victim_case.person, recorded_by_label="test")
    assert _invitations(victim_case).get().status == Status.CANCELLED


def test_it_holds_the_invitation_when_the_detail_is_unsafe(victim_case, personas):
    person = victim_case.person
    person.allowed_channels, person.email_unsafe = ["email"], True
    person.save()
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    msg = _invitations(victim_case).get()
    assert msg.status == Status.HELD
    assert "marked unsafe" in msg.hold_reason
    assert not MailboxItem.objects.filter(message=msg).exists()


def test_it_never_uses_a_chosen_channel_the_victim_no_longer_allows(victim_case, personas):
    NotificationPreference.objects.create(
        person=victim_case.person, organisation_id=victim_case.organisation_id, preferred_channel="letter"
    )
    person = victim_case.person
    person.allowed_channels = ["email"]
    person.save()
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    assert _invitations(victim_case).get().channel == "email"  # never a channel they refused


def test_it_writes_no_invitation_when_no_channel_is_agreed(victim_case, personas):
    person = victim_case.person
    person.allowed_channels = []
    person.save()
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    assert not _invitations(victim_case).exists()


def test_it_sends_the_neutral_words_without_a_link_in_discreet_mode(victim_case, personas):
    NotificationPreference.objects.create(
        person=victim_case.person, organisation_id=victim_case.organisation_id, discreet=True
    )
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    notify.outbox_drain()
    msg = _invitations(victim_case).get()
    assert msg.discreet
    item = MailboxItem.objects.get(message=msg)
    assert item.subject == "You have a new message"
    assert "survey" not in item.body.lower() and "/feedback/link/" not in item.body
    assert item.sender_name == "Notifications"


def test_it_waits_for_the_victims_safe_time(victim_case, personas):
    from datetime import time

    person = victim_case.person
    person.safe_time_from, person.safe_time_to = time(18, 0), time(20, 0)
    person.save()
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    msg = _invitations(victim_case).get()
    assert msg.status == Status.QUEUED and "safe time" in msg.hold_reason


def test_it_sends_nothing_for_a_correction_or_imported_history(victim_case, personas):
    _record(
        personas,
        victim_case,
        "case_outcome_received",
        5,
        payload={"outcome": "guilty plea"},
        source=EventSource.IMPORT,
    )
    assert not _invitations(victim_case).exists()


def test_it_cancels_the_earlier_invitation_a_later_moment_overtakes(victim_case, personas):
    person = victim_case.person
    person.allowed_channels, person.email_unsafe = ["email"], True
    person.save()
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    _record(personas, victim_case, "sentence_received", 9, payload={"summary": "A fine"})
    statuses = dict(_invitations(victim_case).values_list("dedupe_key", "status"))
    assert statuses[f"survey:{victim_case.pk}:outcome"] == Status.CANCELLED
    assert statuses[f"survey:{victim_case.pk}:sentence"] == Status.HELD


def test_it_rechecks_the_rules_before_sending(victim_case, personas):
    _record(personas, victim_case, "case_outcome_received", 5, payload={"outcome": "guilty plea"})
    msg = _invitations(victim_case).get()
    person = victim_case.person
    person.email_unsafe = True
    person.save()
    outcome = notify.message_deliver(msg.pk)
    assert outcome is not None and outcome.status == Status.HELD
