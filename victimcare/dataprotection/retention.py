"""Retention (docs/adr/0052): the documented default schedule, when a case or a person reaches
the end of their period, and what erasing them removes.

Erasing keeps the rows and removes what identifies the person. The case, its crime, its
timeline events, its entitlements and the rows that hang off it stay, so every figure keeps
counting the case; their free text (notes, message bodies, DASH answers, what was shared with a
provider), the person's name, date of birth, contact details, code word and needs, and the
case's crime reference (when no kept case shares the crime) are removed. ERASE below names, for
every model that points at a case or a person, what goes; a model not named there fails
tests/dataprotection/test_it_names_every_record_erasure_touches.py, so a new one is decided on
rather than forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from victimcare.audit.chain import erasure_permit
from victimcare.cases.events import EVENT_TYPES
from victimcare.cases.models import Crime, Event, VictimCase
from victimcare.dataprotection.models import (
    Decision,
    ErasureRecord,
    LegalHold,
    RecordType,
    RetentionDecision,
    RetentionRule,
)
from victimcare.fieldcrypt import EncryptedJSONField
from victimcare.people.models import Person
from victimcare.rights.engine import add_months


@dataclass(frozen=True)
class Default:
    months: int
    starts: str
    reason: str


# The defaults a deployment starts from, each to be adapted by the OPCC (docs/adr/0052 gives
# the reasoning and sources). Months, from the moment `starts` names.
DEFAULTS: dict[str, Default] = {
    RecordType.CASE: Default(
        72,
        "the last thing recorded on the case",
        "Six years clear of activity: the limitation period for most civil claims (Limitation Act "
        "1980 s.2 and s.5) and the review period MoPI gives most police information (group 3).",
    ),
    RecordType.PERSON: Default(
        72,
        "the person's record was last changed, once they have no case left",
        "As for a case: someone added with no crime recorded, or a representative whose cases "
        "are erased, is kept no longer than a case would be.",
    ),
    RecordType.SAFEGUARDING: Default(
        72,
        "the last thing recorded on the case",
        "Kept and erased with the case it belongs to (DASH, MARAC, orders, police call-outs): a "
        "MARAC's partners keep their own records under its information-sharing agreement.",
    ),
    RecordType.MESSAGE: Default(
        24,
        "the message was sent",
        "Message text after two years: long enough for complaints about what was said (the Code's "
        "complaints route and the Ombudsman's usual 12 months), with the case's own record kept.",
    ),
    RecordType.AUDIT: Default(
        84,
        "the row was written",
        "Seven years: one year longer than a case, so the trail of who looked at and erased a "
        "record outlives it. DPA 2018 s.62 sets no period; the oldest rows go first, so the "
        "chain still verifies (docs/adr/0039).",
    ),
    RecordType.SIGN_IN: Default(
        12,
        "the sign-in was attempted",
        "Twelve months of portal sign-in codes and limits: enough to look into misuse, no more.",
    ),
}
# Kept with the case (they are part of it), though a deployment may record their own period.
WITH_THE_CASE = frozenset({RecordType.SAFEGUARDING})


@dataclass(frozen=True)
class Period:
    record_type: str
    label: str
    months: int
    starts: str
    reason: str
    default_months: int
    rule: RetentionRule | None

    @property
    def is_default(self) -> bool:
        return self.rule is None


def schedule(organisation_id: int) -> list[Period]:
    """The organisation's schedule: its own rule for each record type, or the default."""
    rules = {r.record_type: r for r in RetentionRule.objects.filter(organisation_id=organisation_id)}
    out = []
    for record_type, label in RecordType.choices:
        default, rule = DEFAULTS[record_type], rules.get(record_type)
        out.append(
            Period(
                record_type=record_type,
                label=label,
                months=rule.months if rule else default.months,
                starts=default.starts,
                reason=rule.reason if rule else default.reason,
                default_months=default.months,
                rule=rule,
            )
        )
    return out


