"""The advisory panel's writes: members (with consent and contact rules), meetings (agenda,
attendance, minutes) and the actions arising (docs/adr/0047). Every one is keyword-only, in a
transaction, writes its audit row, and refuses with `Refusal` before it writes.

Actions' statuses (TRANSITIONS): open -> responded | done | declined | withdrawn;
responded -> responded | done | declined. "Done" needs what was done and the evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time

from django.db import transaction
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes, snapshot
from victimcare.refusals import Refusal
from victimcare.transitions import StatusTable
from victimcare.voice.panel.models import (
    MEMBER_CHANNELS,
    WITHDRAWN_NAME,
    ActionStatus,
    AgendaItem,
    MemberKind,
    PanelAction,
    PanelMeeting,
    PanelMember,
)

S = ActionStatus
TRANSITIONS = StatusTable(
    {
        S.OPEN: {S.RESPONDED, S.DONE, S.DECLINED, S.WITHDRAWN},
        S.RESPONDED: {S.RESPONDED, S.DONE, S.DECLINED},
        S.DONE: set(),
        S.DECLINED: set(),
        S.WITHDRAWN: set(),
    }
)
CONTACT_FIELDS = (
    "email", "phone", "address", "allowed_channels", "email_unsafe", "phone_unsafe", "address_unsafe",
    "safe_time_from", "safe_time_to", "no_voicemail", "no_letters", "code_word",
)  # fmt: skip


@dataclass(frozen=True)
class ContactRules:
    """How a member may be contacted: the same rules as a victim's (people.models)."""

    email: str = ""
    phone: str = ""
    address: str = ""
    allowed_channels: Sequence[str] = field(default_factory=list)
    email_unsafe: bool = False
    phone_unsafe: bool = False
    address_unsafe: bool = False
    safe_time_from: time | None = None
    safe_time_to: time | None = None
    no_voicemail: bool = False
    no_letters: bool = False
    code_word: str = ""


def _check_rules(rules: ContactRules) -> None:
    known = {c for c, _ in MEMBER_CHANNELS}
    if not set(rules.allowed_channels) <= known:
        raise Refusal("allowed_channels", "Choose only email, text message, phone call or letter")
    needs = {"email": rules.email, "sms": rules.phone, "phone": rules.phone, "letter": rules.address}
    missing = [c for c in rules.allowed_channels if not needs[c].strip()]
    if missing:
        label = dict(MEMBER_CHANNELS)[missing[0]].lower()
        raise Refusal("allowed_channels", f"Enter the details for {label}, or do not allow it")
    if (rules.safe_time_from is None) != (rules.safe_time_to is None):
        raise Refusal("safe_time_from", "Enter both times it is safe to contact them, or neither")


def _panel_manager(actor: User) -> None:
    if not can(actor, Capability.MANAGE_ADVISORY_PANEL):
        raise Refusal("", "You cannot change the advisory panel")


@transaction.atomic
def panel_member_add(
    *,
    actor: User,
    name: str,
    kind: str,
    member_organisation: str,
    consent_recorded_on: date,
    rules: ContactRules,
) -> PanelMember:
    """Add a member who agreed to the office holding their details to run the panel."""
    _panel_manager(actor)
    if kind not in MemberKind.values:
        raise Refusal("kind", "Choose whether they are an expert or a person with lived experience")
    if not name.strip():
        raise Refusal("name", "Enter their name")
    _check_rules(rules)
    assert actor.organisation is not None
    member = PanelMember.objects.create(
        organisation=actor.organisation,
        name=name.strip(),
        kind=kind,
        member_organisation=member_organisation.strip(),
        consent_recorded_on=consent_recorded_on,
        created_by=actor,
        **{f: getattr(rules, f) for f in CONTACT_FIELDS if f != "allowed_channels"},
        allowed_channels=list(rules.allowed_channels),
    )
    audit_record(actor=actor, action=Action.CREATE, obj=member, detail=member.get_kind_display())
    return member


@transaction.atomic
def panel_member_consent_withdraw(*, actor: User, member: PanelMember) -> PanelMember:
    """The member withdrew their consent: their name and every contact detail and rule are
    deleted; past meetings keep their attendance as "Former member"."""
    _panel_manager(actor)
    if not member.active:
        raise Refusal("", "They have already withdrawn their consent")
    held = [f for f in ("email", "phone", "address", "code_word") if getattr(member, f)]
    removed = "Their name" + (", " + ", ".join(f.replace("_", " ") for f in held) if held else "")
    member.removed = f"{removed} and contact rules deleted."
    member.name, member.consent_withdrawn_at = WITHDRAWN_NAME, timezone.now()
    for f, empty in (
        ("email", ""),
        ("phone", ""),
        ("address", ""),
        ("code_word", ""),
        ("allowed_channels", []),
    ):
        setattr(member, f, empty)
    for f in ("email_unsafe", "phone_unsafe", "address_unsafe", "no_voicemail", "no_letters"):
        setattr(member, f, False)
    member.safe_time_from = member.safe_time_to = None
    member.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=member, detail=f"Consent withdrawn. {member.removed}")
    return member


