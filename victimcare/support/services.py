"""State changes for needs assessments, the services directory and referrals.

Each function is keyword-only, runs in one transaction and writes its audit row. A refused
change raises SupportError naming the input at fault and saying why, in words staff can act on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.accounts.models import Organisation, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes, snapshot
from victimcare.cases.events import VICTIM_DECLINE_REASONS
from victimcare.cases.models import Event, EventSource, VictimCase
from victimcare.cases.services import CaseError, event_record
from victimcare.people.models import restriction_in_force
from victimcare.refusals import Refusal
from victimcare.rights.workdays import local_date
from victimcare.support import targets
from victimcare.support.models import (
    DEFAULT_ACCEPT_WITHIN_DAYS,
    DEFAULT_CONTACT_TRIES,
    DEFAULT_FIRST_CONTACT_WITHIN_DAYS,
    ENHANCED_PROMPTS,
    AttemptOutcome,
    ConsentBy,
    ConsentMethod,
    ContactAttempt,
    ContactChannel,
    DisengagedReason,
    NeedArea,
    NeedLevel,
    NeedsAssessment,
    NeedsAssessmentArea,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    Service,
)
from victimcare.support.sharing import REQUIRED_ITEMS, snapshot_for, unavailable_reason
from victimcare.transitions import StatusTable

S = ReferralStatus


SupportError = Refusal  # the one refusal type (victimcare/refusals.py)


# --- needs assessments ------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedsInput:
    levels: Mapping[str, str]  # {NeedArea: NeedLevel}
    notes: Mapping[str, str]  # {NeedArea: text}
    prompts: Mapping[str, bool]  # {ENHANCED_PROMPTS key: answer}
    hard_to_travel: bool = False
    summary: str = ""


def needs_draft_for(case: VictimCase) -> NeedsAssessment | None:
    return NeedsAssessment.objects.filter(case=case, status=NeedsAssessment.Status.DRAFT).first()


@transaction.atomic
def needs_assessment_save(
    *, actor: User, case: VictimCase, data: NeedsInput, complete: bool
) -> NeedsAssessment:
    """Save the case's draft assessment (starting one if there is none) and, with
    complete=True, complete it: the `needs_assessment_completed` event is recorded and the
    assessment can no longer change. A later re-assessment starts a new draft."""
    for area, level in data.levels.items():
        if area not in NeedArea.values or level not in NeedLevel.values:
            raise SupportError(f"level_{area}", "Choose a level of need")
    if complete:
        missing = [a for a in NeedArea if a.value not in data.levels]
        if missing:
            raise SupportError(
                f"level_{missing[0].value}", f"Choose a level of need for {missing[0].label.lower()}"
            )
    assessment = (
        NeedsAssessment.objects.select_for_update()
        .filter(case=case, status=NeedsAssessment.Status.DRAFT)
        .first()
    )
    created = assessment is None
    if assessment is None:
        assessment = NeedsAssessment(organisation_id=case.organisation_id, case=case, created_by=actor)
    for name in ENHANCED_PROMPTS:
        setattr(assessment, name, bool(data.prompts.get(name, False)))
    assessment.hard_to_travel = data.hard_to_travel
    assessment.summary = data.summary
    assessment.save()
    _save_areas(assessment, data)
    if complete:
        now = timezone.now()
        assessment.event = event_record(
            actor=actor, case=case, type="needs_assessment_completed", occurred_at=now
        )
        assessment.status = NeedsAssessment.Status.COMPLETE
        assessment.completed_at = now
        assessment.completed_by = actor
        assessment.save(update_fields=["event", "status", "completed_at", "completed_by"])
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        obj=assessment,
        person=case.person,
        case=case,
        detail="needs assessment completed" if complete else "needs assessment draft saved",
    )
    return assessment


def _save_areas(assessment: NeedsAssessment, data: NeedsInput) -> None:
    existing = {a.area: a for a in assessment.areas.all()}
    for area in NeedArea.values:
        if area not in data.levels and area not in data.notes:
            continue
        row = existing.get(area) or NeedsAssessmentArea(assessment=assessment, area=area)
        row.level = data.levels.get(area, NeedLevel.NONE)
        row.notes = data.notes.get(area, "")
        row.save()


# --- the services directory -------------------------------------------------------------------

SERVICE_FIELDS = (
    "organisation",
    "name",
    "description",
    "needs_met",
    "crime_types",
    "crime_flags",
    "min_age",
    "max_age",
    "sex",
    "areas",
    "covers_everywhere",
    "reach",
    "how_to_refer",
    "referral_email",
    "phone",
    "website",
    "capacity",
    "waiting_weeks",
    "accept_within_days",
    "first_contact_within_days",
    "contact_tries",
    "active",
)


def _check_service(directory: Organisation, data: Mapping[str, Any], service: Service | None) -> None:
    unknown = set(data) - set(SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown service fields: {sorted(unknown)}")
    org = data.get("organisation")
    if org is not None and org.kind != Organisation.Kind.PROVIDER:
        raise SupportError("organisation", "Choose a provider organisation, or none for an external service")
    same_name = Service.objects.filter(directory=directory, name=data.get("name", ""))
    if service is not None:
        same_name = same_name.exclude(pk=service.pk)
    if same_name.exists():
        raise SupportError("name", "A service with this name is already in the directory")
    lo, hi = data.get("min_age"), data.get("max_age")
    if lo is not None and hi is not None and lo > hi:
        raise SupportError("max_age", "The oldest age must be the same as or more than the youngest age")
    _check_targets(data, service)


def _check_targets(data: Mapping[str, Any], service: Service | None) -> None:
    def value(name: str, default: int) -> int:
        return int(data.get(name, getattr(service, name) if service is not None else default))

    accept = value("accept_within_days", DEFAULT_ACCEPT_WITHIN_DAYS)
    contact = value("first_contact_within_days", DEFAULT_FIRST_CONTACT_WITHIN_DAYS)
    tries = value("contact_tries", DEFAULT_CONTACT_TRIES)
    if not 1 <= accept <= 60:
        raise SupportError("accept_within_days", "Enter a number of working days from 1 to 60")
    if not accept <= contact <= 60:
        raise SupportError(
            "first_contact_within_days",
            "First contact cannot be due before the referral is due to be accepted: enter a number "
            "of working days at least as many as for accepting, and no more than 60",
        )
    if not 1 <= tries <= 20:
        raise SupportError("contact_tries", "Enter a number of tries from 1 to 20")


@transaction.atomic
def service_create(*, actor: User | None, directory: Organisation, data: Mapping[str, Any]) -> Service:
    _check_service(directory, data, None)
    service = Service.objects.create(directory=directory, **data)
    audit_record(actor=actor, action=Action.CREATE, obj=service, detail=service.name)
    return service


@transaction.atomic
def service_update(*, actor: User | None, service: Service, data: Mapping[str, Any]) -> Service:
    _check_service(service.directory, data, service)
    before = snapshot(service, data)
    for name, value in data.items():
        setattr(service, name, value)
    changes = field_changes(before, snapshot(service, data))
    if changes:
        service.save()
        audit_record(actor=actor, action=Action.UPDATE, obj=service, changes=changes, detail=service.name)
    return service


# --- referrals --------------------------------------------------------------------------------

# Which status may follow which (the one shape of status table: victimcare/transitions.py).
REFERRAL_STATUSES = StatusTable(
    {
        S.DRAFT: {S.SENT, S.DECLINED_BY_VICTIM},
        S.SENT: {S.ACCEPTED, S.DECLINED},
        S.ACCEPTED: {S.FIRST_CONTACT, S.CLOSED},
        S.FIRST_CONTACT: {S.ENGAGED, S.CLOSED},
        S.ENGAGED: {S.CLOSED},
        S.DECLINED: set(),
        S.CLOSED: set(),
        S.DECLINED_BY_VICTIM: set(),
    }
)
# action -> (the status it leads to, the event it records)
ACTIONS: dict[str, tuple[str, str]] = {
    "send": (S.SENT, "referred_to_support"),
    "decline_by_victim": (S.DECLINED_BY_VICTIM, "referral_declined_by_victim"),
    "accept": (S.ACCEPTED, "referral_accepted"),
    "decline": (S.DECLINED, "referral_declined"),
    "first_contact": (S.FIRST_CONTACT, "referral_first_contact"),
    "engage": (S.ENGAGED, "referral_engaged"),
    "close": (S.CLOSED, "referral_closed"),
}
# The same, read by action: (the statuses it may start from, where it leads, its event).
TRANSITIONS: dict[str, tuple[frozenset[str], str, str]] = {
    action: (REFERRAL_STATUSES.sources(to), to, event_type) for action, (to, event_type) in ACTIONS.items()
}
ACTION_LABELS = {
    "send": "Send the referral",
    "decline_by_victim": "The victim does not want this referral",
    "accept": "Accept the referral",
    "decline": "Decline the referral",
    "first_contact": "Record first contact",
    "engage": "Record that the victim is engaging",
    "close": "Close the referral",
}
_DOING = {
    "send": "Sending it",
    "decline_by_victim": "Recording that the victim said no",
    "accept": "Accepting it",
    "decline": "Declining it",
    "first_contact": "Recording first contact",
    "engage": "Recording that the victim is engaging",
    "close": "Closing it",
}
_IS = {
    S.DRAFT: "has not been sent yet",
    S.SENT: "is waiting for the service to accept or decline it",
    S.ACCEPTED: "has been accepted and is waiting for first contact with the victim",
    S.DECLINED: "was declined by the service, so it is finished",
    S.FIRST_CONTACT: "already has first contact recorded",
    S.ENGAGED: "already shows the victim engaging",
    S.CLOSED: "is closed",
    S.DECLINED_BY_VICTIM: "was turned down by the victim, so it is finished",
}
# The timestamp column each status sets.
_MOMENT = {
    S.SENT: "sent_at",
    S.ACCEPTED: "accepted_at",
    S.DECLINED: "declined_at",
    S.FIRST_CONTACT: "first_contact_at",
    S.ENGAGED: "engaged_at",
    S.CLOSED: "closed_at",
    S.DECLINED_BY_VICTIM: "declined_by_victim_at",
}
PROVIDER_ACTIONS = frozenset({"accept", "decline", "first_contact", "engage", "close"})


def allowed_actions(referral: Referral) -> list[str]:
    """The steps this referral's status allows next, in workflow order."""
    return [
        action for action, (to, _type) in ACTIONS.items() if REFERRAL_STATUSES.allows(referral.status, to)
    ]