def months_for(organisation_id: int, record_type: str) -> int:
    rule = RetentionRule.objects.filter(organisation_id=organisation_id, record_type=record_type).first()
    return rule.months if rule else DEFAULTS[record_type].months


def cutoff(months: int, today: date) -> datetime:
    """The moment before which something kept `months` months has reached its end, today."""
    return timezone.make_aware(datetime.combine(add_months(today, -months), time.min))


def _kept(field: str) -> Exists:
    """A keep decision still in force for the record `field` names."""
    today = timezone.localdate()
    return Exists(
        RetentionDecision.objects.filter(
            **{field: OuterRef("pk")}, decision=Decision.KEEP, keep_until__gt=today
        )
    )


def _held(field: str) -> Exists:
    return Exists(LegalHold.objects.filter(**{field: OuterRef("pk")}, lifted_at__isnull=True))


def cases_due(organisation_id: int, today: date) -> QuerySet[VictimCase]:
    """The organisation's cases at the end of their period and not erased, nor kept by a
    decision still in force; on legal hold or not (the queue shows the hold)."""
    before = cutoff(months_for(organisation_id, RecordType.CASE), today)
    return (
        VictimCase.objects.filter(organisation_id=organisation_id, erasure__isnull=True)
        .annotate(last_activity=Coalesce(F("last_event_at"), F("opened_at")))
        .filter(last_activity__lt=before)
        .annotate(kept=_kept("case"), held=_held("case"))
        .filter(kept=False)
        .select_related("crime")
        .order_by("last_activity", "id")
    )


def _represents_a_kept_case() -> Exists:
    PortalAccount = apps.get_model("portal", "PortalAccount")
    return Exists(PortalAccount.objects.filter(person_id=OuterRef("pk"), case__erasure__isnull=True))


def _has_a_kept_case() -> Exists:
    return Exists(VictimCase.objects.filter(person_id=OuterRef("pk"), erasure__isnull=True))


def people_due(organisation_id: int, today: date) -> QuerySet[Person]:
    """People with no case left (none of their own, none they represent that is not erased),
    not erased, last changed before their period's start."""
    before = cutoff(months_for(organisation_id, RecordType.PERSON), today)
    return (
        Person.objects.filter(organisation_id=organisation_id, erasure__isnull=True, updated_at__lt=before)
        .annotate(own=_has_a_kept_case(), represents=_represents_a_kept_case())
        .filter(own=False, represents=False)
        .annotate(kept=_kept("person"), held=_held("person"))
        .filter(kept=False)
        .order_by("updated_at", "id")
    )


def hold_on(*, case: VictimCase | None = None, person: Person | None = None) -> LegalHold | None:
    """The legal hold in force on the case (or its person) or on the person, if any."""
    holds = LegalHold.objects.filter(lifted_at__isnull=True)
    if case is not None:
        return holds.filter(Q(case=case) | Q(person_id=case.person_id)).order_by("placed_at").first()
    return holds.filter(person=person).order_by("placed_at").first()


# --- what erasure removes -----------------------------------------------------------------------

