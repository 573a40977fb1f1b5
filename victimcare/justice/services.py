"""State changes for restorative justice. Each step is checked against the transition table
(justice.workflow), recorded as a step row and a `restorative_justice_step` event on the
case timeline, and audited, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record, timeline_moment
from victimcare.justice import workflow
from victimcare.justice.models import RestorativeJustice, RestorativeJusticeStep
from victimcare.refusals import Refusal

JusticeError = Refusal  # the one refusal type (victimcare/refusals.py)


def _at(day: date) -> datetime:
    if day > timezone.localdate():
        raise JusticeError("occurred_on", "The date must be today or in the past")
    return timeline_moment(day)


@dataclass(frozen=True)
class StepInput:
    step: str
    occurred_on: date
    summary: str = ""
    suitable: bool | None = None  # for "assessed"
    offender_consents: bool = False  # for "offender_consented"
    offender_admits_responsibility: bool = False


def _record_step(*, actor: User, record: RestorativeJustice, data: StepInput) -> RestorativeJusticeStep:
    occurred_at = _at(data.occurred_on)
    last = record.steps.order_by("-occurred_at", "-id").first()
    if last is not None and occurred_at < last.occurred_at:
        raise JusticeError(
            "occurred_on",
            f"The date must be the same as or after the last step ({last.occurred_at:%-d %B %Y})",
        )
    event = event_record(
        actor=actor,
        case=record.case,
        type="restorative_justice_step",
        occurred_at=occurred_at,
        payload={"step": data.step, "summary": data.summary.strip()},
    )
    return RestorativeJusticeStep.objects.create(
        record=record,
        organisation_id=record.organisation_id,
        step=data.step,
        occurred_at=occurred_at,
        summary=data.summary.strip(),
        event=event,
        recorded_by=actor,
    )


@transaction.atomic
def rj_offer(*, actor: User, case: VictimCase, occurred_on: date, summary: str = "") -> RestorativeJustice:
    """Offer restorative justice to the victim: a new record, whose first step is the offer."""
    VictimCase.objects.select_for_update().filter(pk=case.pk).first()  # one open record per case
    if RestorativeJustice.objects.filter(case=case).exclude(status__in=workflow.TERMINAL).exists():
        raise JusticeError(
            "", "Restorative justice is already under way on this case. Record its next step on that offer."
        )
    record = RestorativeJustice.objects.create(
        organisation_id=case.organisation_id, case=case, status=workflow.OFFERED, created_by=actor
    )
    _record_step(actor=actor, record=record, data=StepInput(workflow.OFFERED, occurred_on, summary))
    audit_record(
        actor=actor, action=Action.CREATE, obj=record, person=case.person, case=case, detail="offered"
    )
    return record


@transaction.atomic
def rj_step_record(*, actor: User, record: RestorativeJustice, data: StepInput) -> RestorativeJustice:
    """Record the next step, if the transition table allows it; otherwise say why not."""
    record = RestorativeJustice.objects.select_for_update().select_related("case__person").get(pk=record.pk)
    why = workflow.refusal(record.status, data.step, suitable=record.suitable)
    if why:
        raise JusticeError("step", why)
    if data.step == workflow.ASSESSED and data.suitable is None:
        raise JusticeError("suitable", "Choose whether restorative justice is suitable for this case")
    if data.step == workflow.OFFENDER_CONSENTED and not (
        data.offender_consents and data.offender_admits_responsibility
    ):
        raise JusticeError(
            "offender_consents",
            "The offender must both consent and admit responsibility before restorative justice can go "
            "ahead. If they will not, record that the offender withdrew consent.",
        )
    _record_step(actor=actor, record=record, data=data)
    before = record.status
    record.status = data.step
    fields = ["status", "updated_at"]
    if data.step == workflow.ASSESSED:
        record.suitable = data.suitable
        fields.append("suitable")
    record.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=record,
        person=record.case.person,
        case=record.case,
        changes={"status": [before, data.step]},
    )
    return record
