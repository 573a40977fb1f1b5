"""Loading police.uk files (area context). The feed import of victims lives in feed_services.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.ingest import policeuk
from victimcare.ingest.models import CrimeOutcome, PoliceUkFile, StreetCrime
from victimcare.ingest.policeuk import STREET, FileHead, Row
from victimcare.ingest.streams import batches

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
