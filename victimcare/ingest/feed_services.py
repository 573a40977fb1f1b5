"""Importing a police feed file (docs/feed-format.md) through the people and cases services.

Each batch of rows commits in one transaction together with the run's progress (its last line),
so a kill loses at most the batch in flight and `resume` carries on after the last committed
line. Inside a batch each row has its own savepoint: a refused row leaves nothing, and the
batch goes on. Keyed by the source system's ids (FeedRecord), importing the same rows again
changes nothing; a changed event becomes a correction event (docs/adr/0007); a changed crime
or victim is refused or queued for review, never written over (docs/adr/0033).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from victimcare.accounts.models import Organisation, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.crime_services import case_add_to_crime
from victimcare.cases.models import Crime, EventSource, VictimCase
from victimcare.cases.services import (
    CaseError,
    CaseInput,
    CrimeInput,
    EventInput,
    case_open,
    event_check,
    events_record_bulk,
    force_for,
)
from victimcare.cases.services import victim_care_organisation as holder_of
from victimcare.ingest import feed
from victimcare.ingest.feed import CRIME, EVENT, OPTED_OUT, VICTIM, FeedRow, Refused, RowError
from victimcare.ingest.models import FeedRecord, FeedRefusal, FeedRun, PossibleMatch
from victimcare.ingest.streams import batches, checksum
from victimcare.people.models import Person
from victimcare.people.names import name_key
from victimcare.people.services import person_create

DEFAULT_BATCH = 500
CREATED, UNCHANGED, CORRECTED, OPTED, REVIEW = "created", "unchanged", "corrected", "opted_out", "for_review"
# The service's field names, as the feed names them.
FIELD_NAMES = {"ho_offence_code": "offence_code", "type": "event_type", "occurred_at": "event_at"}


class FeedImportError(ValueError):
    """The import cannot start (no stopped run to resume, or the user has no force area)."""


def after_batch(run: FeedRun) -> None:
    """Called after each committed batch (a test stands a kill in here)."""


def feed_import(
    *, actor: User, path: Path, resume: bool = False, batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> FeedRun:  # fmt: skip
    """Import a feed file as `actor` (who opens the cases, in their force area). The first line
    is checked before anything is written (feed.FeedFormatError). With `resume`, the stopped run
    of the same file carries on after its last committed batch (FeedImportError if there is none)."""
    if resume:
        feed.check_head(path)
        run = FeedRun.objects.filter(
            force=_force(actor), sha256=checksum(path), status=FeedRun.Status.RUNNING
        ).first()
        if run is None:
            raise FeedImportError(
                f"there is no stopped import of {path.name} to resume: import it without --resume"
            )
    else:
        run = feed_run_start(actor=actor, path=path, batch_size=batch_size)
    return feed_run_continue(actor=actor, run=run, path=path, progress=progress)


def feed_run_start(*, actor: User, path: Path, batch_size: int = DEFAULT_BATCH) -> FeedRun:
    """Check the file's first line (feed.FeedFormatError) and record the run, importing nothing yet."""
    feed.check_head(path)
    run = FeedRun.objects.create(force=_force(actor), file_name=path.name[:255], sha256=checksum(path),
                                 size=path.stat().st_size, batch_size=batch_size, started_by=actor)  # fmt: skip
    audit_record(actor=actor, action=Action.CREATE, obj=run, detail=f"feed import started: {path.name}")
    return run


