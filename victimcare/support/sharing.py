"""What a referral may share with a service, and the snapshot of it taken when it is sent.

The victim (or a parent or guardian) agrees to each item. The default is the minimum a service
needs to make safe contact: the name, how and when it is safe to contact them, and one contact
detail they agreed to be contacted on. A detail marked unsafe (for example a phone the suspect
can see) can never be shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from victimcare.cases.models import VictimCase
from victimcare.people.models import Channel, Person
from victimcare.support.models import NeedArea, NeedLevel, NeedsAssessment

SHARE_ITEMS: dict[str, str] = {
    "name": "Name",
    "safe_contact": "How and when it is safe to contact them (no code word)",
    "phone": "Phone number",
    "email": "Email address",
    "address": "Address and postcode",
    "date_of_birth": "Date of birth",
    "language": "Language, interpreter and access needs",
    "crime_type": "Type of crime and when it happened",
    "crime_reference": "Crime reference number",
    "needs": "Their level of need in each area (latest needs assessment)",
    "needs_notes": "The notes from the latest needs assessment",
    "vulnerability": "Vulnerability recorded on their record",
    "reason": "Why they are being referred",
}
REQUIRED_ITEMS = ("name",)
_UNSAFE = {"phone": "phone_unsafe", "email": "email_unsafe", "address": "address_unsafe"}
# The items a provider is kept up to date on after sending, with the person's fields each is
# made from: how and when it is safe to contact the victim, and on which details (docs/adr/0042).
# Everything else stays as it was when sent.
FOLLOWED_ITEMS: dict[str, frozenset[str]] = {
    "safe_contact": frozenset(
        {"allowed_channels", "safe_time_from", "safe_time_to", "no_voicemail", "no_letters"}
    ),
    "phone": frozenset({"phone", "phone_unsafe"}),
    "email": frozenset({"email", "email_unsafe"}),
    "address": frozenset({"address", "postcode", "address_unsafe"}),
}
FOLLOWED_FIELDS = frozenset().union(*FOLLOWED_ITEMS.values())
WITHDRAWN = "Do not use: it is no longer safe to contact them this way"
NO_LONGER_RECORDED = "No longer recorded: ask the victim care service"


@dataclass(frozen=True)
class ShareChoice:
    key: str
    label: str
    available: bool
    why_not: str = ""


def share_choices(person: Person) -> list[ShareChoice]:
    """Every item, with whether it can be shared for this victim and, if not, why."""
    out = []
    for key, label in SHARE_ITEMS.items():
        why = ""
        if key in _UNSAFE and getattr(person, _UNSAFE[key]):
            why = "marked unsafe on their record"
        elif key in _UNSAFE and not _contact_value(person, key):
            why = "not recorded"
        out.append(ShareChoice(key, label, available=not why, why_not=why))
    return out


def minimum_items(person: Person) -> list[str]:
    """The default choice: name, safe-contact rules and the first agreed, safe contact detail."""
    items = ["name", "safe_contact"]
    available = {c.key for c in share_choices(person) if c.available}
    order = [c for c in person.allowed_channels if c in (Channel.PHONE, Channel.SMS, Channel.EMAIL)]
    for channel in [*order, Channel.PHONE, Channel.EMAIL]:
        key = "email" if channel == Channel.EMAIL else "phone"
        if key in available:
            items.append(key)
            break
    return items


def unavailable_reason(person: Person, items: list[str]) -> str:
    """Why one of `items` cannot be shared, or "" if all can."""
    choices = {c.key: c for c in share_choices(person)}
    for key in items:
        choice = choices.get(key)
        if choice is None:
            return f"Unknown item: {key}"
        if not choice.available:
            return f"{choice.label} cannot be shared: {choice.why_not}"
    return ""


def _contact_value(person: Person, key: str) -> str:
    if key == "address":
        return ", ".join(p for p in (person.address.strip(), person.postcode.strip()) if p)
    return str(getattr(person, key) or "").strip()


def snapshot_for(
    case: VictimCase, items: list[str], assessment: NeedsAssessment | None, reason: str
) -> list[dict[str, Any]]:
    """The agreed items' values as they are now, in SHARE_ITEMS order: what the provider sees."""
    person, crime = case.person, case.crime
    out = []
    for key, label in SHARE_ITEMS.items():
        if key not in items:
            continue
        value = _value(key, case, person, crime, assessment, reason)
        facts = _safe_contact_facts(person) if key == "safe_contact" else {}
        out.append({"item": key, "label": label.split(" (")[0], "value": value, **facts})
    return out


def _safe_contact_facts(person: Person) -> dict[str, Any]:
    """The rules as data beside their words, so the provider's pages can suggest only a way the
    victim agreed to (docs/adr/0061)."""
    return {
        "channels": [c for c in person.allowed_channels if c in Channel.values],
        "no_voicemail": person.no_voicemail,
        "no_letters": person.no_letters,
    }


