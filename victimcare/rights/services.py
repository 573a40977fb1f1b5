"""Keeping stored entitlements true: the engine's answer for each case, written to the database.

The engine is pure (engine.py); this module is the one place that turns ORM rows into engine
input (`engine_inputs`) and engine output into rows (`recompute_cases`). The same code serves
one case recorded through cases.services.event_record and a batch of a thousand (a bulk
recording, `manage.py recompute_entitlements`): both reach it through the reaction
`rights.reactions.entitlements_refresh`, so the two can never disagree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import CaseRole, Event, VictimCase
from victimcare.cases.vocab import CRIME_FLAGS
from victimcare.people.models import Person
from victimcare.refusals import Refusal
from victimcare.rights import engine
from victimcare.rights.engine import evaluate
from victimcare.rights.facts import NO_PAYLOAD
from victimcare.rights.loader import RULES_DIR, NoCodeVersionError
from victimcare.rights.models import BankHoliday, CaseRights, Entitlement
from victimcare.rights.outcomes import Evaluation
from victimcare.rights.vocabulary import EVENT_TYPES as ENGINE_EVENT_TYPES
from victimcare.rights.vocabulary import PAYLOAD_FIELDS, VICTIM_FLAGS
from victimcare.rights.workdays import LONDON, CalendarRangeError, WorkingDayCalendar, default_calendar

_CRIME_FLAG_COLUMNS = tuple(sorted(CRIME_FLAGS))
_CASE_COLUMNS = (
    "id",
    "organisation_id",
    "role",
    "person__date_of_birth",
    "person__flags",
    "crime__occurred_at",
    "crime__reported_at",
    *(f"crime__{flag}" for flag in _CRIME_FLAG_COLUMNS),
)
_EVENT_COLUMNS = ("case_id", "id", "type", "occurred_at", "about_id", "corrects_id")  # + payload
# What a recompute writes to CaseRights (never the override), as columns.
_CASE_RIGHTS_COLUMNS = ("organisation_id", "enhanced", "reasons", "code_version", "rules_digest", "error", "computed_at")  # fmt: skip


OverrideError = Refusal  # the one refusal type (victimcare/refusals.py)


@cache
def rules_digest() -> str:
    """A short fingerprint of the shipped rule files: which rules computed a stored row."""
    digest = hashlib.sha256()
    for path in sorted(RULES_DIR.glob("code_*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stored_calendar() -> WorkingDayCalendar:
    """The calendar for stored entitlements: the `holidays` package's England and Wales bank
    holidays plus every date loaded from the GOV.UK feed (refresh_bank_holidays). One small
    query; the calendar itself is built once per process for each set of extra dates."""
    extra = frozenset(BankHoliday.objects.values_list("date", flat=True))
    return default_calendar(extra_holidays=extra)


# --- engine input from the ORM ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """One case's engine input, built from plain column values."""

    case_id: int
    organisation_id: int
    victim: engine.Victim
    crime: engine.Crime
    events: tuple[engine.Event, ...]


def engine_inputs(
    case_row: Sequence[Any], event_rows: Iterable[Sequence[Any]], override: engine.EnhancedOverride | None
) -> CaseFacts:
    """The engine's input for one case from the values of _CASE_COLUMNS and, for each event,
    _EVENT_COLUMNS followed by its payload (or None).

    - Victim flags are the person's flags that the engine knows; a case whose role is
      "bereaved close relative" adds `bereaved` (most serious crime, VICTIMS-CODE.md).
    - The crime's date is the local date it happened, or was reported if that is not known.
    - Ids become strings (the engine's event ids); only event types the engine knows are passed.
    """
    case_id, organisation_id, role, born, person_flags, occurred_at, reported_at, *crime_flags = case_row
    flags = {f for f in (person_flags or ()) if f in VICTIM_FLAGS}
    if role == CaseRole.BEREAVED_RELATIVE:
        flags.add("bereaved")
    victim = engine.Victim(date_of_birth=born, flags=frozenset(flags), enhanced_override=override)
    occurred_on = (occurred_at or reported_at).astimezone(LONDON).date()
    crime = engine.Crime(
        occurred_on=occurred_on,
        flags=frozenset(name for name, on in zip(_CRIME_FLAG_COLUMNS, crime_flags, strict=True) if on),
    )
    return CaseFacts(case_id, organisation_id, victim, crime, tuple(_engine_event(row) for row in event_rows))


def _engine_event(row: Sequence[Any]) -> engine.Event:
    _, event_id, type_, at, about_id, corrects_id, *rest = row
    payload = rest[0] if rest else None
    return engine.Event(
        id=str(event_id),
        type=type_,
        at=at,
        about=None if about_id is None else str(about_id),
        corrects=None if corrects_id is None else str(corrects_id),
        payload=payload or NO_PAYLOAD,
    )


