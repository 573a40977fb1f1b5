"""police.uk files for the ingest tests: the real Durham files, and small hand-made ones.

The real files live outside the repository, in shared/data beside the clone (CI checks it out
there); VICTIMCARE_SHARED_DATA points elsewhere. Tests that need them skip, saying why, if absent.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Sequence
from datetime import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.factories import local, make_person
from victimcare.cases.services import CaseInput, CrimeInput, case_open

SHARED_DATA = Path(
    os.environ.get("VICTIMCARE_SHARED_DATA", Path(__file__).resolve().parents[2] / ".." / "shared" / "data")
)
STREET_DIR = SHARED_DATA / "police-uk" / "street"
OUTCOMES_SAMPLE = SHARED_DATA / "police-uk" / "samples" / "2025-06-durham-outcomes_first75rows.csv"
STOP_AND_SEARCH_SAMPLE = (
    SHARED_DATA / "police-uk" / "samples" / "2024-01-durham-stop-and-search_first25rows.csv"
)

needs_shared_data = pytest.mark.skipif(
    not STREET_DIR.is_dir(),
    reason=f"the police.uk Durham files are not at {STREET_DIR} (shared/data sits beside the repository)",
)

STREET_HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
                 "Crime type,Last outcome category,Context")  # fmt: skip
OUTCOMES_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type"
)
DURHAM = "Durham Constabulary"


def street_file(month: str) -> Path:
    return STREET_DIR / f"{month}-durham-street.csv"


def street_row(
    crime_id: str = "a1",
    *,
    month: str = "2025-01",
    force: str = DURHAM,
    falls_within: str | None = None,
    place: str = "-1.571000,54.776000,On or near St John'S Street,E01020634,County Durham 001A",
    crime_type: str = "Burglary",
    outcome: str = "Under investigation",
) -> str:
    return f"{crime_id},{month},{force},{falls_within or force},{place},{crime_type},{outcome},"


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, Sequence[str]], Path]:
    """Write a small file: write_file(name, [header, row, ...]) -> its path."""

    def write(name: str, lines: Sequence[str]) -> Path:
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


LSOA = ("E01020634", "County Durham 001A")
OTHER_LSOA = ("E01012333", "Darlington 005D")


def area_case(
    actor: Any, reference: str, *, lsoa: tuple[str, str], crime_type: str, reported: datetime
) -> Any:
    """A victim's case on a crime in `lsoa`, through the service the pages use."""
    person = make_person(actor, first_name="Sam", last_name=reference.replace("/", ""))
    return case_open(
        actor=actor,
        person=person,
        crime=CrimeInput(
            crime_reference=reference,
            ho_offence_code="28E",
            crime_type=crime_type,
            reported_at=reported,
            lsoa_code=lsoa[0],
            lsoa_name=lsoa[1],
        ),
        case=CaseInput(),
    )


@pytest.fixture
def area_data(personas: dict[str, Any], write_file: Callable[[str, Sequence[str]], Path]) -> None:
    """police.uk files for January and February 2025, and six victims' cases: five burglaries
    in County Durham 001A (four reported in January 2025) and a robbery in Darlington 005D."""
    from victimcare.ingest.services import policeuk_file_load

    other = "-1.53,54.54,On or near Cragwellside,E01012333,Darlington 005D"
    january = [STREET_HEADER, street_row("j1"), street_row("j2"), street_row("j3", crime_type="Robbery", place=other),
               street_row("", crime_type="Anti-social behaviour", outcome=""),
               street_row("j4", place="0.898733,51.887619,On or near High Street,E01035158,Colchester 007G")]  # fmt: skip
    february = [STREET_HEADER, street_row("f1", month="2025-02", outcome="Suspect charged")]
    policeuk_file_load(actor="test", path=write_file("jan.csv", january))
    policeuk_file_load(actor="test", path=write_file("feb.csv", february))
    sue = personas["sue"]
    for n in range(4):
        area_case(sue, f"DU/1{n}/25", lsoa=LSOA, crime_type="Burglary", reported=local(2025, 1, 10 + n, 12))
    area_case(sue, "DU/20/25", lsoa=LSOA, crime_type="Burglary", reported=local(2024, 11, 5, 12))
    area_case(sue, "DU/30/25", lsoa=OTHER_LSOA, crime_type="Robbery", reported=local(2025, 2, 3, 12))


def policeuk_import(*paths: object) -> str:
    """Run `manage.py policeuk_import` on the files and return what it printed."""
    out = StringIO()
    call_command("policeuk_import", *map(str, paths), stdout=out)
    return out.getvalue()


EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
FEED_COLUMNS = ["record", "id", "crime_id", "victim_id", "crime_reference", "offence_code", "crime_type", "reported_at", "occurred_at", "lsoa_code", "lsoa_name", "flags", "first_name", "last_name", "date_of_birth", "email", "phone", "referral", "event_type", "event_at", "details"]  # fmt: skip


def feed_line(**values: str) -> str:
    """One CSV feed row from the fields given (the rest empty)."""
    unknown = set(values) - set(FEED_COLUMNS)
    assert not unknown, unknown
    out = StringIO()
    csv.writer(out, lineterminator="").writerow([values.get(c, "") for c in FEED_COLUMNS])
    return out.getvalue()


def crime_line(crime_id: str, reference: str, **values: str) -> str:
    fields = {"record": "crime", "id": crime_id, "crime_reference": reference, "offence_code": "28E",
              "crime_type": "Burglary", "reported_at": "2026-03-02T10:00:00+00:00", **values}  # fmt: skip
    return feed_line(**fields)


def victim_line(victim_id: str, crime_id: str, **values: str) -> str:
    fields = {"record": "victim", "id": victim_id, "crime_id": crime_id, "first_name": "Ann",
              "last_name": f"Lee-{victim_id}", "date_of_birth": "1980-01-01", "referral": "consented", **values}  # fmt: skip
    return feed_line(**fields)


def event_line(event_id: str, crime_id: str, victim_id: str, **values: str) -> str:
    fields = {"record": "event", "id": event_id, "crime_id": crime_id, "victim_id": victim_id,
              "event_type": "suspect_arrested", "event_at": "2026-03-03T14:00:00+00:00", **values}  # fmt: skip
    return feed_line(**fields)


def feed_file(tmp_path: Path, lines: Sequence[str], name: str = "feed.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([",".join(FEED_COLUMNS), *lines]) + "\n", encoding="utf-8")
    return path


def import_feed(path: Path, *args: str, user: str = "fran") -> str:
    """Run `manage.py import_feed` and return what it printed."""
    out = StringIO()
    call_command("import_feed", str(path), "--user", user, *args, stdout=out)
    return out.getvalue()