# Written where text was required, so a constraint such as "a closed referral has an outcome"
# still holds; anywhere else the text becomes empty.
ERASED = "Erased"
KEEP_AS_IS = "keep"
DELETE = "delete"
# For every model pointing at a case (`case`) or a person (`person`): KEEP_AS_IS (nothing of the
# person in it, or the audit trail, which keeps its own period), DELETE, or the fields to empty.
ERASE: dict[str, Any] = {
    "cases.Event": ("notes",),  # and the payload's free text: see _erase_events
    "rights.CaseRights": ("override_reason",),
    "rights.Entitlement": KEEP_AS_IS,
    "notify.OutboundMessage": ("to_address", "subject", "body", "sender_name", "hold_reason", "last_error"),
    "notify.Reminder": KEEP_AS_IS,  # a reminder to staff: names a case, says nothing of the person
    "notify.NotificationPreference": DELETE,
    "support.NeedsAssessment": ("summary",),
    "support.Referral": ("reason", "snapshot", "decline_reason", "outcome"),
    "safeguarding.RiskAssessment": ("answers", "notes", "judgement_reason"),
    "safeguarding.MaracReferral": ("reason",),
    "safeguarding.ProtectiveOrder": ("conditions", "made_conditions", "end_reason"),
    "safeguarding.PoliceIncident": ("reference", "note"),
    "justice.RestorativeJustice": KEEP_AS_IS,
    "messaging.Message": ("body", "sender_label", "urgent_words"),
    "voice.SurveyResponse": ("comments", "respondent_label"),
    "voice.SurveyDismissal": KEEP_AS_IS,
    # A survey link of an erased case opens nothing again; the answers it brought stay counted.
    "voice.SurveyInvitation": DELETE,
    # Who asked never to be sent surveys: only once the person themselves is erased.
    "voice.SurveyOptOut": DELETE,
    "portal.KeptDraft": DELETE,  # a message the victim wrote and did not send
    "voice.Engagement": ("contact_details",),
    "portal.PortalAccess": ("reason",),
    "portal.PortalAccount": ("display_name",),
    "people.ProcessingRestriction": ("reason", "lift_reason"),
    "cases.VictimCase": ("contact_notes",),
    "audit.AuditEvent": KEEP_AS_IS,  # append-only; kept for its own period (docs/adr/0052)
    "ingest.FeedRecord": ("crime_data",),  # the feed's keys and digest stay, so a re-import matches
    "ingest.PossibleMatch": KEEP_AS_IS,
    "dataprotection.SubjectAccessRequest": KEEP_AS_IS,  # the controller's own record of a request
    "dataprotection.RectificationRequest": ("requested", "not_corrected_reason"),
    "dataprotection.LegalHold": KEEP_AS_IS,
    "dataprotection.RetentionDecision": KEEP_AS_IS,
    "dataprotection.ErasureRecord": KEEP_AS_IS,
}
# The person's own fields: what identifies them, and what they told us about their needs.
# Equality data (sex, ethnicity, ...) is kept: the equality figures count it, and without name,
# birth date, contact details and free text it does not single anyone out (docs/adr/0052).
PERSON_ERASED: dict[str, Any] = {
    "first_name": "",
    "last_name": ERASED,
    "date_of_birth": None,
    "email": "",
    "phone": "",
    "address": "",
    "postcode": "",
    "home_area": "",
    "allowed_channels": [],
    "safe_time_from": None,
    "safe_time_to": None,
    "code_word": "",
    "safe_contact_not_agreed_reason": "",
    "other_language": "",
    "accessibility_needs": "",
    "flags": [],
}


