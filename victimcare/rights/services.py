"""Keeping stored entitlements true: the engine's answer for each case, written to the database.

The engine is pure (engine.py); this module is the one place that turns ORM rows into engine
input (`engine_inputs`) and engine output into rows (`recompute_cases`). The same code serves
one case recorded through cases.services.event_record and a batch of a thousand (a bulk
recording, `manage.py recompute_entitlements`): both reach it through the reaction
`rights.reactions.entitlements_refresh`, so the two can never disagree.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Case, F, JSONField, Lookup, Q, QuerySet, TextField, When
from django.db.models.functions import Cast
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
    its case id, id, type, time, about and corrects ids (the ids as text) and its payload (or
    None), as load_case_facts reads them.

    - Victim flags are the person's flags that the engine knows; a case whose role is
      "bereaved close relative" adds `bereaved` (most serious crime, VICTIMS-CODE.md).
    - The crime's date is the local date it happened, or was reported if that is not known.
    - Only event types the engine knows are passed.
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
    # The ids come as text from the query (the engine's ids are strings): cast by the server,
    # not by str() on each of a batch's ~12,000 rows.
    _, event_id, type_, at, about, corrects, payload = row
    return engine.Event(event_id, type_, at, about, corrects, payload or NO_PAYLOAD)


def load_case_facts(case_ids: Sequence[int]) -> list[CaseFacts]:
    """Engine input for these cases, in id order, in three queries (cases, overrides, events
    with the payloads the engine reads)."""
    cases = fetch_rows(
        VictimCase.objects.filter(any_of("id", case_ids)).order_by("id").values_list(*_CASE_COLUMNS)
    )
    overrides = {
        case_id: engine.EnhancedOverride(bool(enhanced), reason)
        for case_id, enhanced, reason in CaseRights.objects.filter(
            any_of("case_id", case_ids), override_enhanced__isnull=False
        ).values_list("case_id", "override_enhanced", "override_reason")
    }
    # Payloads only for the types whose payload the engine reads: decoding every event's JSON
    # took a fifth of a batch's time.
    payload = Case(
        When(type__in=sorted(PAYLOAD_FIELDS), then="payload"), default=None, output_field=JSONField()
    )
    text = TextField()
    rows = (
        Event.objects.filter(any_of("case_id", case_ids))
        .order_by()
        .values_list(
            "case_id", Cast("id", text), "type", "occurred_at", Cast("about_id", text), Cast("corrects_id", text), payload
        )
    )  # fmt: skip
    # Only the event types the engine knows. On SQLite in Python: with `type IN (...)` it chose
    # the (type, time) index and read every event of those types in the table for each batch
    # (ADR 0011). PostgreSQL keeps to the case index and sends a fifth fewer rows (docs/adr/0055).
    if connection.vendor == "postgresql":
        rows = rows.filter(any_of("type", sorted(ENGINE_EVENT_TYPES)))
    events: dict[int, list[Sequence[Any]]] = {}
    for row in fetch_rows(rows):
        if row[2] in ENGINE_EVENT_TYPES:
            events.setdefault(row[0], []).append(row)
    return [engine_inputs(c, events.get(c[0], ()), overrides.get(c[0])) for c in cases]


class AnyOf(Lookup[Any]):
    """`column IN (values)`, written on PostgreSQL as `column = ANY(%s)` with the values as one
    array parameter: psycopg binds parameters on the client and parsed a batch's thousand
    placeholders again for every statement, which cost more than the server's work (docs/adr/0038).
    Use through `any_of`."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[Any]:
        return list(self.rhs)

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        if not self.rhs:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*lhs_params, *self.rhs]

    def as_postgresql(self, compiler: Any, connection: Any) -> Any:
        if not self.rhs:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]


def any_of(column: str, values: Iterable[Any]) -> Q:
    """A filter: `column` is one of `values` (see AnyOf)."""
    return Q(AnyOf(F(column), list(values)))