# Which shared item a way of contact needs (a phone call or text needs the phone number).
CHANNEL_NEEDS = {"phone": "phone", "sms": "phone", "email": "email", "letter": "address"}


@dataclass(frozen=True)
class SafeWays:
    """What a provider was told of how it may contact the victim, from the snapshot alone."""

    known: bool  # the safe-contact rules were shared (else nothing may be suggested)
    channels: tuple[str, ...]  # agreed ways the provider also has the detail for, in the victim's order
    no_voicemail: bool = False


def safe_ways(snapshot: list[dict[str, Any]]) -> SafeWays:
    """The ways of contact a provider may use: those the victim agreed to, whose detail was
    shared and not since withdrawn as unsafe (and no letters if they said no letters). A
    snapshot without the rules (not shared, or sent before they were kept as data) gives none."""
    items = {e.get("item"): e for e in snapshot}
    rules = items.get("safe_contact")
    if rules is None or "channels" not in rules:
        return SafeWays(known=False, channels=())
    usable = []
    for channel in rules["channels"]:
        needed = CHANNEL_NEEDS.get(channel)
        if needed is None:
            continue
        detail = items.get(needed)
        if detail is None or detail.get("value") in (WITHDRAWN, NO_LONGER_RECORDED, ""):
            continue
        if channel == "letter" and rules.get("no_letters"):
            continue
        usable.append(channel)
    return SafeWays(known=True, channels=tuple(usable), no_voicemail=bool(rules.get("no_voicemail")))


def snapshot_refreshed(items: list[dict[str, Any]], person: Person) -> list[dict[str, Any]]:
    """A sent referral's snapshot with its FOLLOWED_ITEMS as the person's record says now: the
    current rules, and a contact detail withdrawn once it is marked unsafe. Only the items the
    victim agreed to share are there to refresh; nothing is added."""
    out = []
    for entry in items:
        key = entry.get("item", "")
        if key not in FOLLOWED_ITEMS:
            out.append(entry)
            continue
        if key == "safe_contact":
            out.append({**entry, "value": _safe_contact(person), **_safe_contact_facts(person)})
            continue
        if getattr(person, _UNSAFE[key]):
            value = WITHDRAWN
        else:
            value = _contact_value(person, key) or NO_LONGER_RECORDED
        out.append({**entry, "value": value})
    return out


def _value(
    key: str, case: VictimCase, person: Person, crime: Any, assessment: NeedsAssessment | None, reason: str
) -> str:
    if key == "name":
        return person.full_name
    if key in _UNSAFE:
        return _contact_value(person, key)
    if key == "safe_contact":
        return _safe_contact(person)
    if key == "date_of_birth":
        return person.date_of_birth.strftime("%-d %B %Y") if person.date_of_birth else "Not known"
    if key == "language":
        return _language(person)
    if key == "crime_type":
        when = crime.occurred_at or crime.reported_at
        return f"{crime.crime_type}; {', '.join(crime.flag_labels) or 'no flags'}; {when:%-d %B %Y}"
    if key == "crime_reference":
        return str(crime.crime_reference)
    if key in ("needs", "needs_notes"):
        return _needs(assessment, notes=key == "needs_notes")
    if key == "vulnerability":
        return "; ".join(person.flag_labels) or "None recorded"
    if key == "reason":
        return reason or "Not given"
    raise ValueError(key)


def _safe_contact(person: Person) -> str:
    parts = [f"Contact by: {', '.join(person.channel_labels) or 'not agreed yet'}."]
    if person.safe_time_from and person.safe_time_to:
        parts.append(f"Safe times: {person.safe_time_from:%H:%M} to {person.safe_time_to:%H:%M}.")
    if person.no_voicemail:
        parts.append("Do not leave voicemail.")
    if person.no_letters:
        parts.append("Do not send letters.")
    return " ".join(parts)


def _language(person: Person) -> str:
    language = person.other_language if person.language == "other" else person.get_language_display()
    parts = [str(language)]
    if person.interpreter_needed:
        parts.append("needs an interpreter")
    if person.accessibility_needs:
        parts.append(person.accessibility_needs)
    return "; ".join(parts)


def _needs(assessment: NeedsAssessment | None, *, notes: bool) -> str:
    if assessment is None:
        return "No needs assessment completed"
    labels, levels = dict(NeedArea.choices), dict(NeedLevel.choices)
    lines = []
    for a in assessment.areas.all():
        if notes:
            if a.notes:
                lines.append(f"{labels[a.area]}: {a.notes}")
        elif a.level != NeedLevel.NONE:
            lines.append(f"{labels[a.area]}: {levels[a.level]}")
    return "\n".join(lines) or "None recorded"
