"""The safe-contact rules, in one pure function (no ORM, no clock of its own).

Every message to a victim passes `contact_decision` when it is written and again just before
each attempt to send it, so a victim who marks their email unsafe at noon is not emailed at
12:01 by a message written at 11:59. The sender never decides: services call this.

The rules (people/models.Person holds the preferences; NotificationPreference adds discreet):
1. Only a channel the victim allowed.
2. Never to a contact detail marked unsafe, and never to one that is missing.
3. No letters where refused. No automatic phone calls at all (a person must ring, so a call
   goes to the work queue), and the "no voicemail" note travels with the reason.
4. Only at the victim's safe times: a message due outside them waits until the next safe
   time starts (email, text; a letter arrives in the post whenever it arrives). A one-time
   sign-in code is sent at once: the victim has just asked for it.
5. Discreet mode: the decision says so, and the message is written with a neutral sender
   and wording (messages.render).
6. Restriction of processing (UK GDPR art. 18, docs/adr/0053): while the person's data is
   restricted every message is held, except what they asked for themselves (a sign-in code,
   the answer to their own correction request).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

SEND = "send"
HOLD = "hold"
WAIT = "wait"

CHANNEL_WORDS = {"email": "email", "sms": "text message", "letter": "letter", "phone": "phone"}
# Kinds of message the victim asked for just now, so safe times do not delay them.
ON_REQUEST_KINDS = frozenset({"sign_in_code"})
TIMED_CHANNELS = frozenset({"email", "sms", "phone"})
# Messages that answer the person's own request, so a restriction of processing does not hold them.
RESTRICTION_EXEMPT_KINDS = frozenset({"sign_in_code", "record_corrected"})
RESTRICTED = "Processing of the victim's data is restricted: nothing is sent until the restriction is lifted"


@dataclass(frozen=True)
class ContactFacts:
    """A victim's contact details and preferences, as plain data."""

    allowed_channels: frozenset[str]
    email: str = ""
    email_unsafe: bool = False
    phone: str = ""
    phone_unsafe: bool = False
    address: str = ""
    postcode: str = ""
    address_unsafe: bool = False
    safe_time_from: time | None = None
    safe_time_to: time | None = None
    no_voicemail: bool = False
    no_letters: bool = False
    discreet: bool = False
    restricted: bool = False  # a restriction of processing is in force


@dataclass(frozen=True)
class Decision:
    action: str  # SEND, HOLD or WAIT
    reason: str = ""  # for staff: why it is held or waiting
    until: datetime | None = None  # WAIT: when the next safe time starts (aware, UTC-comparable)
    discreet: bool = False

    @property
    def allowed(self) -> bool:
        return self.action == SEND


def contact_decision(facts: ContactFacts, channel: str, kind: str, now: datetime) -> Decision:
    """May a message of `kind` go to this victim by `channel` at `now` (aware)?

    Returns SEND, HOLD with the reason staff will see, or WAIT with the time it may go."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    held = RESTRICTED if facts.restricted and kind not in RESTRICTION_EXEMPT_KINDS else ""
    held = held or _hold_reason(facts, channel)
    if held:
        return Decision(HOLD, held, discreet=facts.discreet)
    if channel in TIMED_CHANNELS and kind not in ON_REQUEST_KINDS:
        until = next_safe_time(facts.safe_time_from, facts.safe_time_to, now)
        if until is not None:
            start, end = facts.safe_time_from, facts.safe_time_to
            reason = f"Waiting for the victim's safe time ({start:%H:%M} to {end:%H:%M})"
            return Decision(WAIT, reason, until=until, discreet=facts.discreet)
    return Decision(SEND, discreet=facts.discreet)


def _hold_reason(facts: ContactFacts, channel: str) -> str:
    words = CHANNEL_WORDS.get(channel, channel)
    if not facts.allowed_channels:
        return "The victim has not agreed how they may be contacted"
    if channel not in facts.allowed_channels:
        return f"The victim has not agreed to contact by {words}"
    if channel == "phone":
        note = " Do not leave a voicemail." if facts.no_voicemail else ""
        return f"A phone call must be made by a member of staff.{note}"
    if channel == "letter" and facts.no_letters:
        return "The victim does not want letters"
    detail, unsafe, name = _detail(facts, channel)
    if unsafe:
        return f"The victim's {name} is marked unsafe to use"
    if not detail:
        return f"There is no {name} for the victim"
    return ""


def _detail(facts: ContactFacts, channel: str) -> tuple[str, bool, str]:
    if channel == "email":
        return facts.email.strip(), facts.email_unsafe, "email address"
    if channel == "sms":
        return facts.phone.strip(), facts.phone_unsafe, "phone number"
    if channel == "letter":
        has_address = facts.address.strip() and facts.postcode.strip()
        return ("x" if has_address else ""), facts.address_unsafe, "postal address"
    return "", False, f"way to send by {channel}"


def in_safe_window(start: time | None, end: time | None, at: time) -> bool:
    """True if `at` (London wall-clock time) is inside [start, end). A window may cross
    midnight (22:00 to 06:00). No window, or only one end set, means any time."""
    if start is None or end is None or start == end:
        return True
    if start < end:
        return start <= at < end
    return at >= start or at < end


def next_safe_time(start: time | None, end: time | None, now: datetime) -> datetime | None:
    """None if `now` is inside the safe window; otherwise the next moment it opens (London)."""
    local = now.astimezone(LONDON)
    if in_safe_window(start, end, local.time()):
        return None
    assert start is not None  # in_safe_window is True whenever start is None
    day = local.date()
    if local.time() >= start:
        day += timedelta(days=1)
    # The wall-clock start on that day; a start inside the spring-forward gap (01:xx on the
    # last Sunday in March) comes out an hour later, which is still inside the window.
    opening = datetime.combine(day, start, tzinfo=LONDON)
    return opening.astimezone(LONDON)