def _agenda(items: Sequence[str]) -> list[str]:
    return [i.strip() for i in items if i.strip()]


def _attendees(actor: User, member_ids: Sequence[int]) -> list[PanelMember]:
    found = list(
        PanelMember.objects.filter(
            organisation_id=actor.organisation_id or 0, consent_withdrawn_at__isnull=True, pk__in=member_ids
        )
    )
    if len(found) != len(set(member_ids)):
        raise Refusal("attendees", "Choose members of the panel who have not withdrawn")
    return found


@transaction.atomic
def panel_meeting_record(
    *,
    actor: User,
    held_on: date,
    place: str,
    agenda: Sequence[str],
    attendee_ids: Sequence[int],
    minutes: str = "",
) -> PanelMeeting:
    _panel_manager(actor)
    items = _agenda(agenda)
    if not items:
        raise Refusal("agenda", "Enter at least one agenda item")
    attendees = _attendees(actor, attendee_ids)
    assert actor.organisation is not None
    meeting = PanelMeeting.objects.create(
        organisation=actor.organisation, held_on=held_on, place=place.strip(), minutes=minutes.strip(),
        created_by=actor,
    )  # fmt: skip
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=i, title=t) for i, t in enumerate(items, start=1)
    )
    meeting.attendees.set(attendees)
    audit_record(actor=actor, action=Action.CREATE, obj=meeting, detail=f"{len(items)} agenda items")
    return meeting


@transaction.atomic
def panel_meeting_update(
    *,
    actor: User,
    meeting: PanelMeeting,
    held_on: date,
    place: str,
    agenda: Sequence[str],
    attendee_ids: Sequence[int],
    minutes: str,
) -> PanelMeeting:
    """Change a meeting's details, agenda, attendance or minutes. Members who have withdrawn
    stay in the attendance they were already in."""
    _panel_manager(actor)
    items = _agenda(agenda)
    if not items:
        raise Refusal("agenda", "Enter at least one agenda item")
    withdrawn = list(meeting.attendees.filter(consent_withdrawn_at__isnull=False))
    attendees = _attendees(actor, attendee_ids)
    before = snapshot(meeting, ("held_on", "place", "minutes"))
    meeting.held_on, meeting.place, meeting.minutes = held_on, place.strip(), minutes.strip()
    meeting.save(update_fields=["held_on", "place", "minutes"])
    meeting.agenda.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=i, title=t) for i, t in enumerate(items, start=1)
    )
    meeting.attendees.set([*attendees, *withdrawn])
    changes = field_changes(before, snapshot(meeting, ("held_on", "place", "minutes")))
    audit_record(actor=actor, action=Action.UPDATE, obj=meeting, changes=changes)
    return meeting


@transaction.atomic
def panel_action_raise(
    *, actor: User, meeting: PanelMeeting, description: str, owner: User, due: date, for_mission_board: bool
) -> PanelAction:
    _panel_manager(actor)
    if not can(owner, Capability.MANAGE_ADVISORY_PANEL) or owner.organisation_id != actor.organisation_id:
        raise Refusal("owner", "Choose a Champion or victim care supervisor as the owner")
    if not description.strip():
        raise Refusal("description", "Enter the action")
    action = PanelAction.objects.create(
        organisation=meeting.organisation, meeting=meeting, description=description.strip(), owner=owner,
        due=due, for_mission_board=for_mission_board, created_by=actor,
    )  # fmt: skip
    audit_record(actor=actor, action=Action.CREATE, obj=action, detail=f"from {meeting}")
    return action


@transaction.atomic
def panel_action_respond(
    *, actor: User, action: PanelAction, status: str, response: str, evidence: str
) -> PanelAction:
    """Record the response to an action, and when it is done, what was done and the evidence."""
    _panel_manager(actor)
    if status == S.WITHDRAWN or not TRANSITIONS.allows(action.status, status):
        raise Refusal("status", "An action cannot move to that status from where it is")
    if not response.strip():
        raise Refusal("response", "Enter the response")
    if status == S.DONE and not evidence.strip():
        raise Refusal("evidence", "Enter the evidence that it was done")
    before = snapshot(action, ("status", "response", "evidence"))
    action.status, action.response, action.evidence = status, response.strip(), evidence.strip()
    action.save(update_fields=["status", "response", "evidence"])
    changes = field_changes(before, snapshot(action, ("status", "response", "evidence")))
    audit_record(actor=actor, action=Action.UPDATE, obj=action, changes=changes)
    return action


@transaction.atomic
def panel_action_withdraw(*, actor: User, action: PanelAction) -> PanelAction:
    _panel_manager(actor)
    if not TRANSITIONS.allows(action.status, S.WITHDRAWN):
        raise Refusal("status", "Only an action still waiting for a response can be withdrawn")
    before = action.status
    action.status = S.WITHDRAWN
    action.save(update_fields=["status"])
    audit_record(actor=actor, action=Action.UPDATE, obj=action, changes={"status": [before, S.WITHDRAWN]})
    return action
