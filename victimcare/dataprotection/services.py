"""State changes for the data protection officer's work (docs/adr/0053): subject access
requests from receipt to release (or "nothing held"), and rectification. Each is keyword-only,
atomic and audited; releasing a response is audited as a disclosure (DPA 2018 s.62).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from victimcare.accounts.models import Organisation, User
from victimcare.audit.chain import chain_erase_before
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import VictimCase
from victimcare.dataprotection import clock, pack, retention
from victimcare.dataprotection.gather import gather
from victimcare.dataprotection.models import (
    TRANSITIONS,
    Decision,
    ErasureRecord,
    LegalHold,
    RecordType,
    RectificationRequest,
    Requester,
    RetentionDecision,
    RetentionRule,
    SarItem,
    SarRedaction,
    SarStatus,
    SubjectAccessRequest,
)
from victimcare.notify.models import Audience, MessageChannel, OutboundMessage
from victimcare.notify.services import message_write, victim_context
from victimcare.people.models import Person
from victimcare.people.services import PERSON_FIELDS, person_update
from victimcare.refusals import Refusal

S = SarStatus


def _move(sar: SubjectAccessRequest, to: str) -> None:
    if not TRANSITIONS.allows(sar.status, to):
        raise Refusal(
            "", f"This request is {sar.get_status_display().lower()}: it cannot be {S(to).label.lower()} now"
        )
    sar.status = to


def _locked(sar: SubjectAccessRequest) -> SubjectAccessRequest:
    return SubjectAccessRequest.objects.select_for_update().get(pk=sar.pk)


def _audit(
    actor: User, sar: SubjectAccessRequest, detail: str, action: str = Action.UPDATE, **changes: Any
) -> None:
    audit_record(actor=actor, action=action, obj=sar, person=sar.person, changes=changes, detail=detail)


@transaction.atomic
def sar_create(
    *,
    actor: User,
    requester_name: str,
    requester: str,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    received_on: date,
    identity_verified_on: date | None = None,
    identity_evidence: str = "",
) -> SubjectAccessRequest:
    """Record a subject access request as received, with its clock started."""
    if not requester_name.strip():
        raise Refusal("requester_name", "Enter the name of the person who asked")
    if requester not in Requester.values:
        raise Refusal("requester", "Choose who asked")
    if not (first_name.strip() or last_name.strip()):
        raise Refusal("last_name", "Enter the name of the person the request is about")
    if received_on > timezone.localdate():
        raise Refusal("received_on", "The date received must be today or in the past")
    _check_identity(received_on, identity_verified_on, identity_evidence)
    assert actor.organisation is not None  # every member of staff has one (the database says so)
    sar = SubjectAccessRequest.objects.create(
        organisation=actor.organisation,
        requester_name=requester_name.strip(),
        requester=requester,
        subject_first_name=first_name.strip(),
        subject_last_name=last_name.strip(),
        subject_date_of_birth=date_of_birth,
        received_on=received_on,
        identity_verified_on=identity_verified_on,
        identity_evidence=identity_evidence.strip(),
        due_on=clock.due_on(received_on, identity_verified_on),
        created_by=actor,
    )
    _audit(actor, sar, "subject access request received", Action.CREATE, due_on=sar.due_on.isoformat())
    return sar


def _check_identity(received_on: date, verified_on: date | None, evidence: str) -> None:
    if verified_on is None:
        return
    if verified_on < received_on or verified_on > timezone.localdate():
        raise Refusal(
            "identity_verified_on",
            "The date identity was verified must be between the date received and today",
        )
    if not evidence.strip():
        raise Refusal(
            "identity_evidence", "Say how identity was verified (for example, passport seen at the office)"
        )


@transaction.atomic
def sar_identity_verify(
    *, actor: User, sar: SubjectAccessRequest, verified_on: date, evidence: str
) -> SubjectAccessRequest:
    """Record that the requester's identity (and authority to act) was verified; the clock runs
    from then if that is later than receipt (DPA 2018 s.54)."""
    sar = _locked(sar)
    if not sar.is_open:
        raise Refusal("", "This request is closed")
    _check_identity(sar.received_on, verified_on, evidence)
    before = sar.due_on
    sar.identity_verified_on, sar.identity_evidence = verified_on, evidence.strip()
    sar.due_on = clock.due_on(sar.received_on, verified_on)
    sar.save(update_fields=["identity_verified_on", "identity_evidence", "due_on"])
    _audit(
        actor, sar, "subject access: identity verified", due_on=[before.isoformat(), sar.due_on.isoformat()]
    )
    return sar


@transaction.atomic
def sar_assemble(
    *, actor: User, sar: SubjectAccessRequest, person: Person | None = None
) -> SubjectAccessRequest:
    """Match the request to the person it is about (first time) and gather everything held
    about them, replacing anything gathered before (and its redactions)."""
    sar = _locked(sar)
    if sar.identity_verified_on is None:
        raise Refusal("", "Verify the requester's identity before gathering anything about the person")
    if person is not None and sar.person_id not in (None, person.pk):
        raise Refusal("", "This request is already matched to someone else")
    person = person or sar.person
    if person is None:
        raise Refusal("person", "Choose the person this request is about")
    if person.organisation_id != sar.organisation_id:
        raise Refusal("person", "Choose the person this request is about")
    _move(sar, S.ASSEMBLING)
    sar.person = person
    sar.save(update_fields=["person", "status"])
    sar.items.all().delete()
    gathered = gather(person)
    SarItem.objects.bulk_create(
        SarItem(
            request=sar, record_type=g.record_type, source=g.source, title=g.title, data=g.data, position=n
        )
        for n, g in enumerate(gathered)
    )
    _audit(actor, sar, "subject access: record gathered", records=len(gathered))
    return sar


@transaction.atomic
def sar_review_start(*, actor: User, sar: SubjectAccessRequest) -> SubjectAccessRequest:
    sar = _locked(sar)
    _move(sar, S.IN_REVIEW)
    sar.save(update_fields=["status"])
    _audit(actor, sar, "subject access: sent for review")
    return sar


def _reviewing(item: SarItem) -> SubjectAccessRequest:
    sar = _locked(item.request)
    if sar.status != S.IN_REVIEW:
        raise Refusal("", "Items can be redacted only while the request is in review")
    return sar


@transaction.atomic
def sar_item_withhold(*, actor: User, item: SarItem, reason: str) -> SarItem:
    """Leave a whole item out of the response (for example, it is about someone else), with why."""
    sar = _reviewing(item)
    if not reason.strip():
        raise Refusal("reason", "Enter why this item is left out (for example, it is about another victim)")
    item.withheld, item.withheld_reason = True, reason.strip()
    item.save(update_fields=["withheld", "withheld_reason"])
    _audit(actor, sar, "subject access: item withheld", item=item.source)
    return item


@transaction.atomic
def sar_item_include(*, actor: User, item: SarItem) -> SarItem:
    sar = _reviewing(item)
    item.withheld, item.withheld_reason = False, ""
    item.save(update_fields=["withheld", "withheld_reason"])
    _audit(actor, sar, "subject access: item included again", item=item.source)
    return item


@transaction.atomic
def sar_redaction_add(*, actor: User, item: SarItem, passage: str, reason: str) -> SarRedaction:
    """Mark a passage of an item (another person's name, their details) to be removed wherever
    it appears in it. The passage must be in the item."""
    sar = _reviewing(item)
    passage = passage.strip()
    if not passage:
        raise Refusal("passage", "Enter the words to redact, exactly as they appear")
    if passage.lower() not in _text_of(item).lower():
        raise Refusal("passage", "Those words are not in this item: copy them exactly as they appear")
    if not reason.strip():
        raise Refusal("reason", "Enter why these words are redacted (for example, another person's name)")
    redaction = SarRedaction.objects.create(
        item=item, passage=passage, reason=reason.strip(), marked_by=actor
    )
    # The passage itself is kept out of the trail: it is the third party's data.
    _audit(actor, sar, "subject access: passage redacted", item=item.source)
    return redaction


def _text_of(item: SarItem) -> str:
    return item.title + "\n" + json.dumps(item.data, ensure_ascii=False)


@transaction.atomic
def sar_redaction_remove(*, actor: User, redaction: SarRedaction) -> None:
    sar = _reviewing(redaction.item)
    source = redaction.item.source
    redaction.delete()
    _audit(actor, sar, "subject access: redaction removed", item=source)


@transaction.atomic
def sar_release(*, actor: User, sar: SubjectAccessRequest) -> SubjectAccessRequest:
    """Release the response: the PDF and the archive are made from the reviewed items with
    their redactions applied, stored exactly as released, and the disclosure audited. All or
    nothing: if either cannot be made, the request stays in review."""
    sar = _locked(sar)
    _move(sar, S.RELEASED)
    return _finish(actor, sar, "subject access: response released")


@transaction.atomic
def sar_nothing_held(*, actor: User, sar: SubjectAccessRequest) -> SubjectAccessRequest:
    """Answer that nothing is held about the person described (no record matches): a letter
    saying so, and an archive with only its manifest, audited as the answer disclosed."""
    sar = _locked(sar)
    if sar.person_id is not None:
        raise Refusal("", "This request is matched to a person held: release what is held instead")
    _move(sar, S.NOTHING_HELD)
    return _finish(actor, sar, "subject access: nothing held")


def _finish(actor: User, sar: SubjectAccessRequest, detail: str) -> SubjectAccessRequest:
    items = pack.released_items(sar)
    name = sar.organisation.name
    sar.pdf = pack.build_pdf(sar, items, organisation_name=name)
    sar.archive = pack.build_archive(sar, items, organisation_name=name)
    sar.released_at, sar.released_by = timezone.now(), actor
    sar.save(update_fields=["status", "pdf", "archive", "released_at", "released_by"])
    _audit(actor, sar, detail, Action.DISCLOSE, records=len(items), category="disclosure")
    return sar


# --- rectification (UK GDPR art. 16) -----------------------------------------------------------

CORRECTABLE = (
    "first_name",
    "last_name",
    "date_of_birth",
    "email",
    "phone",
    "address",
    "postcode",
    "home_area",
)
FIELD_WORDS = {
    "first_name": "your first name",
    "last_name": "your last name",
    "date_of_birth": "your date of birth",
    "email": "your email address",
    "phone": "your phone number",
    "address": "your address",
    "postcode": "your postcode",
    "home_area": "the area you live in",
}
FIELD_WORDS_CY = {
    "first_name": "eich enw cyntaf",
    "last_name": "eich cyfenw",
    "date_of_birth": "eich dyddiad geni",
    "email": "eich cyfeiriad e-bost",
    "phone": "eich rhif ffôn",
    "address": "eich cyfeiriad",
    "postcode": "eich cod post",
    "home_area": "yr ardal rydych yn byw ynddi",
}


@transaction.atomic
def rectification_record(
    *,
    actor: User,
    person: Person,
    received_on: date,
    requested: str,
    data: dict[str, Any],
    not_corrected_reason: str = "",
) -> RectificationRequest:
    """Record a request to correct the person's data and what was done: the changes go through
    people.services.person_update (audited there, with its reactions), and the person is told
    which details were corrected. Nothing changed needs the reason why not."""
    if not requested.strip():
        raise Refusal("requested", "Enter what the person asked to be corrected")
    unknown = set(data) - set(CORRECTABLE)
    if unknown or not set(CORRECTABLE) <= set(PERSON_FIELDS):
        raise ValueError(f"Not correctable here: {sorted(unknown)}")
    changed = sorted(name for name, value in data.items() if getattr(person, name) != value)
    if not changed and not not_corrected_reason.strip():
        raise Refusal("not_corrected_reason", "Change a detail, or enter why nothing was corrected")
    if changed:
        person_update(actor=actor, person=person, data={name: data[name] for name in changed})
    record = RectificationRequest.objects.create(
        organisation=person.organisation,
        person=person,
        received_on=received_on,
        requested=requested.strip(),
        fields_changed=changed,
        not_corrected_reason=not_corrected_reason.strip(),
        decided_by=actor,
        decided_at=timezone.now(),
    )
    if changed:
        record.told_message_id = _tell_corrected(person, changed)
        record.save(update_fields=["told_message_id"])
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=record,
        person=person,
        changes={"fields_changed": changed},
        detail="rectification: details corrected" if changed else "rectification: not corrected",
    )
    return record


def _tell_corrected(person: Person, changed: list[str]) -> int | None:
    channel = next((c for c in ("email", "sms", "letter") if c in (person.allowed_channels or ())), "")
    welsh = person.language == "cy"
    words = [(FIELD_WORDS_CY if welsh else FIELD_WORDS)[name] for name in changed]
    corrected = (
        words[0] if len(words) == 1 else ", ".join(words[:-1]) + (" a " if welsh else " and ") + words[-1]
    )
    message = message_write(
        audience=Audience.VICTIM,
        organisation_id=person.organisation_id,
        person=person,
        channel=channel or MessageChannel.EMAIL,
        template="record_corrected",
        context={**victim_context(person, None), "corrected": corrected},
        no_channel=not channel,
    )
    return message.pk if message is not None else None


# --- retention (docs/adr/0052) -----------------------------------------------------------------

MAX_MONTHS = 1200  # a hundred years: MoPI's longest (group 1) is "until the person is 100"


@transaction.atomic
def retention_rule_set(*, actor: User, record_type: str, months: int, reason: str) -> RetentionRule:
    """Set how long the actor's organisation keeps one type of record, with why."""
    if record_type not in RecordType.values:
        raise Refusal("record_type", "Choose a type of record")
    if not 1 <= months <= MAX_MONTHS:
        raise Refusal("months", f"Enter a number of months from 1 to {MAX_MONTHS}")
    if not reason.strip():
        raise Refusal("reason", "Enter why records of this type are kept this long")
    assert actor.organisation_id is not None  # every member of staff has one
    before = retention.months_for(actor.organisation_id, record_type)
    rule, _ = RetentionRule.objects.update_or_create(
        organisation_id=actor.organisation_id,
        record_type=record_type,
        defaults={
            "months": months,
            "reason": reason.strip(),
            "updated_by": actor,
            "updated_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=rule,
        changes={"record_type": record_type, "months": [before, months]},
        detail="retention: schedule changed",
    )
    return rule


def _subject(case: VictimCase | None, person: Person | None) -> tuple[VictimCase | None, Person | None]:
    if (case is None) == (person is None):
        raise ValueError("Name a case or a person, not both")
    return case, person


def _audit_retention(
    actor: User,
    obj: Any,
    case: VictimCase | None,
    person: Person | None,
    detail: str,
    action: str = Action.UPDATE,
    **changes: Any,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        case=case,
        person=person if person is not None else (case.person if case is not None else None),
        changes=changes,
        detail=detail,
    )


@transaction.atomic
def legal_hold_place(
    *, actor: User, reason: str, case: VictimCase | None = None, person: Person | None = None
) -> LegalHold:
    """Stop a case or a person from being erased, however old, until the hold is lifted."""
    case, person = _subject(case, person)
    if not reason.strip():
        raise Refusal(
            "reason", "Enter why the record must be kept (for example, a claim against the service)"
        )
    if retention.was_erased(case or person):  # type: ignore[arg-type]
        raise Refusal("", "This record has been erased: there is nothing left to hold")
    hold = LegalHold.objects.create(
        organisation_id=(case or person).organisation_id,  # type: ignore[union-attr]
        case=case,
        person=person,
        reason=reason.strip(),
        placed_by=actor,
        placed_at=timezone.now(),
    )
    _audit_retention(actor, hold, case, person, "retention: legal hold placed")
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: User, hold: LegalHold, reason: str) -> LegalHold:
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is not None:
        raise Refusal("", "This hold has already been lifted")
    if not reason.strip():
        raise Refusal("lift_reason", "Enter why the hold is no longer needed")
    hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), actor, reason.strip()
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    _audit_retention(actor, hold, hold.case, hold.person, "retention: legal hold lifted")
    return hold


