"""State changes for safeguarding: Dash risk assessments, MARAC referrals, meetings and
actions, protective orders, and the repeat-victim flag. Each runs in one transaction and
writes its audit row; the ones that belong on the case timeline record their event through
cases.services.event_record (which refreshes the case's stored Victims' Code rights).

Audit rows never hold a Dash answer or note, an order's conditions or a MARAC reason: they
say what was done to which record, not what the victim said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import groupby
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from victimcare.accounts.models import Organisation, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record
from victimcare.safeguarding import dash, marac, selectors
from victimcare.safeguarding.models import (
    MaracAction,
    MaracMeeting,
    MaracReferral,
    OrderType,
    ProtectiveOrder,
    RiskAssessment,
)
from victimcare.safeguarding.windows import in_any_window


class SafeguardingError(ValueError):
    """A refused change. `errors` holds (field, message) pairs for the form's error summary;
    a field of "" means the whole form."""

    def __init__(self, field_name: str, message: str, *more: tuple[str, str]) -> None:
        super().__init__(message)
        self.errors = [(field_name, message), *more]
        self.field, self.message = field_name, message


def _at(day: date) -> datetime:
    """When something that happened on `day` is put on the timeline: now if today, else midday."""
    now = timezone.now()
    if day >= timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


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
    codes = marac.met_codes(selectors.marac_facts(case, today))
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
        risk_assessment=selectors.latest_assessment(case),
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
        recorded_by=actor,
    )
    audit_record(
        actor=actor, action=Action.CREATE, obj=order, person=case.person, case=case, detail=data.order_type
    )
    payload: dict[str, Any] = {"order_type": data.order_type}
    if data.expires_on is not None:
        payload["expires_on"] = data.expires_on
    event_record(
        actor=actor, case=case, type="protective_order_made", occurred_at=_at(data.starts_on), payload=payload
    )
    return order


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
    for order in selectors.orders_expiring(ProtectiveOrder.objects.all(), today=today).select_related("case"):
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
        VictimCase.objects.filter(pk__in=on).update(repeat_victim=True)
    if off:
        VictimCase.objects.filter(pk__in=off).update(repeat_victim=False)
    return len(on) + len(off)


@transaction.atomic
def repeat_victim_refresh(*, case: VictimCase) -> bool:
    """Flag the cases of this case's victim that are among SAFEGUARDING_REPEAT_VICTIM_CRIMES
    (default 2) or more crimes reported within SAFEGUARDING_REPEAT_VICTIM_MONTHS (default 12)
    months of each other. Called when a case is opened; sets `case.repeat_victim` too.

    A derived flag, like `vulnerable`: it is not audited (it records no one's decision)."""
    rows = list(
        VictimCase.objects.filter(person_id=case.person_id).values_list(
            "id", "crime__reported_at", "repeat_victim"
        )
    )
    repeat = _repeat_ids((cid, at) for cid, at, _ in rows)
    _set_repeat({cid: flag for cid, _, flag in rows}, repeat)
    case.repeat_victim = case.pk in repeat
    return case.repeat_victim


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
        rows = list(
            VictimCase.objects.filter(person_id__in=people)
            .order_by("person_id", "id")
            .values_list("person_id", "id", "crime__reported_at", "repeat_victim")
        )
        read += len(rows)
        repeat: set[int] = set()
        for _, group in groupby(rows, key=lambda row: row[0]):
            repeat |= _repeat_ids((cid, at) for _, cid, at, _ in group)
        with transaction.atomic():
            changed += _set_repeat({cid: flag for _, cid, _, flag in rows}, repeat)