def refusal(referral: Referral, action: str) -> str:
    """Why `action` is not allowed now, or "" if it is."""
    if REFERRAL_STATUSES.allows(referral.status, ACTIONS[action][0]):
        return ""
    return f"{_DOING[action]} is not possible: this referral {_IS[S(referral.status)]}."


def who_may_record(referral: Referral, actor: User, action: str) -> str:
    """Why `actor` may not record `action` on this referral, or "" if they may. After sending, a
    service of ours records its own steps; steps of an external service are recorded by staff."""
    is_provider = can(actor, Capability.PROVIDER_REFERRALS)
    if action not in PROVIDER_ACTIONS:
        return "Only the victim care service can do this." if is_provider else ""
    if referral.provider_id is None:
        return "" if not is_provider else "This service records its own steps."
    if is_provider and actor.organisation_id == referral.provider_id:
        return ""
    return f"{referral.service.name} records this step itself, in its workspace."


@transaction.atomic
def referral_create(*, actor: User, case: VictimCase, service: Service, reason: str = "") -> Referral:
    """A draft referral: nothing leaves until consent is recorded and it is sent."""
    if not service.active:
        raise SupportError("service", f"{service.name} is not taking referrals at the moment")
    if service.directory_id != case.organisation_id:
        raise SupportError("service", "Choose a service from your directory")
    referral = Referral.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        service=service,
        provider_id=service.organisation_id,
        reason=reason,
        created_by=actor,
    )
    audit_record(
        actor=actor, action=Action.CREATE, obj=referral, person=case.person, case=case, detail=service.name
    )
    return referral