def feed_run_continue(
    *, actor: User, run: FeedRun, path: Path, progress: Callable[[int], None] | None = None
) -> FeedRun:
    """Import the rows of `path` after the run's last committed line, batch by batch."""
    holder = _holder(actor)
    read = [run.bytes_read]

    def count(done: int) -> None:
        read[0] = done
        if progress is not None:
            progress(done)

    rows = (item for item in feed.read_feed(path, progress=count) if item.line > run.last_line)
    context = _Context(actor=actor, run=run, force=run.force, holder=holder)
    for batch in batches(rows, run.batch_size):
        run.bytes_read = read[0]
        _commit(context, batch)
        after_batch(run)
    run.status, run.finished_at = FeedRun.Status.COMPLETED, timezone.now()
    run.save(update_fields=["status", "finished_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=run, changes=run_counts(run),
                 detail=f"feed import completed: {run.file_name}")  # fmt: skip
    return run


def _force(actor: User) -> Organisation:
    try:
        return force_for(actor)
    except CaseError as error:
        raise FeedImportError(error.message) from None


def _holder(actor: User) -> Organisation:
    try:
        return holder_of(actor)
    except CaseError as error:
        raise FeedImportError(error.message) from None


def run_counts(run: FeedRun) -> dict[str, int]:
    names = ("rows", CREATED, UNCHANGED, CORRECTED, "refused", OPTED, REVIEW)
    return {name: getattr(run, name) for name in names}


class _Context:
    def __init__(self, *, actor: User, run: FeedRun, force: Organisation, holder: Organisation) -> None:
        self.actor, self.run, self.force, self.holder = actor, run, force, holder
        self.batch_begin()

    def batch_begin(self) -> None:
        # The events of the rows so far, each checked in its row and recorded together
        # (events_record_bulk), so that the reactions run once per case, not once per event.
        self.pending: list[EventInput] = []
        # (FeedRecord pk, index in pending) of each event row, to point it at its event.
        self.event_rows: list[tuple[int, int]] = []
        # One object per case, so that its events move the same case forward.
        self.cases: dict[int, VictimCase] = {}

    def case(self, case: VictimCase) -> VictimCase:
        return self.cases.setdefault(case.pk, case)

    def mark(self) -> tuple[int, int, int]:
        return len(self.pending), len(self.event_rows), len(self.cases)

    def rewind(self, mark: tuple[int, int, int]) -> None:
        """Forget what a refused row added (its savepoint rolled back; SQLite may reuse its ids)."""
        del self.pending[mark[0] :], self.event_rows[mark[1] :]
        for pk in list(self.cases)[mark[2] :]:
            del self.cases[pk]

    def record(self, kind: str, source_id: str, crime_source_id: str = "") -> FeedRecord | None:
        return FeedRecord.objects.filter(force=self.force, record=kind, source_id=source_id,
                                         crime_source_id=crime_source_id).first()  # fmt: skip

    def keep(self, row: FeedRow, crime_source_id: str = "", **values: Any) -> FeedRecord:
        defaults = {"digest": row.digest, "run": self.run, "line": row.line, **values}
        found, _ = FeedRecord.objects.update_or_create(
            force=self.force,
            record=row.record,
            source_id=row.id,
            crime_source_id=crime_source_id,
            defaults=defaults,
        )
        return found


def _commit(context: _Context, batch: list[FeedRow | Refused]) -> None:
    """Commit the batch, its events recorded in bulk at its end. Every event was checked in its
    row, so the bulk recording refuses only if a reaction refuses a case: then the batch is done
    again with each row's events recorded in the row, so that only that row is refused."""
    try:
        _commit_batch(context, batch, bulk=True)
    except CaseError:
        _commit_batch(context, batch, bulk=False)


@transaction.atomic
def _commit_batch(context: _Context, batch: list[FeedRow | Refused], *, bulk: bool) -> None:
    context.batch_begin()
    counts: Counter[str] = Counter()
    refusals: list[Refused] = []
    for item in batch:
        if isinstance(item, Refused):
            refusals.append(item)
            continue
        mark = context.mark()
        try:
            with transaction.atomic():
                counts.update(_apply(context, item))
                if not bulk:
                    _record_pending(context, in_row=True)
        except RowError as error:
            context.rewind(mark)
            refusals.append(Refused(item.line, item.record, item.id, error.field, error.reason))
    _record_pending(context, in_row=False)
    run = context.run
    FeedRefusal.objects.bulk_create(
        FeedRefusal(run=run, line=r.line, record=r.record[:10], source_id=r.id[:64], field=r.field[:50],
                    reason=r.reason[:300]) for r in refusals
    )  # fmt: skip
    for name in (CREATED, UNCHANGED, CORRECTED, OPTED, REVIEW):
        setattr(run, name, getattr(run, name) + counts[name])
    run.refused += len(refusals)
    run.rows += len(batch)
    run.batches += 1
    run.last_line = batch[-1].line
    run.save()


def _record_pending(context: _Context, *, in_row: bool) -> None:
    """Record the events held so far (one run of the reactions) and point their rows at them.
    A refusal in a row refuses the row; at the end of a batch it goes up to _commit."""
    if not context.pending:
        return
    try:
        events = events_record_bulk(actor=context.actor, items=context.pending)
    except CaseError as error:
        if not in_row:
            raise
        raise RowError(_feed_field(error.field), error.message) from None
    FeedRecord.objects.bulk_update(
        [FeedRecord(pk=pk, event=events[index]) for pk, index in context.event_rows], ["event"]
    )
    context.batch_begin()


def _apply(context: _Context, row: FeedRow) -> list[str]:
    try:
        if row.record == CRIME:
            return _crime(context, row)
        if row.record == VICTIM:
            return _victim(context, row)
        return _event(context, row)
    except CaseError as error:
        raise RowError(_feed_field(error.field), error.message) from None
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise RowError(name, " ".join(messages)) from None


def _feed_field(name: str) -> str:
    if name in FIELD_NAMES:
        return FIELD_NAMES[name]
    return name if name in feed.COLUMNS else f"details.{name}"


def _seen(context: _Context, found: FeedRecord, row: FeedRow) -> bool:
    """Whether the row repeats one already imported; raises if it appeared earlier in this file."""
    if found.run_id == context.run.id and found.line != row.line:
        raise RowError("id", f"{row.record} {row.id} appears twice in this file (first on line {found.line})")
    if found.digest == row.digest:
        FeedRecord.objects.filter(pk=found.pk).update(run=context.run, line=row.line)
        return True
    return False


def _crime(context: _Context, row: FeedRow) -> list[str]:
    found = context.record(CRIME, row.id)
    if found is not None:
        if _seen(context, found, row):
            return [UNCHANGED]
        if found.crime_id is not None:
            raise RowError("id", "this crime changed since it was imported; changing a crime's facts after its case "
                                 "is open is not yet supported: correct it on the case")  # fmt: skip
        context.keep(row, crime_data=row.data)
        return [CORRECTED]
    if Crime.objects.filter(force=context.force, crime_reference=row.data["crime_reference"]).exists():
        raise RowError(
            "crime_reference",
            f"{row.data['crime_reference']} is already recorded in victimcare, not by this feed",
        )
    context.keep(row, crime_data=row.data)
    return [CREATED]


def _victim(context: _Context, row: FeedRow) -> list[str]:
    crime = context.record(CRIME, row.crime_id)
    if crime is None:
        raise RowError(
            "crime_id", f"no crime {row.crime_id} has been imported (a crime's row comes before its victims)"
        )
    found = context.record(VICTIM, row.id, row.crime_id)
    if found is not None and _seen(context, found, row):
        return [UNCHANGED]
    if row.data["referral"] == OPTED_OUT:
        if found is not None and not found.opted_out:
            raise RowError(
                "referral", "the victim opted out after their case was opened: record it on the case"
            )
        context.keep(row, row.crime_id, opted_out=True)  # nothing of theirs is kept but the ids
        return [OPTED]
    if found is not None and not found.opted_out and found.case is not None:
        _queue(context, found.case.person, None, found.case, PossibleMatch.Reason.DETAILS_CHANGED)
        context.keep(row, row.crime_id)
        return [REVIEW]
    return _open(context, row, crime)


def _open(context: _Context, row: FeedRow, crime: FeedRecord) -> list[str]:
    """The victim's person and case: on a new crime (its first victim), or added to the crime
    an earlier victim's row opened, as staff add a victim on the crime's page (docs/adr/0034)."""
    data = row.data
    born = date.fromisoformat(data["date_of_birth"]) if data["date_of_birth"] else None
    person = person_create(actor=context.actor, organisation=context.holder, data={
        "first_name": data["first_name"], "last_name": data["last_name"], "date_of_birth": born,
        "email": data["email"], "phone": data["phone"]})  # fmt: skip
    facts = crime.crime_data
    if crime.crime is not None:
        vcase = case_add_to_crime(actor=context.actor, crime=crime.crime, person=person, case=CaseInput(),
                                  reported_at=_identified_at(context, crime.crime), source=EventSource.IMPORT,
                                  pending=context.pending)  # fmt: skip
    else:
        vcase = case_open(actor=context.actor, person=person, case=CaseInput(), source=EventSource.IMPORT,
            pending=context.pending, crime=CrimeInput(crime_reference=facts["crime_reference"],
            ho_offence_code=facts["offence_code"], crime_type=facts["crime_type"],
            reported_at=datetime.fromisoformat(facts["reported_at"]),
            occurred_at=datetime.fromisoformat(facts["occurred_at"]) if facts["occurred_at"] else None,
            flags=tuple(facts["flags"]), lsoa_code=facts["lsoa_code"], lsoa_name=facts["lsoa_name"]))  # fmt: skip
        FeedRecord.objects.filter(pk=crime.pk).update(crime=vcase.crime)
    context.case(vcase)
    context.keep(row, row.crime_id, case=vcase, opted_out=False)
    outcomes = [CREATED]
    for known, reason in _possible_matches(context, row, person):
        _queue(context, person, known, vcase, reason)
        outcomes = [CREATED, REVIEW]
    return outcomes


def _identified_at(context: _Context, crime: Crime) -> datetime:
    """When another victim of a crime became known, for their `crime_reported` (the feed gives no
    date for a victim): sent in the file that opened the crime, when the crime was reported; in
    a later file, now, as on the crime's page, so that their clocks do not run from a report made
    before they were known (docs/adr/0034)."""
    earlier = VictimCase.objects.filter(crime=crime, opened_at__lt=context.run.started_at).exists()
    return timezone.now() if earlier else crime.reported_at


def _possible_matches(context: _Context, row: FeedRow, person: Person) -> list[tuple[Person, str]]:
    """People already known who may be this victim: the same victim id on another crime, or the
    same name and date of birth in the organisation. Shown for review; never merged here."""
    matches: list[tuple[Person, str]] = []
    earlier = FeedRecord.objects.filter(
        force=context.force, record=VICTIM, source_id=row.id, case__isnull=False
    )
    for other in earlier.exclude(crime_source_id=row.crime_id).select_related("case__person")[:5]:
        if other.case is not None:
            matches.append((other.case.person, PossibleMatch.Reason.SAME_SOURCE_ID))
    if person.date_of_birth is not None:
        same = Person.objects.filter(organisation=context.holder, first_name_key=name_key(person.first_name),
                                     last_name_key=name_key(person.last_name), date_of_birth=person.date_of_birth)  # fmt: skip
        known = {p.pk for p, _ in matches}
        matches += [(p, PossibleMatch.Reason.SAME_NAME_AND_BIRTH) for p in same.exclude(pk=person.pk)[:5]
                    if p.pk not in known]  # fmt: skip
    return matches


def _queue(context: _Context, person: Person, known: Person | None, case: Any, reason: str) -> None:
    match = PossibleMatch.objects.create(organisation=context.holder, run=context.run, person=person, known=known,
                                         case=case, reason=reason)  # fmt: skip
    audit_record(actor=context.actor, action=Action.CREATE, obj=match, person=person, case=case,
                 detail=f"possible match for review: {match.get_reason_display()}")  # fmt: skip


def _event(context: _Context, row: FeedRow) -> list[str]:
    victim = context.record(VICTIM, row.victim_id, row.crime_id)
    if victim is None:
        raise RowError("victim_id", f"no victim {row.victim_id} of crime {row.crime_id} has been imported")
    if victim.opted_out or victim.case is None:
        return [OPTED]  # the victim opted out of referral: nothing about them is kept
    found = context.record(EVENT, row.id)
    if found is not None and _seen(context, found, row):
        return [UNCHANGED]
    if found is not None and found.case_id != victim.case_id:
        raise RowError("victim_id", "an imported event cannot move to another victim's case")
    if found is not None and found.event is not None and found.event.type != row.data["event_type"]:
        raise RowError("event_type", "a correction keeps the event's type; record a new event instead")
    data = row.data
    case = context.case(victim.case)
    item = EventInput(case=case, type=data["event_type"], occurred_at=datetime.fromisoformat(data["event_at"]),
                      payload=data["details"], corrects=found.event if found is not None else None,
                      source=EventSource.IMPORT)  # fmt: skip
    event_check(item=item)  # recorded with the batch's other events (_record_pending)
    kept = context.keep(row, case=case)
    context.event_rows.append((kept.pk, len(context.pending)))
    context.pending.append(item)
    return [CORRECTED] if found is not None else [CREATED]
