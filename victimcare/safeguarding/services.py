"""State changes for safeguarding: Dash risk assessments, MARAC referrals, meetings and
actions, protective orders (made, varied, ended), police-attended incidents, and the
repeat-victim flag. Each runs in one transaction and
writes its audit row; the ones that belong on the case timeline record their event through
cases.services.event_record (which refreshes the case's stored Victims' Code rights).

Audit rows never hold a Dash answer or note, an order's conditions or a MARAC reason: they
say what was done to which record, not what the victim said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from victimcare.accounts.models import Organisation, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record, timeline_moment
from victimcare.refusals import Refusal
from victimcare.rights.services import any_of, fetch_rows
from victimcare.safeguarding import dash, facts, marac
from victimcare.safeguarding.models import (
    MaracAction,
    MaracMeeting,
    MaracReferral,
    OrderEnding,
    OrderType,
    OrderVariation,
    PoliceIncident,
    ProtectiveOrder,
    RiskAssessment,
)
from victimcare.safeguarding.windows import in_any_window

SafeguardingError = Refusal  # the one refusal type (victimcare/refusals.py)


# --- Dash risk assessments ------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentInput:
    answers: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    judgement_level: str = ""
    judgement_reason: str = ""


def _apply(assessment: RiskAssessment, data: AssessmentInput) -> None:
    answers = {k: v for k, v in data.answers.items() if k in dash.QUESTION_KEYS and v}
    bad = [k for k, v in answers.items() if v not in dash.ANSWER_LABELS]
    if bad:
        raise SafeguardingError(f"q{bad[0]}", f"Answer question {bad[0]} with yes, no or not known")
    if data.judgement_level and data.judgement_level not in dash.LEVEL_LABELS:
        raise SafeguardingError("judgement_level", "Choose a risk level")
    scored = dash.band(dash.score(answers))
    if data.judgement_level and dash.is_lower(data.judgement_level, scored):
        raise SafeguardingError(
            "judgement_level",
            f"Professional judgement can raise the risk level, never lower it. The answers give "
            f"{dash.LEVEL_LABELS[scored].lower()} risk.",
        )
    assessment.answers = answers
    assessment.notes = {k: v.strip() for k, v in data.notes.items() if k in dash.QUESTION_KEYS and v.strip()}
    assessment.judgement_level = data.judgement_level
    assessment.judgement_reason = data.judgement_reason.strip()


def _draft_for(case: VictimCase, assessment: RiskAssessment | None, actor: User) -> RiskAssessment:
    if assessment is None:
        found = RiskAssessment.objects.select_for_update().filter(
            case=case, status=RiskAssessment.Status.DRAFT
        )
        assessment = found.first() or RiskAssessment(
            case=case, organisation_id=case.organisation_id, started_by=actor
        )
    elif assessment.case_id != case.id:
        raise SafeguardingError("", "That assessment is not on this case")
    if not assessment.is_draft:
        raise SafeguardingError(
            "", "This assessment is completed and cannot be changed. Start a new assessment instead."
        )
    return assessment


@transaction.atomic
def risk_assessment_save(
    *, actor: User, case: VictimCase, data: AssessmentInput, assessment: RiskAssessment | None = None
) -> RiskAssessment:
    """Save the case's draft Dash (starting one if there is none); nothing needs answering yet."""
    assessment = _draft_for(case, assessment, actor)
    adding = assessment.pk is None
    _apply(assessment, data)
    assessment.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if adding else Action.UPDATE,
        obj=assessment,
        person=case.person,
        case=case,
        detail="Dash draft saved",
    )
    return assessment