@transaction.atomic
def referral_consent_record(
    *, actor: User, referral: Referral, by: str, method: str, at: datetime, items: list[str]
) -> Referral:
    """Record who agreed to the referral, how, when, and exactly which items may be shared."""
    referral = _locked(referral)
    if referral.status != S.DRAFT:
        raise SupportError(
            "items", "Consent cannot change after the referral is sent: the details have gone."
        )
    if by not in ConsentBy.values:
        raise SupportError("consent_by", "Choose who agreed to the referral")
    if method not in ConsentMethod.values:
        raise SupportError("consent_method", "Choose how they agreed")
    if at > timezone.now():
        raise SupportError("consent_on", "The date they agreed must be today or in the past")
    missing = [i for i in REQUIRED_ITEMS if i not in items]
    if missing:
        raise SupportError("items", "The service needs at least the victim's name")
    why = unavailable_reason(referral.case.person, items)
    if why:
        raise SupportError("items", why)
    before = snapshot(referral, ("consent_by", "consent_method", "consent_at", "shared_items"))
    referral.consent_by, referral.consent_method, referral.consent_at = by, method, at
    referral.shared_items = [i for i in items]
    referral.consent_recorded_by = actor
    referral.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=referral,
        person=referral.case.person,
        case=referral.case,
        changes=field_changes(before, snapshot(referral, before)),
        detail="consent recorded",
    )
    return referral


