"""State changes to a crime after it is recorded: another victim's case on it, and corrections
of its facts (docs/adr/0034). Like cases.services, each runs in one transaction and writes its
audit row; every event goes through cases.services.event_record."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import Crime, Event, EventSource, VictimCase
from victimcare.cases.reactions import OUTCOME_RECORDED, uncorrected
from victimcare.cases.services import (
    CaseError,
    CaseInput,
    CrimeInput,
    EventInput,
    crime_vocabulary_check,
    event_record,
    force_for,
    victim_care_organisation,
    victim_case_start,
)
from victimcare.cases.vocab import CRIME_FLAGS, offence_codes, outcome_types
from victimcare.people.models import Person


@transaction.atomic
def case_add_to_crime(
    *,
    actor: User,
    crime: Crime,
    person: Person,
    case: CaseInput,
    reported_at: datetime | None = None,
    source: str = EventSource.STAFF,
    pending: list[EventInput] | None = None,
) -> VictimCase:
    """Open `person`'s case on a crime already recorded: one case per victim, each with its own
    `crime_reported` event (at `reported_at`, when this victim reported or was identified;
    default now; with `pending`, see cases.services.victim_case_start), entitlements and contact. A person already on the crime is refused
    (CaseError on person; the database constraint one_case_per_person_per_crime backs it)."""
    if crime.force_id != force_for(actor).id:
        raise CaseError("crime", "This crime was recorded by another police force.")
    when = reported_at or timezone.now()
    if when < crime.reported_at:
        first = timezone.localtime(crime.reported_at)
        raise CaseError(
            "reported_on", f"The date must be on or after the crime was reported ({first:%-d %B %Y})"
        )
    taken = f"{person.full_name} already has a case on crime {crime.crime_reference}."
    if VictimCase.objects.filter(crime=crime, person=person).exists():
        raise CaseError("person", taken)
    vcase = VictimCase(
        organisation=victim_care_organisation(actor),
        team=case.team,
        person=person,
        crime=crime,
        role=case.role,
        caseworker=case.caseworker,
        officer_in_charge=case.officer_in_charge,
        opened_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            vcase.save()
    except IntegrityError:  # a concurrent add of the same person between the check and here
        raise CaseError("person", taken) from None
    victim_case_start(actor=actor, case=vcase, reported_at=when, source=source, pending=pending)
    return vcase


@transaction.atomic
def crime_outcome_record(
    *,
    actor: User | None,
    crime: Crime,
    outcome_type: int,
    occurred_at: datetime,
    source: str = EventSource.STAFF,
    actor_label: str = "",
) -> list[Event]:
    """Record the crime's Home Office outcome for every victim of the crime: an `outcome_recorded`
    event on each case whose timeline does not already say so, so each victim has their own
    Right 6 clock and automatic update, and the crime carries it (cases.reactions). A wrong
    outcome already recorded is fixed with crime_correct instead. Returns the events written."""
    if outcome_type not in outcome_types():
        raise CaseError("outcome_type", "Choose an outcome from the list")
    if occurred_at < crime.reported_at:
        raise CaseError("outcome_on", "The date of the outcome must be on or after the crime was reported")
    written = []
    for vcase in VictimCase.objects.filter(crime=crime).select_related("person", "crime").order_by("id"):
        latest = _latest(vcase, OUTCOME_RECORDED)
        if latest is not None and latest.payload.get("outcome_type") == outcome_type:
            continue  # this victim's timeline already has it
        written.append(
            event_record(
                actor=actor,
                case=vcase,
                type=OUTCOME_RECORDED,
                occurred_at=occurred_at,
                payload={"outcome_type": outcome_type},
                source=source,
                actor_label=actor_label,
            )
        )
    if not written:
        raise CaseError("outcome_type", "Every victim's timeline already has this outcome")
    return written


# The facts crime_correct may change, in the order a correction lists them.
FACT_LABELS = {
    "ho_offence_code": "Home Office offence code",
    "crime_type": "Crime type",
    "flags": "Crime flags",
    "lsoa_code": "LSOA code",
    "lsoa_name": "LSOA name",
    "occurred_at": "Date the crime happened",
    "reported_at": "Date the crime was reported",
    "outcome_type": "Outcome",
    "outcome_at": "Date of the outcome",
}
OUTCOME_FACTS = ("outcome_type", "outcome_at")


@transaction.atomic
def crime_correct(*, actor: User, crime: Crime, changes: dict[str, Any], reason: str) -> Crime:
    """Correct a crime's facts (keys of FACT_LABELS; `flags` is the whole new set) with a reason.

    Facts that did not change are ignored; if none changed, or a value is refused, CaseError names
    the field and nothing is stored. One audit row holds the before and after. Every case on the
    crime gets a `crime_facts_corrected` event (the engine reads the crime's new flags and dates
    when event_record recomputes its entitlements, in this transaction); a new reported date also
    corrects the `crime_reported` event of each case that started then, and a new outcome is
    recorded on each case as an `outcome_recorded` event correcting that case's latest one, so
    the crime's outcome stays the one its events say (docs/adr/0007, 0034)."""
    reason = reason.strip()
    if not reason:
        raise CaseError("reason", "Enter why the crime's details are being corrected")
    unknown = set(changes) - set(FACT_LABELS)
    if unknown:
        raise ValueError(f"Unknown crime facts: {sorted(unknown)}")
    crime = Crime.objects.select_for_update().get(pk=crime.pk)  # one correction at a time
    before = {name: _fact(crime, name) for name in FACT_LABELS}
    after = {**before, **{name: _normalise(name, value) for name, value in changes.items()}}
    changed = [name for name in FACT_LABELS if after[name] != before[name]]
    if not changed:
        raise CaseError("changes", "Nothing was changed. Change a detail, or cancel")
    _check_facts(crime, after, changed)
    facts = [name for name in changed if name not in OUTCOME_FACTS]
    for name in facts:
        _apply(crime, name, after[name])
    crime.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=crime,
        changes={name: [_shown(before[name]), _shown(after[name])] for name in changed},
        detail=f"Correction: {reason}",
    )
    summary = "; ".join(_change_words(name, before[name], after[name]) for name in facts)
    for vcase in VictimCase.objects.filter(crime=crime).select_related("person").order_by("id"):
        vcase.crime = crime
        if facts:
            _correct_facts(actor, vcase, summary, reason, before["reported_at"], after["reported_at"])
        if set(changed) & set(OUTCOME_FACTS):
            _correct_outcome(actor, vcase, after["outcome_type"], after["outcome_at"], reason)
    crime.refresh_from_db(fields=["outcome_type", "outcome_at"])
    return crime


