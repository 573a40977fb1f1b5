"""State changes for the data protection officer's work (docs/adr/0053): subject access
requests from receipt to release (or "nothing held"), and rectification. Each is keyword-only,
atomic and audited; releasing a response is audited as a disclosure (DPA 2018 s.62).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.dataprotection import clock, pack
from victimcare.dataprotection.gather import gather
from victimcare.dataprotection.models import (
    TRANSITIONS,
    RectificationRequest,
    Requester,
    SarItem,
    SarRedaction,
    SarStatus,
    SubjectAccessRequest,
)
from victimcare.notify.models import Audience, MessageChannel
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