def _decide(
    actor: User,
    case: VictimCase | None,
    person: Person | None,
    decision: str,
    reason: str,
    keep_until: date | None = None,
) -> RetentionDecision:
    if not reason.strip():
        field = "reason"
        raise Refusal(field, "Enter the reason for the decision")
    return RetentionDecision.objects.create(
        organisation_id=(case or person).organisation_id,  # type: ignore[union-attr]
        case=case,
        person=person,
        decision=decision,
        keep_until=keep_until,
        reason=reason.strip(),
        decided_by=actor,
        decided_at=timezone.now(),
    )


@transaction.atomic
def retention_keep(
    *,
    actor: User,
    keep_until: date | None,
    reason: str,
    case: VictimCase | None = None,
    person: Person | None = None,
) -> RetentionDecision:
    """Decide on review to keep a case or a person until a later date: it leaves the queue
    until then."""
    case, person = _subject(case, person)
    if retention.was_erased(case or person):  # type: ignore[arg-type]
        raise Refusal("", "This record has already been erased")
    if keep_until is None or keep_until <= timezone.localdate():
        raise Refusal("keep_until", "Enter a date in the future to keep the record until")
    decision = _decide(actor, case, person, Decision.KEEP, reason, keep_until)
    _audit_retention(
        actor, decision, case, person, "retention: kept for longer", keep_until=keep_until.isoformat()
    )
    return decision


