"""Loading police.uk files (area context), and the decisions on the feed's possible matches.
The feed import of victims itself lives in feed_services.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import VictimCase
from victimcare.cases.pipeline import CaseEvents, event_reactions_run
from victimcare.ingest import policeuk
from victimcare.ingest.models import CrimeOutcome, PoliceUkFile, PossibleMatch, StreetCrime
from victimcare.ingest.policeuk import STREET, FileHead, Row
from victimcare.ingest.streams import batches
from victimcare.refusals import Refusal

BATCH = 2000
COUNTS = ("rows", "crimes", "anti_social_behaviour", "outside_force", "repeats", "without_coordinates",
          "unrecognised")  # fmt: skip


@dataclass
class LoadReport:
    """What one file held, and whether loading it changed anything."""

    file_name: str
    head: FileHead
    status: str  # "loaded" (new month), "replaced" (month loaded before, content changed), "unchanged"
    rows: int = 0
    crimes: int = 0
    anti_social_behaviour: int = 0
    outside_force: int = 0
    repeats: int = 0
    without_coordinates: int = 0
    unrecognised: int = 0

    @classmethod
    def of_stored(cls, stored: PoliceUkFile, head: FileHead, file_name: str) -> LoadReport:
        report = cls(file_name=file_name, head=head, status="unchanged")
        for name in COUNTS:
            setattr(report, name, getattr(stored, name))
        return report

    @property
    def area_checked(self) -> bool:
        return self.head.force in policeuk.force_areas()


@transaction.atomic
def policeuk_file_load(*, actor: Any, path: Path) -> LoadReport:
    """Load one police.uk street-level crime or outcomes file.

    The header and first row are checked and the checksum taken before anything is written
    (PoliceUkFormatError otherwise). If the same force, kind and month is stored with the same
    checksum nothing changes; otherwise the month's rows are replaced in one transaction, so a
    row that breaks the format part way leaves the month as it was."""
    head = policeuk.read_head(path)
    stored = PoliceUkFile.objects.filter(force=head.force, kind=head.kind, month=head.month).first()
    if stored is not None and stored.sha256 == head.sha256:
        return LoadReport.of_stored(stored, head, path.name)
    return _replace(actor=actor, path=path, head=head, replacing=stored is not None)


@transaction.atomic
def _replace(*, actor: Any, path: Path, head: FileHead, replacing: bool) -> LoadReport:
    old = PoliceUkFile.objects.select_for_update().filter(force=head.force, kind=head.kind, month=head.month)
    for previous in old:
        _row_model(head.kind).objects.filter(file=previous).delete()
        previous.delete()
    stored = PoliceUkFile.objects.create(
        force=head.force, kind=head.kind, month=head.month, file_name=path.name[:255], sha256=head.sha256,
        loaded_by=_label(actor),
    )  # fmt: skip
    report = LoadReport(file_name=path.name, head=head, status="replaced" if replacing else "loaded")
    for batch in batches(policeuk.read_rows(path, head), BATCH):
        _store(stored, batch, report)
    for name in COUNTS:
        setattr(stored, name, getattr(report, name))
    stored.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE if replacing else Action.CREATE,
        obj=stored,
        changes={name: getattr(report, name) for name in COUNTS},
        detail=f"police.uk {stored}: {report.rows} rows from {path.name}",
    )
    return report


def _row_model(kind: str) -> type[StreetCrime] | type[CrimeOutcome]:
    return StreetCrime if kind == STREET else CrimeOutcome


def _store(stored: PoliceUkFile, batch: list[Row], report: LoadReport) -> None:
    """Write one batch, marking repeats of a Crime ID seen earlier in this batch or in the
    batches already written (asked of the database, so memory stays one batch)."""
    model = _row_model(stored.kind)
    ids = {row.crime_id for row in batch if row.crime_id}
    seen = set(model.objects.filter(file=stored, crime_id__in=ids).values_list("crime_id", flat=True))
    repeats = []
    for row in batch:
        repeat = bool(row.crime_id) and row.crime_id in seen
        if row.crime_id:
            seen.add(row.crime_id)
        _count(report, row, repeat)
        repeats.append(repeat)
    if stored.kind == STREET:
        StreetCrime.objects.bulk_create(
            _street(stored, row, r) for row, r in zip(batch, repeats, strict=True)
        )
    else:
        CrimeOutcome.objects.bulk_create(
            _outcome(stored, row, r) for row, r in zip(batch, repeats, strict=True)
        )


def _count(report: LoadReport, row: Row, repeat: bool) -> None:
    report.rows += 1
    if row.anti_social_behaviour:
        report.anti_social_behaviour += 1
    elif not repeat:
        report.crimes += 1
    report.outside_force += not row.in_force_area
    report.repeats += repeat
    report.without_coordinates += row.longitude is None or row.latitude is None
    report.unrecognised += not row.recognised


def _common(stored: PoliceUkFile, row: Row, repeat: bool) -> dict[str, Any]:
    return {
        "file": stored, "line": row.line, "crime_id": row.crime_id, "month": row.month,
        "falls_within": row.falls_within[:100], "longitude": row.longitude, "latitude": row.latitude,
        "location": row.location[:200], "lsoa_code": row.lsoa_code[:9], "lsoa_name": row.lsoa_name[:100],
        "in_force_area": row.in_force_area, "repeat": repeat,
    }  # fmt: skip


def _street(stored: PoliceUkFile, row: Row, repeat: bool) -> StreetCrime:
    return StreetCrime(
        crime_type=row.category[:60], last_outcome_category=row.outcome[:100], **_common(stored, row, repeat)
    )


def _outcome(stored: PoliceUkFile, row: Row, repeat: bool) -> CrimeOutcome:
    return CrimeOutcome(outcome_type=row.category[:100], **_common(stored, row, repeat))


def _label(actor: Any) -> str:
    if isinstance(actor, str):
        return actor[:200]
    return str(getattr(actor, "username", "System"))[:200]


# --- the feed's possible matches (docs/adr/0041) ------------------------------------------


@transaction.atomic
def possible_match_link(*, actor: User, match: PossibleMatch) -> PossibleMatch:
    """The imported victim is the person already known: the imported record's cases move to the
    known person, so one person holds all their cases (repeat victimisation and enhanced rights
    are worked out across them, now, by the event reactions), and the match is decided. The
    imported record keeps the details the feed sent, with no case. Refused (Refusal on
    `decision`, nothing changed) when already decided, when there is no other record, or when
    the known person already has a case on the same crime."""
    match = _undecided(match)
    imported, known = match.person, match.known
    if known is None:
        raise Refusal("decision", "There is no other record to link to. Keep the record as it is.")
    moving = list(VictimCase.objects.filter(person=imported).select_related("crime").order_by("id"))
    taken = VictimCase.objects.filter(person=known, crime_id__in=[c.crime_id for c in moving])
    clash = taken.select_related("crime").first()
    if clash is not None:
        raise Refusal("decision", f"{known.full_name} already has a case on crime {clash.crime.crime_reference}, "
                      "so they cannot be the same victim of it twice. Keep the records apart.")  # fmt: skip
    VictimCase.objects.filter(pk__in=[c.pk for c in moving]).update(person=known)
    for case in moving:
        audit_record(actor=actor, action=Action.COMBINE, obj=case, person=known, case=case,
                     changes={"person": [imported.pk, known.pk]},
                     detail=f"possible match: the imported victim is {known.full_name}")  # fmt: skip
    # Other open matches of the imported record now ask about the known person.
    others = PossibleMatch.objects.filter(person=imported, resolved=False).exclude(pk=match.pk)
    others.filter(known=known).update(resolved=True, decision=PossibleMatch.Decision.LINKED,
                                      decided_by=actor, decided_at=timezone.now())  # fmt: skip
    others.exclude(known=known).update(person=known)
    _decide(actor, match, PossibleMatch.Decision.LINKED)
    # One person now: their rights and derived flags (repeat victim) across every case.
    event_reactions_run([CaseEvents(case) for case in VictimCase.objects.filter(person=known).order_by("id")])
    return match


@transaction.atomic
def possible_match_keep_apart(*, actor: User, match: PossibleMatch) -> PossibleMatch:
    """Not the same person (or, for changed details, the record held stays as it is): both
    records are kept as they are and the match is decided. Refused when already decided."""
    match = _undecided(match)
    _decide(actor, match, PossibleMatch.Decision.KEPT_APART)
    return match


def _undecided(match: PossibleMatch) -> PossibleMatch:
    """The match, locked for this decision; Refusal if someone has decided it already."""
    locked = (
        PossibleMatch.objects.select_for_update(of=("self",))
        .select_related("person", "known", "case")
        .get(pk=match.pk)
    )
    if locked.resolved:
        raise Refusal("decision", "Someone has already decided this possible match.")
    return locked


def _decide(actor: User, match: PossibleMatch, decision: str) -> None:
    match.resolved, match.decision, match.decided_by, match.decided_at = True, decision, actor, timezone.now()
    match.save(update_fields=["resolved", "decision", "decided_by", "decided_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=match, person=match.known or match.person,
                 case=match.case, changes={"decision": ["", decision]},
                 detail=f"possible match decided: {match.get_decision_display()}")  # fmt: skip