def fetch_rows(rows: QuerySet[Any, tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of a values_list() query over plain columns (numbers, text, dates, times, JSON
    without a custom decoder), as the ORM returns them. On PostgreSQL the query runs on a
    cursor that reads timestamps with psycopg's compiled loader: Django's own, written in
    Python to pin the time zone, took as long as the engine over a recompute's ~12 events a
    case (docs/adr/0038). The session time zone is UTC (Django sets it), so the values are
    equal, with the same tzinfo."""
    if connection.vendor != "postgresql":
        return list(rows)
    from psycopg.types.datetime import TimestamptzLoader
    from psycopg.types.json import JsonbLoader

    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        adapters = cursor.cursor.adapters
        adapters.register_loader("timestamptz", TimestamptzLoader)
        adapters.register_loader("jsonb", JsonbLoader)
        cursor.execute(sql, params)
        fetched: list[tuple[Any, ...]] = cursor.fetchall()
        return fetched


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

    Makes each case's Entitlement rows the engine's obligations and updates (never the override
    of) its CaseRights. Call inside a transaction. Returns the number of obligations the engine
    gave.

    Only what differs is written (docs/adr/0038): the stored rows of the batch are read in two
    queries and compared with the engine's, an obligation that is already stored as it is keeps
    its row (and its id and `computed_at`, the time its content was last written), a changed
    one is updated in place, a new one inserted, one that is no longer owed deleted. Every
    CaseRights row gets `computed_at`, the time the case was last brought up to date: as that
    rewrites each row anyway, they are all written in one upsert, with no read to compare
    (docs/adr/0055).
    """
    calendar = calendar or stored_calendar()
    now = now or timezone.now()
    digest = rules_digest()
    rights: list[tuple[Any, ...]] = []
    rows: list[tuple[Any, ...]] = []
    for facts in load_case_facts(case_ids):
        result = _evaluate(facts, calendar, now)
        if isinstance(result, str):
            rights.append(_case_rights(facts, None, result, digest))
            continue
        rights.append(_case_rights(facts, result, "", digest))
        rows.extend(_entitlement_row(facts, result.enhanced, o) for o in result.obligations)
    _write_entitlement_differences(case_ids, rows, now)
    _upsert_case_rights(rights, now)
    return len(rows)


def _write_entitlement_differences(
    case_ids: Sequence[int], rows: list[tuple[Any, ...]], now: datetime
) -> None:
    """Make the stored Entitlement rows of these cases equal to `rows` (each a tuple of
    _ENTITLEMENT_COLUMNS without computed_at) in one read and at most one DELETE, one insert
    and one batch of UPDATEs. A row is known by (case, rule, trigger), as the unique constraint
    knows it."""
    stored: dict[tuple[Any, ...], tuple[int, tuple[Any, ...]]] = {
        (r[1], r[3], r[7]): (r[0], r[1:]) for r in fetch_rows(
            Entitlement.objects.filter(any_of("case_id", case_ids)).order_by().values_list("id", *_ENTITLEMENT_COLUMNS[:-1])
        )
    }  # fmt: skip
    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[int, tuple[Any, ...]]] = []
    for row in rows:
        found = stored.pop((row[0], row[2], row[6]), None)
        if found is None:
            inserts.append(row)
        elif found[1] != row:
            updates.append((found[0], row))
    if stored:
        Entitlement.objects.filter(any_of("id", [pk for pk, _ in stored.values()])).delete()
    _update_entitlements(updates, now)
    _insert_entitlements(inserts, now)


# The engine's reasons name the Code's vulnerable-victim grounds "vulnerable:<ground>"; the
# derived `vulnerable` flag is read from them (safeguarding.reactions).
VULNERABLE_REASON = "vulnerable:"


def _case_rights(facts: CaseFacts, result: Evaluation | None, error: str, digest: str) -> tuple[Any, ...]:
    """A CaseRights row as the case id and _CASE_RIGHTS_COLUMNS without computed_at."""
    return (
        facts.case_id,
        facts.organisation_id,
        result.enhanced if result else False,
        list(result.enhanced_reasons) if result else [],
        result.code_version if result else "",
        digest,
        error,
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


_UNNESTED_UPSERT = (
    "INSERT INTO {} ({}) SELECT u.*, %s, '' FROM unnest(%s::bigint[], %s::bigint[], %s::boolean[], "
    "%s::text[]::jsonb[], %s::text[], %s::text[], %s::text[]) AS u ON CONFLICT ({}) DO UPDATE SET {}"
)


def _upsert_case_rights(rights: list[tuple[Any, ...]], now: datetime) -> None:
    """Insert or update each case's CaseRights row (INSERT ... ON CONFLICT: one statement on
    PostgreSQL, a few multi-row ones on SQLite), leaving a staff override as it is.
    bulk_create(update_conflicts) did the same at three times the cost, most of it compiling the
    statement (docs/adr/0030).
    Values are plain tuples, adapted here: building a model instance per case and asking each
    field for its value took a quarter of a first recompute's writes (docs/adr/0038)."""
    if not rights:
        return
    ops, meta = connection.ops, CaseRights._meta
    columns = ("case_id", *_CASE_RIGHTS_COLUMNS, "override_reason")
    updates = ", ".join(f"{ops.quote_name(c)} = EXCLUDED.{ops.quote_name(c)}" for c in _CASE_RIGHTS_COLUMNS)
    row_sql = f"({', '.join(['%s'] * len(columns))})"
    reasons = meta.get_field("reasons")
    stamp = ops.adapt_datetimefield_value(now)
    if connection.vendor == "postgresql":
        # One statement whatever the batch: each column is one array parameter, unnested.
        # psycopg binds parameters on the client, and parsing a statement of thousands of
        # placeholders cost more than the server spent on it.
        names = ", ".join(ops.quote_name(c) for c in (*columns[:-2], "computed_at", "override_reason"))
        sql = _UNNESTED_UPSERT.format(
            ops.quote_name(meta.db_table), names, ops.quote_name("case_id"), updates
        )
        arrays = [list(column) for column in zip(*rights, strict=True)]
        arrays[3] = [json.dumps(codes) for codes in arrays[3]]
        with connection.cursor() as cursor:
            cursor.execute(sql, [stamp, *arrays])
        return
    size = 90  # SQLite allows 999 parameters
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
            params = [
                value
                for case_id, organisation_id, enhanced, codes, version, digest, error in chunk
                for value in (
                    case_id, organisation_id, enhanced, reasons.get_db_prep_save(codes, connection),
                    version, digest, error, stamp, "",
                )
            ]  # fmt: skip
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
    params = [(*_adapted(r), stamp) for r in rows]
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(_ENTITLEMENT_COLUMNS))})"  # noqa: S608 (names from the model, values as parameters)
    with connection.cursor() as cursor:
        for start in range(0, len(params), _INSERT_BATCH):
            cursor.executemany(sql, params[start : start + _INSERT_BATCH])