@transaction.atomic
def risk_assessment_complete(
    *, actor: User, case: VictimCase, data: AssessmentInput, assessment: RiskAssessment | None = None
) -> RiskAssessment:
    """Complete a Dash: every question answered; a level raised by judgement needs a reason.
    Records `risk_assessment_completed` (level and score) on the timeline."""
    assessment = _draft_for(case, assessment, actor)
    _apply(assessment, data)
    missing = dash.unanswered(assessment.answers)
    if missing:
        errors = [(f"q{n}", f"Answer question {n}: yes, no or not known") for n in missing]
        raise SafeguardingError(*errors[0], *errors[1:])
    points = dash.score(assessment.answers)
    scored = dash.band(points)
    level = dash.final_level(points, assessment.judgement_level)
    if level != scored and not assessment.judgement_reason:
        raise SafeguardingError(
            "judgement_reason", "Enter why your professional judgement raises the risk level"
        )
    now = timezone.now()
    assessment.score, assessment.scored_level, assessment.level = points, scored, level
    assessment.status = RiskAssessment.Status.COMPLETED
    assessment.completed_by, assessment.completed_at = actor, now
    if level == scored:
        assessment.judgement_level = ""  # a judgement that raises nothing is not a raise
    adding = assessment.pk is None
    assessment.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if adding else Action.UPDATE,
        obj=assessment,
        person=case.person,
        case=case,
        changes={"status": ["draft", "completed"], "level": [None, level], "score": [None, points]},
        detail="Dash completed",
    )
    event_record(
        actor=actor,
        case=case,
        type="risk_assessment_completed",
        occurred_at=now,
        payload={"level": level, "score": points},
    )
    return assessment


# --- MARAC ------------------------------------------------------------------------------------


@transaction.atomic
def marac_referral_make(
    *, actor: User, case: VictimCase, judgement: bool = False, reason: str = "", today: date | None = None
) -> MaracReferral:
    """Refer the case to MARAC if it meets a criterion (or on the referrer's judgement, with a
    reason). A case already waiting for a meeting is not referred twice."""
    today = today or timezone.localdate()
    VictimCase.objects.select_for_update().filter(pk=case.pk).first()  # one referral at a time
    waiting = (
        case.marac_referrals.filter(meeting__isnull=True).exists()
        or case.marac_referrals.filter(meeting__held_on__gte=today).exists()
    )
    if waiting:
        raise SafeguardingError("", "This case is already referred to MARAC and is waiting for its meeting.")
    reason = reason.strip()
    if judgement and not reason:
        raise SafeguardingError("reason", "Enter why you are referring on your professional judgement")
    codes = marac.met_codes(facts.marac_facts(case, today))
    if judgement and marac.PROFESSIONAL_JUDGEMENT not in codes:
        codes.insert(1 if marac.VISIBLE_HIGH_RISK in codes else 0, marac.PROFESSIONAL_JUDGEMENT)
    if not codes:
        raise SafeguardingError(
            "judgement",
            "This case meets none of the MARAC criteria. To refer it, use your professional judgement and say why.",
        )
    now = timezone.now()
    referral = MaracReferral.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        person_id=case.person_id,
        referred_at=now,
        criteria=codes,
        reason=reason,
        risk_assessment=facts.latest_assessment(case),
        referred_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=referral,
        person=case.person,
        case=case,
        detail="MARAC referral",
    )
    labels = ", ".join(marac.CRITERIA[c].lower() for c in codes)
    event_record(
        actor=actor, case=case, type="marac_referral_made", occurred_at=now, notes=f"Criteria met: {labels}."
    )
    return referral


def force_area(user: User) -> Organisation:
    org = user.organisation
    if org is not None and org.kind == Organisation.Kind.POLICE_FORCE:
        return org
    if org is None or org.force is None:
        raise SafeguardingError("", "Your organisation is not linked to a police force area.")
    return org.force


@transaction.atomic
def marac_meeting_create(*, actor: User, area: str, held_on: date) -> MaracMeeting:
    area = area.strip()
    if not area:
        raise SafeguardingError("area", "Enter the MARAC area")
    assert actor.organisation_id is not None
    meeting = MaracMeeting.objects.create(
        force=force_area(actor),
        organisation_id=actor.organisation_id,
        area=area,
        held_on=held_on,
        created_by=actor,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=meeting, detail="MARAC meeting")
    return meeting