def load_case_facts(case_ids: Sequence[int]) -> list[CaseFacts]:
    """Engine input for these cases, in id order, in three or four queries (cases, overrides,
    events, and the payloads the engine reads)."""
    cases = list(VictimCase.objects.filter(id__in=case_ids).order_by("id").values_list(*_CASE_COLUMNS))
    overrides = {
        case_id: engine.EnhancedOverride(bool(enhanced), reason)
        for case_id, enhanced, reason in CaseRights.objects.filter(
            case_id__in=case_ids, override_enhanced__isnull=False
        ).values_list("case_id", "override_enhanced", "override_reason")
    }
    # Filter event types here, not in SQL: with `type IN (...)` SQLite chose the (type, time)
    # index and read every event of those types in the table for each batch (ADR 0011).
    events: dict[int, list[Sequence[Any]]] = {}
    needs_payload: dict[int, int] = {}  # event id -> case id
    for row in Event.objects.filter(case_id__in=case_ids).order_by().values_list(*_EVENT_COLUMNS):
        if row[2] in ENGINE_EVENT_TYPES:
            events.setdefault(row[0], []).append(row)
            if row[2] in PAYLOAD_FIELDS:
                needs_payload[row[1]] = row[0]
    # Payloads only for the types whose payload the engine reads, by primary key: decoding
    # every event's JSON took a fifth of a batch's time.
    payloads = (
        dict(Event.objects.filter(id__in=needs_payload).values_list("id", "payload")) if needs_payload else {}
    )
    for case_id in set(needs_payload.values()):
        events[case_id] = [(*r, payloads.get(r[1])) for r in events[case_id]]
    return [engine_inputs(c, events.get(c[0], ()), overrides.get(c[0])) for c in cases]


# --- engine output to the database -------------------------------------------------------------


def _evaluate(facts: CaseFacts, calendar: WorkingDayCalendar, now: datetime) -> Evaluation | str:
    """The engine's answer, or the reason it could not give one (stored, shown to staff)."""
    # as_of is now, or the latest event if one was recorded with a clock a little ahead:
    # the engine ignores events after as_of, and a stored row must reflect every event.
    as_of = max([now, *(e.at for e in facts.events)])
    try:
        return evaluate(facts.victim, facts.crime, facts.events, as_of, calendar)
    except NoCodeVersionError as err:
        return f"The Victims' Code did not apply on {err.day:%-d %B %Y}, so no deadlines are worked out for this case."
    except CalendarRangeError as err:
        return f"A date on this case is outside the working-day calendar ({err})."


def recompute_cases(
    case_ids: Sequence[int], *, calendar: WorkingDayCalendar | None = None, now: datetime | None = None
) -> int:
    """Rebuild the stored rights and entitlements of these cases from their events.

    Replaces every Entitlement row of each case and updates (never the override of) its
    CaseRights. Call inside a transaction. Returns the number of entitlement rows written.
    """
    calendar = calendar or stored_calendar()
    now = now or timezone.now()
    digest = rules_digest()
    rights: list[CaseRights] = []
    rows: list[tuple[Any, ...]] = []
    for facts in load_case_facts(case_ids):
        result = _evaluate(facts, calendar, now)
        if isinstance(result, str):
            rights.append(_case_rights(facts, None, result, digest, now))
            continue
        rights.append(_case_rights(facts, result, "", digest, now))
        rows.extend(_entitlement_row(facts, result.enhanced, o) for o in result.obligations)
    Entitlement.objects.filter(case_id__in=case_ids).delete()
    _insert_entitlements(rows, now)
    _upsert_case_rights(rights)
    return len(rows)


# The engine's reasons name the Code's vulnerable-victim grounds "vulnerable:<ground>"; the
# derived `vulnerable` flag is read from them (safeguarding.reactions).
VULNERABLE_REASON = "vulnerable:"


def _case_rights(
    facts: CaseFacts, result: Evaluation | None, error: str, digest: str, now: datetime
) -> CaseRights:
    return CaseRights(
        case_id=facts.case_id,
        organisation_id=facts.organisation_id,
        enhanced=result.enhanced if result else False,
        reasons=list(result.enhanced_reasons) if result else [],
        code_version=result.code_version if result else "",
        rules_digest=digest,
        error=error,
        computed_at=now,
    )


_ENTITLEMENT_COLUMNS = ("case_id", "organisation_id", "rule", "code_version", "right", "provider", "trigger_id",
                        "due", "status", "fulfilled_by_id", "enhanced", "local_target_days", "local_due",
                        "local_status", "computed_at")  # fmt: skip


def _entitlement_row(facts: CaseFacts, enhanced: bool, o: engine.Obligation) -> tuple[Any, ...]:
    """One Entitlement row as a tuple of _ENTITLEMENT_COLUMNS (computed_at added on insert)."""
    target = o.local_target
    return (
        facts.case_id,
        facts.organisation_id,
        o.rule,
        o.code_version,
        str(o.right),
        o.provider,
        int(o.trigger),
        o.due,
        o.status,
        None if o.fulfilled_by is None else int(o.fulfilled_by),
        enhanced,
        target.working_days if target else None,
        target.due if target else None,
        target.status if target else "",
    )