def referral_preview(referral: Referral) -> list[dict[str, Any]]:
    """What sending would share now: the snapshot before it is taken (shown to staff)."""
    return snapshot_for(
        referral.case, list(referral.shared_items), _latest_assessment(referral.case), referral.reason
    )


def _latest_assessment(case: VictimCase) -> NeedsAssessment | None:
    return (
        NeedsAssessment.objects.filter(case=case, status=NeedsAssessment.Status.COMPLETE)
        .prefetch_related("areas")
        .order_by("-completed_at", "-id")
        .first()
    )


RESTRICTED_NO_REFERRAL = (
    "You cannot send this referral: processing of the victim's data is restricted, so nothing "
    "about them may be shared until the data protection officer lifts the restriction."
)
SAFE_CONTACT_FIRST = (
    "You cannot send this referral yet: first agree with the victim how and when it is safe to "
    "contact them, or record why that could not be done"
)


@transaction.atomic
def referral_send(*, actor: User, referral: Referral, occurred_at: datetime | None = None) -> Referral:
    """Send the referral (for an external service: record that staff sent it outside the system).
    Refused without consent, and until the victim's safe-contact rules are agreed with them
    (or why they could not be is recorded: people.services.safe_contact_agreement_record).
    The shared items are copied onto the referral as they are now:
    the provider only ever sees that copy. Records `referred_to_support`, which meets Right 4."""
    referral = _locked(referral)
    _check(referral, actor, "send")
    if not referral.has_consent:
        raise SupportError(
            "consent",
            "You cannot send this referral yet: first record the victim's consent and what they agree to share.",
        )
    restriction = restriction_in_force(referral.case.person_id)
    if restriction is not None:
        raise SupportError("", f"{RESTRICTED_NO_REFERRAL} Reason: {restriction.reason}")
    if not referral.case.person.safe_contact_settled:
        raise SupportError("safe_contact", SAFE_CONTACT_FIRST)
    if not referral.service.active:
        raise SupportError("service", f"{referral.service.name} is not taking referrals at the moment")
    why = unavailable_reason(referral.case.person, list(referral.shared_items))
    if why:
        raise SupportError("items", f"{why}. Record consent again with what can be shared.")
    if occurred_at is not None and referral.consent_at is not None and occurred_at < referral.consent_at:
        raise SupportError("occurred_on", "The referral cannot have been sent before the victim agreed to it")
    referral.snapshot = referral_preview(referral)
    if referral.provider_id is not None:
        referral.accept_by, referral.first_contact_by = targets.due_dates(
            referral.service, occurred_at or timezone.now()
        )
    return _advance(
        actor=actor,
        referral=referral,
        action="send",
        occurred_at=occurred_at,
        payload={"service": referral.service.name},
    )