@transaction.atomic
def marac_meeting_add_referral(
    *, actor: User, meeting: MaracMeeting, referral: MaracReferral
) -> MaracReferral:
    """Put a referred case on a meeting's agenda."""
    referral = MaracReferral.objects.select_for_update().select_related("case__crime").get(pk=referral.pk)
    if referral.meeting_id is not None:
        raise SafeguardingError("referral", "That case is already on a meeting's agenda")
    if referral.case.crime.force_id != meeting.force_id:
        raise SafeguardingError("referral", "That case is in another police force area")
    referral.meeting = meeting
    referral.save(update_fields=["meeting"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=referral,
        person=referral.person,
        case=referral.case,
        changes={"meeting": [None, meeting.pk]},
    )
    return referral


@transaction.atomic
def marac_action_add(
    *, actor: User, meeting: MaracMeeting, referral: MaracReferral, description: str, owner: str, due_on: date
) -> MaracAction:
    if referral.meeting_id != meeting.id:
        raise SafeguardingError("referral", "Choose a case on this meeting's agenda")
    errors = [
        (name, message)
        for name, value, message in (
            ("description", description, "Enter the action"),
            ("owner", owner, "Enter who owns the action"),
        )
        if not value.strip()
    ]
    if errors:
        raise SafeguardingError(*errors[0], *errors[1:])
    action = MaracAction.objects.create(
        meeting=meeting,
        referral=referral,
        organisation_id=referral.organisation_id,
        description=description.strip(),
        owner=owner.strip(),
        due_on=due_on,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=action,
        person=referral.person,
        case=referral.case,
        detail="MARAC action",
    )
    return action


@transaction.atomic
def marac_action_complete(*, actor: User, action: MaracAction) -> MaracAction:
    action = MaracAction.objects.select_for_update().select_related("referral").get(pk=action.pk)
    if action.done:
        raise SafeguardingError("", "That action is already marked as done")
    action.done, action.done_at, action.done_by = True, timezone.now(), actor
    action.save(update_fields=["done", "done_at", "done_by"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=action,
        person=action.referral.person,
        case=action.referral.case,
        changes={"done": [False, True]},
    )
    return action


# --- Protective orders ------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderInput:
    order_type: str
    conditions: str
    court: str
    starts_on: date
    expires_on: date | None = None


@transaction.atomic
def protective_order_record(*, actor: User, case: VictimCase, data: OrderInput) -> ProtectiveOrder:
    """Record an order protecting the victim, and `protective_order_made` on the timeline."""
    errors: list[tuple[str, str]] = []
    if data.order_type not in OrderType.values:
        errors.append(("order_type", "Choose the type of order"))
    if not data.conditions.strip():
        errors.append(("conditions", "Enter the conditions of the order"))
    if not data.court.strip():
        errors.append(("court", "Enter the court that made the order"))
    if data.starts_on > timezone.localdate():
        errors.append(("starts_on", "The date the order starts must be today or in the past"))
    if data.expires_on is not None and data.expires_on < data.starts_on:
        errors.append(("expires_on", "The expiry date must be the same as or after the start date"))
    if errors:
        raise SafeguardingError(*errors[0], *errors[1:])
    order = ProtectiveOrder.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        order_type=data.order_type,
        conditions=data.conditions.strip(),
        court=data.court.strip(),
        starts_on=data.starts_on,
        expires_on=data.expires_on,
        made_conditions=data.conditions.strip(),
        made_expires_on=data.expires_on,
        recorded_by=actor,
    )
    audit_record(
        actor=actor, action=Action.CREATE, obj=order, person=case.person, case=case, detail=data.order_type
    )
    payload: dict[str, Any] = {"order_type": data.order_type}
    if data.expires_on is not None:
        payload["expires_on"] = data.expires_on
    event_record(
        actor=actor,
        case=case,
        type="protective_order_made",
        occurred_at=timeline_moment(data.starts_on),
        payload=payload,
    )
    return order


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _locked(order: ProtectiveOrder) -> ProtectiveOrder:
    """The order, locked for the change: two changes to one order are made one after the other."""
    return ProtectiveOrder.objects.select_for_update().select_related("case__person").get(pk=order.pk)


def order_closed_message(order: ProtectiveOrder, doing: str) -> str:
    """Why an ended order cannot be `doing` ("varied", "ended again"), or "" if it can."""
    if order.ended_on is None:
        return ""
    how = order.get_ending_display().lower()
    return (
        f"This order ended on {order.ended_on:%-d %B %Y} ({how}), so it cannot be {doing}. "
        "If the court has made a new order, record the new order."
    )


def _refuse_if_ended(order: ProtectiveOrder, doing: str) -> None:
    message = order_closed_message(order, doing)
    if message:
        raise SafeguardingError("", message)


def _last_variation(order: ProtectiveOrder) -> OrderVariation | None:
    return order.variations.order_by("-varied_on", "-id").first()


def _check_change_day(
    order: ProtectiveOrder, day: date, name: str, what: str, errors: list[tuple[str, str]]
) -> None:
    """A variation or an end must fall after the start, after the last variation, by the
    current expiry (an expired order has ended by itself), and not in the future."""
    last = _last_variation(order)
    if day > timezone.localdate():
        errors.append((name, f"The date the order was {what} must be today or in the past"))
    elif day < order.starts_on:
        errors.append(
            (
                name,
                f"The date the order was {what} must be on or after the day it started, {order.starts_on:%-d %B %Y}",
            )
        )
    elif last is not None and day < last.varied_on:
        errors.append(
            (
                name,
                f"The order was last varied on {last.varied_on:%-d %B %Y}. The date it was {what} must be on or after that",
            )
        )
    elif order.expires_on is not None and day > order.expires_on:
        errors.append(
            (
                name,
                f"The order expired on {order.expires_on:%-d %B %Y}, before that date, so it cannot have been "
                f"{what} then. If the court has made a new order, record the new order",
            )
        )


def _forget_reminders(order: ProtectiveOrder, keep_due: date | None = None) -> None:
    """Drop the order's expiry reminders not yet sent, except one for `keep_due` (the new
    expiry): an order extended or ended must not remind anyone of the old date."""
    from victimcare.notify.models import Reminder

    unsent = Reminder.objects.filter(key__startswith=f"order_expiry:{order.pk}:", message__isnull=True)
    if keep_due is not None:
        unsent = unsent.exclude(due=keep_due)
    unsent.delete()


@dataclass(frozen=True)
class VariationInput:
    varied_on: date
    court: str
    conditions: str = ""  # the conditions as varied; empty keeps the current ones
    expires_on: date | None = None  # the new expiry date; None keeps the current one...
    no_expiry: bool = False  # ...unless the order now lasts until the court says otherwise
    note: str = ""


def _variation_errors(order: ProtectiveOrder, data: VariationInput) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    _check_change_day(order, data.varied_on, "varied_on", "varied", errors)
    if not data.court.strip():
        errors.append(("court", "Enter the court that varied the order"))
    if data.expires_on is not None and data.no_expiry:
        errors.append(
            (
                "expires_on",
                "Enter a new expiry date, or say the order now lasts until the court says otherwise, not both",
            )
        )
    elif data.expires_on is not None and data.expires_on < data.varied_on:
        errors.append(
            ("expires_on", "The new expiry date must be the same as or after the date the order was varied")
        )
    return errors


@transaction.atomic
def protective_order_vary(*, actor: User, order: ProtectiveOrder, data: VariationInput) -> OrderVariation:
    """Record a court's variation of an order: new conditions and/or a new expiry date. The
    order's current conditions and expiry become the variation's; the order as made and each
    earlier variation stay as they were. Records `protective_order_varied` on the timeline."""
    order = _locked(order)
    _refuse_if_ended(order, "varied")
    errors = _variation_errors(order, data)
    conditions = data.conditions.strip()
    conditions_changed = bool(conditions) and conditions != order.conditions
    expires_on = None if data.no_expiry else (data.expires_on or order.expires_on)
    expiry_changed = expires_on != order.expires_on
    if not errors and not (conditions_changed or expiry_changed):
        errors.append(
            (
                "conditions",
                "Enter the new conditions or the new expiry date: what you entered changes neither",
            )
        )
    if errors:
        raise SafeguardingError(*errors[0], *errors[1:])
    variation = OrderVariation.objects.create(
        organisation_id=order.organisation_id,
        order=order,
        varied_on=data.varied_on,
        court=data.court.strip(),
        conditions=conditions if conditions_changed else order.conditions,
        expires_on=expires_on,
        conditions_changed=conditions_changed,
        expiry_changed=expiry_changed,
        note=data.note.strip(),
        recorded_by=actor,
    )
    before = order.expires_on
    order.conditions, order.expires_on = variation.conditions, expires_on
    order.save(update_fields=["conditions", "expires_on"])
    _forget_reminders(order, keep_due=expires_on)
    case = order.case
    changes: dict[str, Any] = {"conditions": ["[redacted]", "[redacted]"]} if conditions_changed else {}
    if expiry_changed:
        changes["expires_on"] = [_day(before), _day(expires_on)]
    audit_record(
        actor=actor, action=Action.UPDATE, obj=order, person=case.person, case=case, changes=changes,
        detail="protective order varied",
    )  # fmt: skip
    payload: dict[str, Any] = {
        "order_type": order.order_type,
        "conditions_changed": conditions_changed,
        "expiry_changed": expiry_changed,
    }
    if expiry_changed and expires_on is not None:
        payload["expires_on"] = expires_on
    event_record(
        actor=actor,
        case=case,
        type="protective_order_varied",
        occurred_at=timeline_moment(data.varied_on),
        payload=payload,
    )
    return variation


@dataclass(frozen=True)
class EndInput:
    ended_on: date
    ending: str  # OrderEnding
    reason: str


@transaction.atomic
def protective_order_end(*, actor: User, order: ProtectiveOrder, data: EndInput) -> ProtectiveOrder:
    """Record that an order was discharged by the court or otherwise ended before it expired.
    An ended order is no longer in force: it is never "ending soon" and its reminders not yet
    sent are dropped. Records `protective_order_ended` on the timeline."""
    order = _locked(order)
    _refuse_if_ended(order, "ended again")
    errors: list[tuple[str, str]] = []
    _check_change_day(order, data.ended_on, "ended_on", "ended", errors)
    if data.ending not in OrderEnding.values:
        errors.append(("ending", "Choose how the order ended"))
    if not data.reason.strip():
        errors.append(("reason", "Enter why the order ended"))
    if errors:
        raise SafeguardingError(*errors[0], *errors[1:])
    order.ended_on, order.ending, order.end_reason = data.ended_on, data.ending, data.reason.strip()
    order.ended_by = actor
    order.save(update_fields=["ended_on", "ending", "end_reason", "ended_by"])
    _forget_reminders(order)
    case = order.case
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=order,
        person=case.person,
        case=case,
        changes={"ended_on": [None, _day(data.ended_on)], "ending": ["", data.ending]},
        detail="protective order ended",
    )
    event_record(
        actor=actor,
        case=case,
        type="protective_order_ended",
        occurred_at=timeline_moment(data.ended_on),
        payload={"order_type": order.order_type, "ending": data.ending},
    )
    return order