def _upsert_case_rights(rights: list[CaseRights]) -> None:
    """Insert or update each case's CaseRights row in a few multi-row statements (INSERT ... ON
    CONFLICT, on both backends), leaving a staff override as it is. bulk_create(update_conflicts)
    did the same at three times the cost, most of it compiling the statement (docs/adr/0030)."""
    if not rights:
        return
    ops, meta = connection.ops, CaseRights._meta
    columns = ("case_id", *_CASE_RIGHTS_COLUMNS, "override_reason")
    by_column = {f.column: f for f in meta.concrete_fields}
    fields = [by_column[c] for c in columns]
    updates = ", ".join(f"{ops.quote_name(c)} = EXCLUDED.{ops.quote_name(c)}" for c in _CASE_RIGHTS_COLUMNS)
    row_sql = f"({', '.join(['%s'] * len(columns))})"
    size = 500 if connection.vendor == "postgresql" else 90  # SQLite allows 999 parameters
    with connection.cursor() as cursor:
        for start in range(0, len(rights), size):
            chunk = rights[start : start + size]
            sql = "INSERT INTO {} ({}) VALUES {} ON CONFLICT ({}) DO UPDATE SET {}".format(  # noqa: S608 (names from the model, values as parameters)
                ops.quote_name(meta.db_table),
                ", ".join(ops.quote_name(c) for c in columns),
                ", ".join([row_sql] * len(chunk)),
                ops.quote_name("case_id"),
                updates,
            )
            params = [f.get_db_prep_save(getattr(r, f.attname), connection) for r in chunk for f in fields]
            cursor.execute(sql, params)


def _insert_entitlements(rows: list[tuple[Any, ...]], now: datetime) -> None:
    """Insert rows as plain parameter tuples: a recompute writes about eight per case, and
    building a model instance for each took half of a batch's time (bench/bench_recompute.py).
    On PostgreSQL they go in by COPY, one statement per batch: one INSERT per row cost the
    server two thirds of a recompute (docs/adr/0030). Elsewhere values go through the
    backend's own adapters, so they are stored as the ORM would store them."""
    if not rows:
        return
    ops = connection.ops
    table = ops.quote_name(Entitlement._meta.db_table)
    columns = ", ".join(ops.quote_name(c) for c in _ENTITLEMENT_COLUMNS)
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row((*row, now))
        return
    stamp = ops.adapt_datetimefield_value(now)
    params = [
        (*r[:7], ops.adapt_datefield_value(r[7]), *r[8:12], ops.adapt_datefield_value(r[12]), r[13], stamp)
        for r in rows
    ]
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(_ENTITLEMENT_COLUMNS))})"  # noqa: S608 (names from the model, values as parameters)
    with connection.cursor() as cursor:
        for start in range(0, len(params), _INSERT_BATCH):
            cursor.executemany(sql, params[start : start + _INSERT_BATCH])


_INSERT_BATCH = 5000


# --- the services ------------------------------------------------------------------------------


@transaction.atomic
def case_rights_refresh(*, case: VictimCase) -> CaseRights:
    """Recompute one case's stored rights and entitlements (in the caller's transaction)."""
    recompute_cases([case.id])
    return CaseRights.objects.get(case_id=case.id)


@transaction.atomic
def person_rights_refresh(*, person: Person) -> None:
    """Recompute every case of a person whose date of birth or victim flags changed."""
    case_ids = list(VictimCase.objects.filter(person=person).values_list("id", flat=True))
    if case_ids:
        recompute_cases(case_ids)


@transaction.atomic
def case_rights_override(*, actor: User, case: VictimCase, enhanced: bool | None, reason: str) -> CaseRights:
    """Decide enhanced rights for the victim either way (enhanced True/False) with a reason, or
    remove a staff decision (enhanced None) so the engine's grounds decide again.

    Writes one audit row with the old and new decision, then recomputes the case: the due dates
    of Rights 6 and 8 depend on the answer.
    """
    reason = reason.strip()
    if enhanced is not None and not reason:
        raise OverrideError("reason", "Enter why you are deciding this victim's enhanced rights")
    rights = CaseRights.objects.select_for_update().filter(case_id=case.id).first()
    if rights is None:
        rights = case_rights_refresh(case=case)
    before = _override_state(rights)
    rights.override_enhanced = enhanced
    rights.override_reason = reason if enhanced is not None else ""
    rights.override_by = actor if enhanced is not None else None
    rights.override_at = timezone.now() if enhanced is not None else None
    rights.save(update_fields=["override_enhanced", "override_reason", "override_by", "override_at"])
    after = _override_state(rights)
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=rights,
        person=case.person,
        case=case,
        changes=changes,
        detail="enhanced rights override" if enhanced is not None else "enhanced rights override removed",
    )
    return case_rights_refresh(case=case)


def _override_state(rights: CaseRights) -> dict[str, Any]:
    return {"override_enhanced": rights.override_enhanced, "override_reason": rights.override_reason}