def related_models(model: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """Every model with a foreign key to `model`, and the key's name (hidden ones too)."""
    out: list[tuple[type[models.Model], str]] = []
    for rel in model._meta.get_fields(include_hidden=True):
        if isinstance(rel, models.ForeignObjectRel) and rel.field.concrete:
            related: Any = rel.related_model
            out.append((related, rel.field.name))
    return out


def _empty(model: type[models.Model], name: str) -> dict[str, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # ERASE names fields, not relations
    if isinstance(field, models.JSONField | EncryptedJSONField):
        return {name: field.get_default()}
    if field.null:
        return {name: None}
    if field.blank:
        return {name: ""}
    return {name: ERASED}


def _erase_rows(model: type[models.Model], rows: QuerySet[Any], summary: dict[str, Any]) -> None:
    plan = ERASE[model._meta.label]
    if plan == KEEP_AS_IS:
        return
    count = rows.count()
    if not count:
        return
    if plan == DELETE:
        rows.delete()
        summary[model._meta.label] = {"deleted": count}
        return
    values: dict[str, Any] = {}
    for name in plan:
        values.update(_empty(model, name))
    rows.update(**values)
    summary[model._meta.label] = {"rows": count, "fields": list(plan)}


def _erase_events(case: VictimCase, summary: dict[str, Any]) -> None:
    """Empty each event's notes and the free text of its payload, keeping its type, time and
    structured answers (what the figures count). The timeline refuses UPDATE; the erasure permit
    lets this one through (cases migration 0009)."""
    events = list(Event.objects.filter(case=case).only("id", "type", "payload", "notes"))
    with erasure_permit(reason=f"retention: erasing case {case.pk}"):
        changed = 0
        for event in events:
            spec = EVENT_TYPES.get(event.type)
            text = {f.name for f in spec.payload if f.kind == "text"} if spec else set(event.payload)
            payload = {k: v for k, v in event.payload.items() if k not in text}
            if payload != event.payload or event.notes:
                Event.objects.filter(pk=event.pk).update(payload=payload, notes="")
                changed += 1
    summary["cases.Event"] = {"rows": len(events), "changed": changed, "fields": ["notes", "payload text"]}


def erase_case_records(case: VictimCase) -> dict[str, Any]:
    """Remove what identifies the person from the case and everything that hangs off it, in the
    caller's transaction; return what was removed, by model."""
    summary: dict[str, Any] = {}
    _erase_events(case, summary)
    for model, key in related_models(VictimCase):
        if model is Event:
            continue
        _erase_rows(model, model._default_manager.filter(**{key: case}), summary)
    _erase_rows(VictimCase, VictimCase.objects.filter(pk=case.pk), summary)
    # A provider's notes of its tries at contact hang off the referral, not the case.
    attempts = (
        apps.get_model("support", "ContactAttempt").objects.filter(referral__case=case).exclude(notes="")
    )
    count = attempts.update(notes="")
    if count:
        summary["support.ContactAttempt"] = {"rows": count, "fields": ["notes"]}
    # No one signs in to an erased case again.
    apps.get_model("portal", "PortalAccount").objects.filter(case=case).update(active=False)
    if not Crime.objects.filter(pk=case.crime_id).filter(
        Exists(VictimCase.objects.filter(crime_id=OuterRef("pk"), erasure__isnull=True).exclude(pk=case.pk))
    ):
        # No kept case shares the crime: its reference and summary go too (the area, dates,
        # offence and outcome stay for the figures).
        Crime.objects.filter(pk=case.crime_id).update(crime_reference=f"ERASED-{case.crime_id}", summary="")
        summary["cases.Crime"] = {"rows": 1, "fields": ["crime_reference", "summary"]}
    return summary


def erase_person_records(person: Person) -> dict[str, Any]:
    """Remove what identifies the person from their own record and the rows that point at it."""
    summary: dict[str, Any] = {}
    for model, key in related_models(Person):
        if model is VictimCase:
            continue  # each case is erased on its own decision
        _erase_rows(model, model._default_manager.filter(**{key: person}), summary)
    for name, value in PERSON_ERASED.items():
        setattr(person, name, value)
    person.save()  # recomputes the search keys from the erased name
    summary["people.Person"] = {"rows": 1, "fields": sorted(PERSON_ERASED)}
    return summary


def person_has_kept_case(person: Person, *, besides: VictimCase | None = None) -> bool:
    PortalAccount = apps.get_model("portal", "PortalAccount")
    own = VictimCase.objects.filter(person=person, erasure__isnull=True)
    represented = PortalAccount.objects.filter(person=person, case__erasure__isnull=True)
    if besides is not None:
        own, represented = own.exclude(pk=besides.pk), represented.exclude(case=besides)
    return own.exists() or represented.exists()


def was_erased(obj: VictimCase | Person) -> bool:
    return ErasureRecord.objects.filter(**{"case" if isinstance(obj, VictimCase) else "person": obj}).exists()