@transaction.atomic
def order_expiry_reminders_write(*, today: date | None = None) -> int:
    """Remind each case's caseworker (or, with none, the officer in charge) of orders expiring
    within SAFEGUARDING_ORDER_EXPIRY_DAYS, through the notify app's Reminder rows: the notify
    scheduler sends them, at once or in the daily digest, as the member of staff chose. The
    key holds the order and its expiry date, so each order is reminded about once (run this
    daily: `manage.py safeguarding_reminders`). Returns how many rows it tried to write."""
    from victimcare.notify.models import Reminder, ReminderKind, ReminderMode, ReminderPreference

    today = today or timezone.localdate()
    off = set(ReminderPreference.objects.filter(mode=ReminderMode.OFF).values_list("user_id", flat=True))
    rows = []
    for order in facts.orders_expiring(ProtectiveOrder.objects.all(), today=today).select_related("case"):
        user_id = order.case.caseworker_id or order.case.officer_in_charge_id
        if user_id is None or user_id in off:
            continue
        assert order.expires_on is not None
        rows.append(
            Reminder(
                key=f"order_expiry:{order.pk}:{order.expires_on.isoformat()}:{user_id}",
                organisation_id=order.organisation_id,
                user_id=user_id,
                case_id=order.case_id,
                kind=ReminderKind.DUE_SOON,
                rule="PROTECTIVE_ORDER",
                title=f"{order.get_order_type_display()} ends: check whether the victim needs it renewed",
                due=order.expires_on,
            )
        )
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