@transaction.atomic
def referral_step(
    *,
    actor: User,
    referral: Referral,
    action: str,
    occurred_at: datetime | None = None,
    reason: str = "",
    outcome: str = "",
    outcome_code: str = "",
    disengaged_reason: str = "",
    channel: str = "",
    notes: str = "",
    source: str = EventSource.STAFF,
    victim_reason: str = "",
    victim_reason_other: str = "",
) -> Referral:
    """Record one step after sending (accept, decline, first_contact, engage, close) or, on a
    draft, that the victim does not want it (decline_by_victim, with why: `victim_reason`, one
    of VICTIM_DECLINE_REASONS, and their words for "other"). `source` says where the step
    came from for the timeline (the pages, or a provider's system through the API).

    Closing takes the structured outcome (`outcome_code`, a ReferralOutcome; for "disengaged"
    a `disengaged_reason`) with `outcome` as optional words. Only a provider's system through
    the API may still close with words alone (its contract predates the structured outcome:
    the commissioning figures count those as "no outcome recorded")."""
    if action not in ACTIONS or action == "send":
        raise ValueError(f"Unknown step: {action}")
    referral = _locked(referral)
    _check(referral, actor, action)
    payload: dict[str, Any] = {}
    if action == "decline":
        if not reason.strip():
            raise SupportError("reason", "Enter why the service cannot take the referral")
        referral.decline_reason = reason.strip()
        payload["reason"] = referral.decline_reason
    elif action == "close":
        _close_outcome(referral, outcome, outcome_code, disengaged_reason, source)
        payload["outcome"] = referral.outcome
    elif action == "decline_by_victim":
        payload.update(_victim_decline_payload(victim_reason, victim_reason_other))
    elif action == "first_contact":
        if not channel:
            raise SupportError("channel", "Choose how they made contact")
        payload["channel"] = channel
    return _advance(
        actor=actor,
        referral=referral,
        action=action,
        occurred_at=occurred_at,
        payload=payload,
        notes=notes,
        source=source,
    )


def _close_outcome(referral: Referral, words: str, code: str, reason: str, source: str) -> None:
    words = words.strip()
    if not code:
        if source != EventSource.API:
            raise SupportError("outcome_code", "Choose the outcome")
        if not words:
            raise SupportError("outcome", "Enter the outcome")
        referral.outcome = words
        return
    if code not in ReferralOutcome.values:
        raise SupportError("outcome_code", "Choose the outcome")
    if code == ReferralOutcome.DISENGAGED:
        if reason not in DisengagedReason.values:
            raise SupportError("disengaged_reason", "Choose why the victim stopped taking part")
        if reason == DisengagedReason.OTHER and not words:
            raise SupportError("outcome", "Enter why the victim stopped taking part")
    else:
        reason = ""
    label = str(ReferralOutcome(code).label)
    if reason:
        label = f"{label}: {str(DisengagedReason(reason).label).lower()}"
    referral.outcome_code, referral.disengaged_reason = code, reason
    referral.outcome = f"{label}. {words}" if words else label


def _victim_decline_payload(reason: str, other: str) -> dict[str, str]:
    """Why the victim said no, for the event: a reason from the list ("other" needs their
    words). None given (an import, an older client) is recorded as not recorded."""
    if not reason:
        if other.strip():
            raise SupportError("victim_reason", "Choose why the victim does not want support")
        return {}
    if reason not in {code for code, _ in VICTIM_DECLINE_REASONS}:
        raise SupportError("victim_reason", "Choose why the victim does not want support")
    if reason == "other" and not other.strip():
        raise SupportError("victim_reason_other", "Enter the victim's reason")
    return {"reason": reason, **({"reason_other": other.strip()} if reason == "other" else {})}


@transaction.atomic
def support_decline_by_victim(
    *,
    actor: User,
    case: VictimCase,
    occurred_at: datetime | None = None,
    notes: str = "",
    reason: str = "",
    reason_other: str = "",
) -> Event:
    """The victim does not want to be referred for support at all, and why (`reason`, one of
    VICTIM_DECLINE_REASONS; `reason_other`, their words for "other"). Right 4 is then not
    applicable, if they said so before it fell due (the engine's rule: a later "no" does not
    undo a referral that was already late)."""
    payload = _victim_decline_payload(reason, reason_other)
    return _event(
        actor, case, "referral_declined_by_victim", occurred_at or timezone.now(), payload, None, notes
    )