_INSERT_BATCH = 5000


def _adapted(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """An Entitlement row (without computed_at) with its dates as the backend stores them."""
    adapt = connection.ops.adapt_datefield_value
    return (*row[:7], adapt(row[7]), *row[8:12], adapt(row[12]), row[13])


def _update_entitlements(updates: list[tuple[int, tuple[Any, ...]]], now: datetime) -> None:
    """Rewrite changed rows in place, by id, as one executemany (pipelined on PostgreSQL).
    The key columns (case, rule, trigger) are the same by construction and left alone."""
    if not updates:
        return
    ops = connection.ops
    columns = [c for c in _ENTITLEMENT_COLUMNS if c not in _ENTITLEMENT_KEY]
    assignments = ", ".join(f"{ops.quote_name(c)} = %s" for c in columns)
    sql = f"UPDATE {ops.quote_name(Entitlement._meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608 (names from the model, values as parameters)
    keep = [i for i, c in enumerate(_ENTITLEMENT_COLUMNS[:-1]) if c not in _ENTITLEMENT_KEY]
    stamp = ops.adapt_datetimefield_value(now)
    params = [
        (*(adapted[i] for i in keep), stamp, pk) for pk, adapted in ((pk, _adapted(r)) for pk, r in updates)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


_ENTITLEMENT_KEY = frozenset({"case_id", "rule", "trigger_id"})


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