# --- Police incidents -------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentInput:
    occurred_on: date
    reference: str
    domestic_abuse: bool
    note: str = ""


def incident_reference(text: str) -> str:
    """A police incident reference as stored: spaces trimmed and collapsed, upper case, so
    "dhm 123" and "DHM  123" are one incident."""
    return " ".join(text.split()).upper()


@transaction.atomic
def police_incident_record(*, actor: User, case: VictimCase, data: IncidentInput) -> PoliceIncident:
    """Record an incident the police attended for the victim that was not recorded as a crime,
    and `police_incident_recorded` on the timeline. Domestic abuse incidents count towards the
    MARAC criteria with the victim's crimes (marac.py)."""
    VictimCase.objects.select_for_update().filter(pk=case.pk).first()  # one record of each incident
    reference = incident_reference(data.reference)
    errors: list[tuple[str, str]] = []
    if data.occurred_on > timezone.localdate():
        errors.append(("occurred_on", "The date of the incident must be today or in the past"))
    if not reference:
        errors.append(("reference", "Enter the police incident reference"))
    elif len(reference) > 50:
        errors.append(("reference", "The police incident reference must be 50 characters or fewer"))
    elif case.police_incidents.filter(reference=reference).exists():
        errors.append(("reference", f"Incident {reference} is already recorded on this case"))
    if errors:
        raise SafeguardingError(*errors[0], *errors[1:])
    incident = PoliceIncident.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        person_id=case.person_id,
        occurred_on=data.occurred_on,
        reference=reference,
        domestic_abuse=data.domestic_abuse,
        note=data.note.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=incident,
        person=case.person,
        case=case,
        detail="police incident",
    )
    event_record(
        actor=actor,
        case=case,
        type="police_incident_recorded",
        occurred_at=timeline_moment(data.occurred_on),
        payload={"reference": reference, "domestic_abuse": data.domestic_abuse},
    )
    return incident


