"""The safe-contact rules, one pure function: every rule, with plain data and a fixed `now`."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from victimcare.notify.safety import HOLD, SEND, WAIT, ContactFacts, contact_decision, next_safe_time

LONDON = ZoneInfo("Europe/London")
NOON = datetime(2026, 4, 7, 12, 0, tzinfo=LONDON)
EVERYTHING = ContactFacts(
    allowed_channels=frozenset({"email", "sms", "letter", "phone"}),
    email="jane@example.com",
    phone="07700900982",
    address="1 High Street\nDurham",
    postcode="DH1 1AA",
)


def test_it_sends_by_an_allowed_channel_with_a_safe_detail():
    for channel in ("email", "sms", "letter"):
        assert contact_decision(EVERYTHING, channel, "suspect_arrested", NOON).action == SEND


def test_it_holds_a_channel_the_victim_did_not_allow():
    facts = replace(EVERYTHING, allowed_channels=frozenset({"email"}))
    decision = contact_decision(facts, "sms", "suspect_arrested", NOON)
    assert decision.action == HOLD
    assert decision.reason == "The victim has not agreed to contact by text message"


def test_it_holds_everything_when_no_channel_is_agreed():
    facts = replace(EVERYTHING, allowed_channels=frozenset())
    assert (
        contact_decision(facts, "email", "x", NOON).reason
        == "The victim has not agreed how they may be contacted"
    )


@pytest.mark.parametrize(
    ("channel", "flag", "reason"),
    [
        ("email", "email_unsafe", "The victim's email address is marked unsafe to use"),
        ("sms", "phone_unsafe", "The victim's phone number is marked unsafe to use"),
        ("letter", "address_unsafe", "The victim's postal address is marked unsafe to use"),
    ],
)
def test_it_never_uses_a_detail_marked_unsafe(channel, flag, reason):
    unsafe: dict[str, Any] = {flag: True}
    decision = contact_decision(replace(EVERYTHING, **unsafe), channel, "suspect_arrested", NOON)
    assert (decision.action, decision.reason) == (HOLD, reason)


@pytest.mark.parametrize(
    ("channel", "blank", "reason"),
    [
        ("email", {"email": ""}, "There is no email address for the victim"),
        ("sms", {"phone": " "}, "There is no phone number for the victim"),
        ("letter", {"postcode": ""}, "There is no postal address for the victim"),
    ],
)
def test_it_holds_when_the_detail_is_missing(channel, blank, reason):
    assert contact_decision(replace(EVERYTHING, **blank), channel, "x", NOON).reason == reason


def test_it_sends_no_letter_where_letters_are_refused():
    decision = contact_decision(replace(EVERYTHING, no_letters=True), "letter", "x", NOON)
    assert (decision.action, decision.reason) == (HOLD, "The victim does not want letters")


def test_it_never_phones_automatically_and_carries_the_no_voicemail_note():
    assert contact_decision(EVERYTHING, "phone", "x", NOON).action == HOLD
    decision = contact_decision(replace(EVERYTHING, no_voicemail=True), "phone", "x", NOON)
    assert decision.reason == "A phone call must be made by a member of staff. Do not leave a voicemail."


def test_it_waits_for_the_safe_time_to_start():
    facts = replace(EVERYTHING, safe_time_from=time(18, 0), safe_time_to=time(20, 0))
    decision = contact_decision(facts, "sms", "suspect_arrested", NOON)
    assert decision.action == WAIT
    assert decision.until == datetime(2026, 4, 7, 18, 0, tzinfo=LONDON)
    assert decision.reason == "Waiting for the victim's safe time (18:00 to 20:00)"


def test_it_waits_until_tomorrow_after_the_window_closes():
    facts = replace(EVERYTHING, safe_time_from=time(9, 0), safe_time_to=time(11, 0))
    decision = contact_decision(facts, "email", "x", NOON)
    assert decision.until == datetime(2026, 4, 8, 9, 0, tzinfo=LONDON)


def test_it_sends_inside_the_safe_time_and_at_its_first_minute():
    facts = replace(EVERYTHING, safe_time_from=time(12, 0), safe_time_to=time(13, 0))
    assert contact_decision(facts, "sms", "x", NOON).action == SEND
    assert contact_decision(facts, "sms", "x", NOON.replace(hour=13)).action == WAIT


def test_it_handles_a_safe_time_across_midnight():
    start, end = time(22, 0), time(6, 0)
    assert next_safe_time(start, end, datetime(2026, 4, 7, 23, 30, tzinfo=LONDON)) is None
    assert next_safe_time(start, end, datetime(2026, 4, 8, 5, 59, tzinfo=LONDON)) is None
    assert next_safe_time(start, end, NOON) == datetime(2026, 4, 7, 22, 0, tzinfo=LONDON)


def test_it_reads_the_safe_time_in_london_time_not_utc():
    # 17:30 UTC on a summer day is 18:30 in London: inside an 18:00-20:00 window.
    facts = replace(EVERYTHING, safe_time_from=time(18, 0), safe_time_to=time(20, 0))
    at = datetime(2026, 7, 1, 17, 30, tzinfo=ZoneInfo("UTC"))
    assert contact_decision(facts, "sms", "x", at).action == SEND


def test_it_lets_a_letter_go_whatever_the_time():
    facts = replace(EVERYTHING, safe_time_from=time(18, 0), safe_time_to=time(20, 0))
    assert contact_decision(facts, "letter", "x", NOON).action == SEND


def test_it_sends_a_sign_in_code_at_once_the_victim_just_asked_for_it():
    facts = replace(EVERYTHING, safe_time_from=time(18, 0), safe_time_to=time(20, 0))
    assert contact_decision(facts, "sms", "sign_in_code", NOON).action == SEND
    # ...but never to an unsafe number.
    assert contact_decision(replace(facts, phone_unsafe=True), "sms", "sign_in_code", NOON).action == HOLD


def test_it_says_when_discreet_mode_is_on():
    assert contact_decision(replace(EVERYTHING, discreet=True), "email", "x", NOON).discreet is True
    assert contact_decision(EVERYTHING, "email", "x", NOON).discreet is False


def test_it_refuses_a_naive_time():
    with pytest.raises(ValueError):
        contact_decision(EVERYTHING, "email", "x", datetime(2026, 4, 7, 12, 0))