def _fact(crime: Crime, name: str) -> Any:
    return tuple(crime.flags) if name == "flags" else getattr(crime, name)


def _normalise(name: str, value: Any) -> Any:
    if name == "flags":
        return tuple(f for f in CRIME_FLAGS if f in set(value or ()))  # the vocabulary's order
    if name in ("lsoa_code", "lsoa_name", "ho_offence_code", "crime_type"):
        return str(value or "").strip()
    return value


def _check_facts(crime: Crime, after: dict[str, Any], changed: list[str]) -> None:
    unknown_flags = set(after["flags"]) - set(CRIME_FLAGS)
    if unknown_flags:
        raise CaseError("flags", f"Unknown crime flag: {sorted(unknown_flags)[0]}")
    crime_vocabulary_check(
        CrimeInput(
            crime_reference=crime.crime_reference,
            ho_offence_code=after["ho_offence_code"],
            crime_type=after["crime_type"],
            reported_at=after["reported_at"],
            occurred_at=after["occurred_at"],
        )
    )
    if after["reported_at"] is None or timezone.is_naive(after["reported_at"]):
        raise CaseError("reported_on", "Enter the date the crime was reported")
    if after["reported_at"] > timezone.now():
        raise CaseError("reported_on", "The date the crime was reported must be today or in the past")
    if set(changed) & set(OUTCOME_FACTS):
        _check_outcome(crime, after["outcome_type"], after["outcome_at"])


def _check_outcome(crime: Crime, outcome_type: int | None, outcome_at: datetime | None) -> None:
    if outcome_type is None:
        # The timeline has no event to withdraw an outcome (docs/adr/0007): correct it instead.
        raise CaseError("outcome_type", "Choose the outcome. An outcome cannot be removed, only corrected")
    if outcome_type not in outcome_types():
        raise CaseError("outcome_type", "Choose an outcome from the list")
    if outcome_at is None:
        raise CaseError("outcome_on", "Enter the date of the outcome")
    if outcome_at > timezone.now():
        raise CaseError("outcome_on", "The date of the outcome must be today or in the past")
    if outcome_at < crime.reported_at:
        raise CaseError("outcome_on", "The date of the outcome must be on or after the crime was reported")


def _apply(crime: Crime, name: str, value: Any) -> None:
    if name == "flags":
        for flag in CRIME_FLAGS:
            setattr(crime, flag, flag in value)
    else:
        setattr(crime, name, value)


def _shown(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return list(value) if isinstance(value, tuple) else value


def _change_words(name: str, old: Any, new: Any) -> str:
    """One change in words for the timeline, e.g. "Crime flags: Domestic abuse added"."""
    label = FACT_LABELS[name]
    if name == "flags":
        added = [CRIME_FLAGS[f] for f in new if f not in old]
        removed = [CRIME_FLAGS[f] for f in old if f not in new]
        parts = [f"{', '.join(added)} added"] * bool(added) + [f"{', '.join(removed)} removed"] * bool(
            removed
        )
        return f"{label}: {'; '.join(parts)}"
    return f"{label}: {_value_words(name, old)} changed to {_value_words(name, new)}"


def _value_words(name: str, value: Any) -> str:
    if value in (None, ""):
        return "not recorded"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%-d %B %Y, %H:%M}"
    if name == "ho_offence_code":
        return f"{value} ({offence_codes().get(value, '')})"
    return str(value)


def _correct_facts(
    actor: User, vcase: VictimCase, summary: str, reason: str, old_reported: datetime, new_reported: datetime
) -> None:
    now = timezone.now()
    event_record(
        actor=actor,
        case=vcase,
        type="crime_facts_corrected",
        occurred_at=now,
        payload={"changed": summary, "reason": reason},
    )
    if new_reported != old_reported:
        started = _latest(vcase, "crime_reported")
        if started is not None and started.occurred_at == old_reported:
            event_record(
                actor=actor,
                case=vcase,
                type="crime_reported",
                occurred_at=new_reported,
                corrects=started,
                notes=reason,
            )


def _correct_outcome(
    actor: User, vcase: VictimCase, outcome_type: int, outcome_at: datetime, reason: str
) -> None:
    event_record(
        actor=actor,
        case=vcase,
        type=OUTCOME_RECORDED,
        occurred_at=outcome_at,
        payload={"outcome_type": outcome_type},
        corrects=_latest(vcase, OUTCOME_RECORDED),
        notes=reason,
    )


def _latest(vcase: VictimCase, type: str) -> Event | None:
    """The case's latest event of `type` that nothing corrects (the one a correction replaces)."""
    return uncorrected(vcase.events.filter(type=type)).order_by("-occurred_at", "-id").first()