def _locked(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "case__person", "case__crime", "service")
        .get(pk=referral.pk)
    )


def _check(referral: Referral, actor: User, action: str) -> None:
    why = refusal(referral, action) or who_may_record(referral, actor, action)
    if why:
        raise SupportError("action", why)


def _advance(
    *,
    actor: User,
    referral: Referral,
    action: str,
    occurred_at: datetime | None,
    payload: dict[str, Any],
    notes: str = "",
    source: str = EventSource.STAFF,
) -> Referral:
    to, event_type = ACTIONS[action]
    now = timezone.now()
    at = occurred_at or now
    if at > now:
        raise SupportError("occurred_on", "The date must be today or in the past")
    if referral.updated_moment > at and referral.status != S.DRAFT:
        raise SupportError("occurred_on", "The date must be on or after the referral's last step")
    about = referral.sent_event if action not in ("send", "decline_by_victim") else None
    old = referral.status
    referral.status = to
    setattr(referral, _MOMENT[S(to)], at)
    # Saved before the event is recorded, so that the event's reactions (the pipeline) read the
    # referral as it now is: a sent referral not yet linked to its event is the one arriving.
    referral.save()
    event = _event(actor, referral.case, event_type, at, payload, about, notes, source)
    if action == "send":
        referral.sent_event = event
        referral.save(update_fields=["sent_event", "updated_at"])
    audit_record(
        actor=actor,
        # Sending is the disclosure of what the victim agreed to share (DPA 2018 s.62).
        action=Action.SHARE if action == "send" else Action.UPDATE,
        obj=referral,
        person=referral.case.person,
        case=referral.case,
        changes={"status": [old, to]},
        detail=action,
    )
    return referral


def _event(
    actor: User,
    case: VictimCase,
    type: str,
    at: datetime,
    payload: dict[str, Any],
    about: Event | None,
    notes: str,
    source: str = EventSource.STAFF,
) -> Event:
    label = actor.display_name
    if can(actor, Capability.PROVIDER_REFERRALS) and actor.organisation is not None:
        label = f"{label}, {actor.organisation.name}"
    try:
        return event_record(
            actor=actor,
            case=case,
            type=type,
            occurred_at=at,
            payload=payload,
            about=about,
            notes=notes,
            actor_label=label,
            source=source,
        )
    except CaseError as err:
        raise SupportError(err.field, err.message) from None


# --- contact attempts ---------------------------------------------------------------------------

ATTEMPT_STATUSES = frozenset({S.ACCEPTED})


@transaction.atomic
def contact_attempt_record(
    *, actor: User, referral: Referral, at: datetime, channel: str, outcome: str, notes: str = ""
) -> ContactAttempt:
    """Record a try at reaching the victim that did not work, on an accepted referral without
    first contact (contact that works is the first_contact step). Recorded by whoever records
    the referral's steps: its provider, or staff for an external service."""
    referral = _locked(referral)
    if referral.status not in ATTEMPT_STATUSES:
        raise SupportError(
            "action",
            f"Recording a try at contact is not possible: this referral {_IS[S(referral.status)]}.",
        )
    why = who_may_record(referral, actor, "first_contact")
    if why:
        raise SupportError("action", why)
    if channel not in ContactChannel.values:
        raise SupportError("channel", "Choose how you tried to contact them")
    if outcome not in AttemptOutcome.values:
        raise SupportError("result", "Choose what happened")
    if at > timezone.now():
        raise SupportError("occurred_on", "The date must be today or in the past")
    if referral.accepted_at is not None and local_date(at) < local_date(referral.accepted_at):
        raise SupportError("occurred_on", "The date must be on or after the day the referral was accepted")
    attempt = ContactAttempt.objects.create(
        organisation_id=referral.organisation_id,
        referral=referral,
        at=at,
        channel=channel,
        outcome=outcome,
        notes=notes.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=attempt,
        person=referral.case.person,
        case=referral.case,
        detail=f"contact attempt: {channel}, {outcome}",
    )
    return attempt
