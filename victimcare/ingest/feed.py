"""The police feed format (docs/feed-format.md): reading and checking its rows, one at a time.

Django-free: this module turns a CSV or JSON Lines file into checked `FeedRow`s (or the reason a
row is refused, naming its field); victimcare.ingest.feed_services writes them through the
services. A file is read line by line from a binary stream, so memory does not grow with its
size, and the bytes read so far are known for a progress bar.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from victimcare.cases.events import EVENT_TYPES, INFORMABLE
from victimcare.cases.vocab import CRIME_FLAGS, offence_codes, police_uk_crime_types

LONDON = ZoneInfo("Europe/London")
CRIME, VICTIM, EVENT = "crime", "victim", "event"
RECORDS = (CRIME, VICTIM, EVENT)
CONSENTED, OPTED_OUT = "consented", "opted_out"
CRIME_FIELDS = ("crime_reference", "offence_code", "crime_type", "reported_at", "occurred_at", "lsoa_code",
                "lsoa_name", "flags")  # fmt: skip
VICTIM_FIELDS = ("first_name", "last_name", "date_of_birth", "email", "phone", "referral")
EVENT_FIELDS = ("event_type", "event_at", "details")
COLUMNS = ("record", "id", "crime_id", "victim_id", *CRIME_FIELDS, *VICTIM_FIELDS, *EVENT_FIELDS)
# What a police feed may record: the events victims are told about (Rights 6, 8 and 9) and the
# victim's own choices the police record. Not yet the events that answer another one (a hearing
# adjourned answers its listing): a feed row has no way to name the event it answers.
FEED_EVENT_TYPES = frozenset({*(t for t in INFORMABLE if not EVENT_TYPES[t].about_required),
                              "offender_sentenced", "victim_opted_out_of_updates",
                              "written_acknowledgement_sent", "vps_offered", "vps_made"})  # fmt: skip
MAX_ID = 64
LSOA = re.compile(r"^[EW]\d{8}$")


class FeedFormatError(ValueError):
    """The file is not the feed format (its first line says so); nothing is imported."""


class RowError(ValueError):
    """One refused row: which field, and why (the reason a person can act on)."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


@dataclass(frozen=True)
class FeedRow:
    """One checked row. `data` holds the record's own fields, cleaned; `digest` their checksum,
    the same for a row whether it came from CSV or JSON Lines."""

    line: int
    record: str
    id: str
    crime_id: str
    victim_id: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        canonical = json.dumps([self.record, self.id, self.crime_id, self.victim_id, self.data],
                               sort_keys=True, default=str)  # fmt: skip
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Refused:
    line: int
    record: str
    id: str
    field: str
    reason: str