def _refuse_if_held(case: VictimCase | None = None, person: Person | None = None) -> None:
    hold = retention.hold_on(case=case, person=person)
    if hold is not None:
        on = "this case" if hold.case_id is not None else "this person"
        raise Refusal(
            "",
            f"It cannot be erased: {on} is under a legal hold since {hold.placed_at:%-d %B %Y} ({hold.reason}). Lift the hold first",
        )


@transaction.atomic
def case_erase(*, actor: User, case: VictimCase, reason: str) -> ErasureRecord:
    """Erase a case on review: what identifies the person is removed from it and from everything
    that hangs off it, the rows stay so the figures keep counting it, and the person's own record
    goes too when no other case of theirs (or case they represent) is kept. Refused, with the
    reason, under a legal hold. All or nothing."""
    case = VictimCase.objects.select_for_update().select_related("crime", "person").get(pk=case.pk)
    if retention.was_erased(case):
        raise Refusal("", "This case has already been erased")
    _refuse_if_held(case=case)
    decision = _decide(actor, case, None, Decision.ERASE, reason)
    reference, person = case.crime.crime_reference, case.person
    erased = retention.erase_case_records(case)
    with_person = not retention.person_has_kept_case(person, besides=case)
    if with_person:
        erased.update(retention.erase_person_records(person))
    record = ErasureRecord.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        person=person if with_person else None,
        decision=decision,
        erased_at=timezone.now(),
        erased_by=actor,
        reference=reference,
        erased=erased,
    )
    _audit_retention(
        actor,
        record,
        case,
        person,
        "retention: case erased",
        Action.ERASE,
        category="erasure",
        person_erased=with_person,
        tables=sorted(erased),
    )
    return record