# --- Repeat victims ---------------------------------------------------------------------------


def _repeat_ids(rows: Iterable[tuple[int, datetime]]) -> set[int]:
    return in_any_window(
        ((case_id, timezone.localdate(reported)) for case_id, reported in rows),
        count=settings.SAFEGUARDING_REPEAT_VICTIM_CRIMES,
        months=settings.SAFEGUARDING_REPEAT_VICTIM_MONTHS,
    )


def _set_repeat(flags: dict[int, bool], repeat: set[int]) -> int:
    """Update the cases whose flag changed; returns how many."""
    on = [cid for cid, flag in flags.items() if cid in repeat and not flag]
    off = [cid for cid, flag in flags.items() if cid not in repeat and flag]
    if on:
        VictimCase.objects.filter(any_of("id", on)).update(repeat_victim=True)
    if off:
        VictimCase.objects.filter(any_of("id", off)).update(repeat_victim=False)
    return len(on) + len(off)


def repeat_victims_refresh(*, person_ids: Iterable[int]) -> set[int]:
    """Flag the cases of these people that are among SAFEGUARDING_REPEAT_VICTIM_CRIMES (default
    2) or more crimes reported within SAFEGUARDING_REPEAT_VICTIM_MONTHS (default 12) months of
    each other, and unflag the rest; returns the ids of their flagged cases. One read and at
    most two writes for any number of people. Called by the reaction that follows every event
    (safeguarding.reactions.derived_flags_refresh), in its transaction.

    A derived flag, like `vulnerable`: it is not audited (it records no one's decision)."""
    return _repeat_refresh(set(person_ids))[0]


def _repeat_refresh(person_ids: Iterable[int]) -> tuple[set[int], int, int]:
    """(flagged case ids, cases read, flags changed) for these people."""
    rows = fetch_rows(
        VictimCase.objects.filter(any_of("person_id", person_ids))
        .order_by("person_id", "id")
        .values_list("person_id", "id", "crime__reported_at", "repeat_victim")
    )
    repeat: set[int] = set()
    for _, group in groupby(rows, key=lambda row: row[0]):
        repeat |= _repeat_ids((cid, at) for _, cid, at, _ in group)
    return repeat, len(rows), _set_repeat({cid: flag for _, cid, _, flag in rows}, repeat)


def repeat_victims_recompute(*, batch_size: int = 1000) -> tuple[int, int]:
    """Recompute every case's repeat-victim flag (after a change of the settings, an import, or
    a correction of a crime's date), `batch_size` people at a time in person order (keyset
    pagination, so it never holds a cursor open while it writes), writing only the flags that
    change. Returns (cases read, flags changed)."""
    read = changed = 0
    after = 0
    while True:
        people = list(
            VictimCase.objects.filter(person_id__gt=after)
            .order_by("person_id")
            .values_list("person_id", flat=True)
            .distinct()[:batch_size]
        )
        if not people:
            return read, changed
        after = people[-1]
        with transaction.atomic():
            _, cases, flags = _repeat_refresh(people)
        read, changed = read + cases, changed + flags