def file_format(path: Path) -> str:
    """'csv' or 'jsonl' from the file's name; anything else is refused."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    raise FeedFormatError(f"the file name must end .csv or .jsonl, not '{suffix or path.name}'")


def check_head(path: Path) -> str:
    """Check the first line (the CSV header, or the first JSON Lines record) before anything is
    written, and return the format."""
    fmt = file_format(path)
    with open(path, "rb") as f:
        first = f.readline()
    try:
        text = first.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise FeedFormatError("the file is not UTF-8 text") from None
    if not text:
        raise FeedFormatError("the file is empty")
    if fmt == "csv":
        header = next(csv.reader([text]))
        if tuple(h.strip() for h in header) != COLUMNS:
            raise FeedFormatError(f"the first line is not the feed header; it must be '{','.join(COLUMNS)}'")
        return fmt
    try:
        record = json.loads(text)
    except ValueError:
        raise FeedFormatError(
            "the first line is not a JSON object: is this a JSON Lines feed file?"
        ) from None
    if not isinstance(record, dict) or "record" not in record:
        raise FeedFormatError(
            "the first line is not a feed record: each line must be a JSON object with 'record'"
        )
    return fmt


class _Counting:
    """Lines of a binary file as text, counting the bytes read (for the progress bar)."""

    def __init__(self, f: BinaryIO) -> None:
        self.f = f
        self.bytes_read = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.f:
            self.bytes_read += len(raw)
            try:
                yield raw.decode("utf-8-sig" if self.bytes_read == len(raw) else "utf-8")
            except UnicodeDecodeError:
                yield "\x00not utf-8\x00"


def read_feed(path: Path, *, progress: Callable[[int], None] | None = None) -> Iterator[FeedRow | Refused]:
    """Every row of the file in order, checked (FeedRow) or refused with its reason (Refused).
    `progress` is called with the bytes read so far."""
    fmt = check_head(path)
    with open(path, "rb") as f:
        lines = _Counting(f)
        rows = _csv_rows(lines) if fmt == "csv" else _jsonl_rows(lines)
        for line, raw in rows:
            if progress is not None:
                progress(lines.bytes_read)
            yield _checked(line, raw) if isinstance(raw, dict) else raw


def _csv_rows(lines: _Counting) -> Iterator[tuple[int, dict[str, Any] | Refused]]:
    reader = csv.reader(lines)
    next(reader)
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield reader.line_num, Refused(reader.line_num, "", "", "line", f"not valid CSV ({error})")
            continue
        line = reader.line_num
        if not fields or fields == [""]:
            continue
        if any("\x00" in v for v in fields):
            yield line, Refused(line, "", "", "line", "not UTF-8 text")
        elif len(fields) != len(COLUMNS):
            yield line, Refused(line, fields[0].strip(), fields[1].strip() if len(fields) > 1 else "", "line",
                                f"has {len(fields)} fields, expected {len(COLUMNS)} (is the file cut short?)")  # fmt: skip
        else:
            yield line, dict(zip(COLUMNS, fields, strict=True))


def _jsonl_rows(lines: _Counting) -> Iterator[tuple[int, dict[str, Any] | Refused]]:
    for line, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except ValueError:
            yield line, Refused(line, "", "", "line", "is not valid JSON (is the file cut short?)")
            continue
        if not isinstance(record, dict):
            yield line, Refused(line, "", "", "line", "is not a JSON object")
            continue
        unknown = sorted(set(record) - set(COLUMNS))
        if unknown:
            yield line, Refused(line, str(record.get("record", "")), str(record.get("id", "")), unknown[0],
                                "is not a field of the feed format")  # fmt: skip
            continue
        yield line, record


def _checked(line: int, raw: dict[str, Any]) -> FeedRow | Refused:
    record, source_id = _text(raw, "record").lower(), _text(raw, "id")
    try:
        if record not in RECORDS:
            raise RowError("record", f"must be crime, victim or event, not '{record}'")
        _check_id("id", source_id)
        crime_id = _text(raw, "crime_id")
        victim_id = _text(raw, "victim_id")
        if record in (VICTIM, EVENT):
            _check_id("crime_id", crime_id)
        if record == EVENT:
            _check_id("victim_id", victim_id)
        data = {CRIME: _crime, VICTIM: _victim, EVENT: _event}[record](raw)
    except RowError as error:
        return Refused(line, record, source_id, error.field, error.reason)
    return FeedRow(line=line, record=record, id=source_id, crime_id=crime_id, victim_id=victim_id, data=data)


def _text(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise RowError(name, "must be text")
    return str(value).strip()


def _check_id(name: str, value: str) -> None:
    if not value:
        raise RowError(name, "is missing")
    if len(value) > MAX_ID:
        raise RowError(name, f"is longer than {MAX_ID} characters")


def _crime(raw: dict[str, Any]) -> dict[str, Any]:
    reference = _text(raw, "crime_reference").upper()
    if not reference:
        raise RowError("crime_reference", "is missing")
    code = _text(raw, "offence_code").upper()
    if code not in offence_codes():
        raise RowError("offence_code", f"'{code}' is not a Home Office offence code")
    crime_types = {t.casefold(): t for t in police_uk_crime_types()}
    crime_type = crime_types.get(" ".join(_text(raw, "crime_type").split()).casefold())
    if crime_type is None:
        raise RowError("crime_type", f"'{_text(raw, 'crime_type')}' is not a police.uk crime type")
    reported = _moment(raw, "reported_at", required=True)
    occurred = _moment(raw, "occurred_at", required=False)
    if occurred is not None and reported is not None and occurred > reported:
        raise RowError("occurred_at", "is after reported_at")
    lsoa_code = _text(raw, "lsoa_code").upper()
    if lsoa_code and not LSOA.match(lsoa_code):
        raise RowError("lsoa_code", f"'{lsoa_code}' is not an LSOA code like E01020634")
    given = raw.get("flags")
    listed = given if isinstance(given, list) else _text(raw, "flags").split(";")
    flags = [str(f).strip() for f in listed if str(f).strip()]
    unknown = [f for f in flags if f not in CRIME_FLAGS]
    if unknown:
        raise RowError("flags", f"'{unknown[0]}' is not a crime flag")
    return {"crime_reference": reference, "offence_code": code, "crime_type": crime_type,
            "reported_at": reported, "occurred_at": occurred, "lsoa_code": lsoa_code,
            "lsoa_name": _text(raw, "lsoa_name")[:100], "flags": sorted(set(flags))}  # fmt: skip


def _victim(raw: dict[str, Any]) -> dict[str, Any]:
    first, last = _text(raw, "first_name"), _text(raw, "last_name")
    if not first and not last:
        raise RowError("last_name", "a victim needs a first name or a last name")
    for name, value in (("first_name", first), ("last_name", last)):
        if len(value) > 100:
            raise RowError(name, "is longer than 100 characters")
    born = _text(raw, "date_of_birth")
    try:
        date_of_birth = date.fromisoformat(born).isoformat() if born else None
    except ValueError:
        raise RowError("date_of_birth", f"'{born}' is not a real date like 1987-02-14") from None
    if date_of_birth is not None and date_of_birth > date.today().isoformat():
        raise RowError("date_of_birth", "is in the future")
    referral = _text(raw, "referral").lower()
    if referral not in (CONSENTED, OPTED_OUT):
        raise RowError("referral", f"must be consented or opted_out, not '{referral}'")
    return {"first_name": first, "last_name": last, "date_of_birth": date_of_birth,
            "email": _text(raw, "email"), "phone": _text(raw, "phone")[:20], "referral": referral}  # fmt: skip


def _event(raw: dict[str, Any]) -> dict[str, Any]:
    event_type = _text(raw, "event_type").lower()
    if event_type not in FEED_EVENT_TYPES:
        raise RowError("event_type", f"'{event_type}' is not an event type the feed can record")
    details = raw.get("details") or {}
    if isinstance(details, str):
        try:
            details = json.loads(details)
        except ValueError:
            raise RowError("details", "is not a JSON object") from None
    if not isinstance(details, dict):
        raise RowError("details", "is not a JSON object")
    return {"event_type": event_type, "event_at": _moment(raw, "event_at", required=True), "details": details}


def _moment(raw: dict[str, Any], name: str, *, required: bool) -> str | None:
    """An ISO 8601 date and time; without an offset it is UK local time (Europe/London)."""
    text = _text(raw, name)
    if not text:
        if required:
            raise RowError(name, "is missing")
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise RowError(name, f"'{text}' is not a date and time like 2026-03-02T10:00:00+00:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment.isoformat()