@transaction.atomic
def person_erase(*, actor: User, person: Person, reason: str) -> ErasureRecord:
    """Erase a person with no case left (none of their own, none they represent that is kept)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if retention.was_erased(person):
        raise Refusal("", "This person's record has already been erased")
    if retention.person_has_kept_case(person):
        raise Refusal("", "They still have a case that is kept: review the case first")
    _refuse_if_held(person=person)
    decision = _decide(actor, None, person, Decision.ERASE, reason)
    erased = retention.erase_person_records(person)
    record = ErasureRecord.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        decision=decision,
        erased_at=timezone.now(),
        erased_by=actor,
        erased=erased,
    )
    _audit_retention(
        actor,
        record,
        None,
        person,
        "retention: person erased",
        Action.ERASE,
        category="erasure",
        tables=sorted(erased),
    )
    return record


def _longest(record_type: str) -> int:
    """The longest period any organisation keeps `record_type` (the default for any that set
    none): for what is shared by every organisation, such as the one audit chain."""
    months = list(RetentionRule.objects.filter(record_type=record_type).values_list("months", flat=True))
    orgs = Organisation.objects.count()
    if len(months) < orgs or not months:
        months.append(retention.DEFAULTS[record_type].months)
    return max(months)


SENDING = ("queued", "sending")  # still to be sent: never emptied


@transaction.atomic
def retention_sweep() -> dict[str, int]:
    """The records whose period ends without a review (run by the scheduler with each scan):
    the text of outbound messages past the message period (each organisation's own), staff
    sign-in records past the sign-in period, and the oldest audit rows past the audit period,
    erased from the start of the chain so what is kept still verifies (docs/adr/0039, 0052).
    Portal sign-in codes go after a day already (portal.services.sign_in_records_prune)."""
    today = timezone.localdate()
    done = {"messages": 0, "sign_ins": 0, "audit_rows": 0}
    for org in Organisation.objects.values_list("id", flat=True):
        before = retention.cutoff(retention.months_for(org, RecordType.MESSAGE), today)
        old = OutboundMessage.objects.filter(organisation_id=org, created_at__lt=before).exclude(
            status__in=SENDING
        )
        done["messages"] += old.exclude(body="", subject="", to_address="").update(
            body="", subject="", to_address="", last_error=""
        )
    before = retention.cutoff(_longest(RecordType.SIGN_IN), today)
    for name in ("AccessLog", "AccessFailureLog", "AccessAttempt"):
        deleted, _ = apps.get_model("axes", name).objects.filter(attempt_time__lt=before).delete()
        done["sign_ins"] += deleted
    before = retention.cutoff(_longest(RecordType.AUDIT), today)
    done["audit_rows"] = chain_erase_before(before, reason="retention: audit rows past their period")
    if any(done.values()):
        audit_record(
            actor=None,
            action=Action.ERASE,
            changes={"category": "erasure", "audit_erased_before": before.isoformat(), **done},
            detail="retention: records past their period erased",
        )
    return done
