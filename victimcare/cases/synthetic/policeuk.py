"""Crime type x outcome and LSOA tables computed from police.uk street-level files.

The seed command draws crimes in the proportions of Durham Constabulary's street-level
files for January to June 2025. The computed tables ship in victimcare/cases/vocab/ so a
seed needs no download; `street_tables()` recomputes them from a folder of street CSVs
(`manage.py seed --proportions-from DIR [--write-tables]`), and a test checks that the
shipped tables are exactly what the shared copies of the files give.

The quirks of the real files (shared/data/README.md) and how each is handled:
- anti-social behaviour rows have no Crime ID and no outcome: skipped;
- some rows lie outside the force area (a Colchester LSOA in a Durham file): only rows in the
  two local authority areas Durham Constabulary polices (County Durham, Darlington) count;
- a few Crime IDs appear twice: the first row (files read in month order) counts;
- rows with no coordinates have no LSOA and so cannot be placed: skipped by the area rule;
- the Context column is always empty and place names have odd capitalisation: neither is used.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from victimcare.cases.vocab import HERE as VOCAB_DIR

CRIME_OUTCOMES_FILE = VOCAB_DIR / "durham_2025_h1_crime_outcomes.csv"
LSOAS_FILE = VOCAB_DIR / "durham_2025_h1_lsoas.csv"
FORCE_AREA_PREFIXES = ("County Durham ", "Darlington ")
ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"


@dataclass(frozen=True)
class StreetTables:
    """Counts of distinct crimes by (crime type, last outcome category) and by (LSOA code, name)."""

    crime_outcomes: Counter[tuple[str, str]]
    lsoas: Counter[tuple[str, str]]


def street_tables(street_dir: Path) -> StreetTables:
    """Compute both tables from every *-street.csv in `street_dir` (read in name order)."""
    files = sorted(Path(street_dir).glob("*-street.csv"))
    if not files:
        raise FileNotFoundError(f"No police.uk *-street.csv files in {street_dir}")
    outcomes: Counter[tuple[str, str]] = Counter()
    lsoas: Counter[tuple[str, str]] = Counter()
    for row in _crime_rows(files):
        outcomes[(row["Crime type"].strip(), row["Last outcome category"].strip())] += 1
        lsoas[(row["LSOA code"].strip(), row["LSOA name"].strip())] += 1
    return StreetTables(crime_outcomes=outcomes, lsoas=lsoas)


def _crime_rows(files: Iterable[Path]) -> Iterator[dict[str, str]]:
    seen: set[str] = set()
    for path in files:
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                crime_id = row["Crime ID"].strip()
                if not crime_id or row["Crime type"].strip() == ANTI_SOCIAL_BEHAVIOUR:
                    continue
                if crime_id in seen or not row["LSOA name"].startswith(FORCE_AREA_PREFIXES):
                    continue
                seen.add(crime_id)
                yield row


def crime_outcomes_csv(counts: Counter[tuple[str, str]]) -> str:
    return _table_csv(("crime_type", "last_outcome_category", "crimes"), counts)


def lsoas_csv(counts: Counter[tuple[str, str]]) -> str:
    return _table_csv(("lsoa_code", "lsoa_name", "crimes"), counts)


def _table_csv(header: tuple[str, str, str], counts: Counter[tuple[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for (a, b), n in sorted(counts.items()):
        writer.writerow((a, b, n))
    return out.getvalue()


def write_tables(tables: StreetTables) -> list[Path]:
    """Overwrite the shipped tables in vocab/ (run by hand when new police.uk files arrive)."""
    CRIME_OUTCOMES_FILE.write_text(crime_outcomes_csv(tables.crime_outcomes), encoding="utf-8")
    LSOAS_FILE.write_text(lsoas_csv(tables.lsoas), encoding="utf-8")
    return [CRIME_OUTCOMES_FILE, LSOAS_FILE]


def shipped_tables() -> StreetTables:
    return StreetTables(crime_outcomes=_read_counts(CRIME_OUTCOMES_FILE), lsoas=_read_counts(LSOAS_FILE))


def _read_counts(path: Path) -> Counter[tuple[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    return Counter({(a, b): int(n) for a, b, n in rows})
