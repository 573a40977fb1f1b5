"""Reading police.uk street-level crime and outcomes files exactly as data.police.uk publishes them.

Django-free: this module turns a file into checked, normalised rows; victimcare.ingest.services
stores them. It never holds a whole file: `read_rows` yields one row at a time.

The quirks of the real files (shared/data/README.md) and how each is handled (docs/adr/0033):
- anti-social behaviour rows have an empty Crime ID and outcome: kept, counted apart;
- some rows lie outside the force area ("Falls within" another force, or an LSOA of a local
  authority the force does not police, such as "Colchester 007G" in a Durham file): kept and
  marked, so the force's figures leave them out;
- rows may have no coordinates (and then no LSOA): kept with none; they count for the force but
  for no LSOA;
- a Crime ID may appear twice in a month, with different outcomes or places: every row is kept,
  the second and later are marked as repeats and the figures count the first (as the seed tables
  in victimcare/cases/synthetic/policeuk.py do);
- categories with odd capitalisation or spacing ("ANTI-SOCIAL  behaviour") are matched to the
  published vocabulary; a category not in it is kept as published and counted as unrecognised;
- the Context column is always empty and place names have odd capitalisation ("St John'S
  Street"): kept as published.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from victimcare.cases.vocab import police_uk_crime_types
from victimcare.ingest.streams import checksum

HERE = Path(__file__).resolve().parent / "vocab"
STREET, OUTCOMES = "street", "outcomes"
KIND_LABELS = {STREET: "street-level crime", OUTCOMES: "outcomes"}
ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"

_PLACE = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
          "LSOA code", "LSOA name"]  # fmt: skip
HEADERS = {
    STREET: (*_PLACE, "Crime type", "Last outcome category", "Context"),
    OUTCOMES: (*_PLACE, "Outcome type"),
}
# Other police.uk files people may try to load, so the refusal can say what the file is.
STOP_AND_SEARCH_START = ("Type", "Date", "Part of a policing operation")
# Spellings seen in libraries and older files for the same category.
ALIASES = {"offender given a penalty notice": "Offender given penalty notice"}


class PoliceUkFormatError(ValueError):
    """The file is not a police.uk street-level crime or outcomes file, or a row breaks it."""


@dataclass(frozen=True)
class FileHead:
    """What a first pass learns, before anything is stored: kind, force, month and checksum."""

    kind: str
    force: str
    month: date
    sha256: str


@dataclass(frozen=True)
class Row:
    """One published row, checked and normalised. `category` is the crime type (street files)
    or the outcome type (outcomes files); `outcome` the last outcome category (street only)."""

    line: int
    crime_id: str
    month: date
    falls_within: str
    longitude: Decimal | None
    latitude: Decimal | None
    location: str
    lsoa_code: str
    lsoa_name: str
    category: str
    outcome: str
    in_force_area: bool
    recognised: bool

    @property
    def anti_social_behaviour(self) -> bool:
        return self.category == ANTI_SOCIAL_BEHAVIOUR


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _crime_types() -> dict[str, str]:
    return {_key(t): t for t in police_uk_crime_types()}


@cache
def _outcome_categories() -> dict[str, str]:
    names = (HERE / "police_uk_outcome_categories.txt").read_text(encoding="utf-8").splitlines()
    return {_key(n): n for n in names if n} | {k: v for k, v in ALIASES.items()}


@cache
def force_areas() -> dict[str, frozenset[str]]:
    """Police force (as police.uk names it) -> the local authority areas it polices."""
    areas: dict[str, set[str]] = {}
    with open(HERE / "police_force_areas.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            areas.setdefault(row["force"], set()).add(_key(row["local_authority"]))
    return {force: frozenset(las) for force, las in areas.items()}


def canonical(text: str, vocabulary: dict[str, str]) -> tuple[str, bool]:
    """The published spelling of a category and whether it is in the vocabulary."""
    cleaned = " ".join(text.split())
    found = vocabulary.get(cleaned.casefold())
    return (found, True) if found is not None else (cleaned, cleaned == "")


def local_authority(lsoa_name: str) -> str:
    """'County Durham 001A' -> 'County Durham' (an LSOA name is its area and a code)."""
    return lsoa_name.rsplit(" ", 1)[0] if " " in lsoa_name.strip() else ""


def parse_month(text: str) -> date:
    try:
        year, month = text.strip().split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise PoliceUkFormatError(f"the Month '{text}' is not a year and month like 2025-01") from None


def _coordinate(text: str, name: str, line: int) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise PoliceUkFormatError(f"line {line}: the {name} '{text}' is not a number") from None
    if not value.is_finite() or abs(value) > 180:
        raise PoliceUkFormatError(f"line {line}: the {name} '{text}' is not a coordinate")
    return value


def _kind_of(header: list[str]) -> str:
    cleaned = tuple(h.strip() for h in header)
    for kind, expected in HEADERS.items():
        if cleaned == expected:
            return kind
    if cleaned[: len(STOP_AND_SEARCH_START)] == STOP_AND_SEARCH_START:
        raise PoliceUkFormatError(
            "this is a police.uk stop and search file: only street-level crime and outcomes files can be loaded"
        )
    raise PoliceUkFormatError(
        "the first line is not a police.uk street-level crime or outcomes header; it should be "
        f"'{','.join(HEADERS[STREET])}' or '{','.join(HEADERS[OUTCOMES])}'"
    )


def _text(path: Path) -> io.TextIOWrapper:
    # utf-8-sig: a byte order mark, if a spreadsheet added one, is not part of "Crime ID".
    return open(path, newline="", encoding="utf-8-sig", errors="strict")


def read_head(path: Path) -> FileHead:
    """Check the header and the first row (kind, force, month) and take the file's checksum,
    storing nothing, so a file that is not the format is refused before any row is written."""
    try:
        with _text(path) as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                raise PoliceUkFormatError("the file is empty")
            kind = _kind_of(header)
            first = next(reader, None)
    except UnicodeDecodeError:
        raise PoliceUkFormatError("the file is not UTF-8 text") from None
    if first is None:
        raise PoliceUkFormatError("the file has a header but no rows")
    if len(first) != len(HEADERS[kind]):
        raise PoliceUkFormatError(f"line 2 has {len(first)} fields, expected {len(HEADERS[kind])}")
    force = first[2].strip()
    if not force:
        raise PoliceUkFormatError("line 2: 'Reported by' is empty, so the force is not known")
    return FileHead(kind=kind, force=force, month=parse_month(first[1]), sha256=checksum(path))


def read_rows(path: Path, head: FileHead) -> Iterator[Row]:
    """Every row of the file, in order, checked against the head; raises PoliceUkFormatError on
    the first row that breaks the format (the caller's transaction then stores nothing)."""
    width = len(HEADERS[head.kind])
    area = force_areas().get(head.force)
    vocabulary = _crime_types() if head.kind == STREET else _outcome_categories()
    try:
        with _text(path) as f:
            reader = csv.reader(f)
            next(reader)
            for fields in reader:
                line = reader.line_num
                if not fields:
                    continue  # a blank line (a trailing newline pair) is not a row
                if len(fields) != width:
                    raise PoliceUkFormatError(
                        f"line {line} has {len(fields)} fields, expected {width} (is the file cut short?)"
                    )
                yield _row(fields, line, head, area, vocabulary)
    except UnicodeDecodeError:
        raise PoliceUkFormatError("the file is not UTF-8 text") from None
    except csv.Error as error:
        raise PoliceUkFormatError(f"the file is not valid CSV: {error}") from None


def _row(
    fields: list[str], line: int, head: FileHead, area: frozenset[str] | None, vocabulary: dict[str, str]
) -> Row:
    crime_id, month, reported_by, falls_within, lon, lat, location, lsoa_code, lsoa_name = (
        f.strip() for f in fields[:9]
    )
    try:
        row_month = parse_month(month)
    except PoliceUkFormatError as error:
        raise PoliceUkFormatError(f"line {line}: {error}") from None
    if row_month != head.month:
        raise PoliceUkFormatError(
            f"line {line} is for {month}: a police.uk file holds one month ({head.month:%Y-%m})"
        )
    if reported_by != head.force:
        raise PoliceUkFormatError(
            f"line {line} is reported by {reported_by}: a police.uk file holds one force"
        )
    category, recognised = canonical(fields[9], vocabulary)
    outcome, outcome_known = ("", True)
    if head.kind == STREET:
        outcome, outcome_known = canonical(fields[10], _outcome_categories())
    return Row(
        line=line,
        crime_id=crime_id,
        month=row_month,
        falls_within=falls_within,
        longitude=_coordinate(lon, "Longitude", line),
        latitude=_coordinate(lat, "Latitude", line),
        location=location,
        lsoa_code=lsoa_code,
        lsoa_name=lsoa_name,
        category=category,
        outcome=outcome,
        in_force_area=_in_area(falls_within, lsoa_name, head.force, area),
        recognised=recognised and outcome_known,
    )


def _in_area(falls_within: str, lsoa_name: str, force: str, area: frozenset[str] | None) -> bool:
    if falls_within != force:
        return False
    if area is None or not lsoa_name:
        return True  # an unknown force area, or no place at all: police.uk counts it for the force
    return _key(local_authority(lsoa_name)) in area
