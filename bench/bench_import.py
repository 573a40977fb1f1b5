"""How fast the police feed import runs, against a raw COPY of the same rows, and its memory.

    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/bench_import.py [--rows 3000] [--small 750] [--batch-size 500]

On PostgreSQL only (the baseline is COPY). In a database named victimcare_bench_import that it
creates and drops (the one in the URL is only used to connect), migrated, with the personas:
1. writes two feed files (docs/feed-format.md) of --small and --rows rows: crimes, each with one
   victim and one event (an arrest), so a third of the rows open a case;
2. imports the small file, then the large one, with `import_feed` as fran (the police
   supervisor), timing each and reading the process's peak resident memory after each (a high
   water mark, so a flat import shows the same peak after the large file as after the small);
3. copies the large file's rows into a bare table of 21 text columns with COPY FROM STDIN, as
   the floor any import is measured against;
4. reads both files through the parser alone under tracemalloc (peak bytes at each size);
5. counts the imported cases with their Victims' Code entitlements computed.
Prints a table and writes JSON to bench/results/. Timings are wall-clock on a shared machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass
from datetime import datetime
from io import StringIO
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages  # the database set-up and personas are shared

BENCH_DB = "victimcare_bench_import"


@dataclass
class Result:
    rows: int
    import_seconds: float
    rows_per_second: float
    peak_rss_mb: float
    parser_peak_kb: float


def main() -> None:
    args = parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench_import.py compares with PostgreSQL's COPY: set DATABASE_URL to a PostgreSQL server.")
    bench_pages.run_on_database(args, run, db=args.db)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=3000, help="Rows in the large file (a multiple of 3).")
    parser.add_argument("--small", type=int, default=750, help="Rows in the small file.")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument("--db", default=BENCH_DB, help="The database to create, use and drop.")
    return parser.parse_args()


def write_feed(path: Path, rows: int, *, prefix: str) -> Path:
    from victimcare.ingest.feed import COLUMNS

    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for n in range(rows // 3):
            crime, victim = f"{prefix}C{n}", f"{prefix}V{n}"
            base = dict.fromkeys(COLUMNS, "")
            writer.writerow({**base, "record": "crime", "id": crime, "crime_reference": f"{prefix}/{n:07d}/26",
                             "offence_code": "28E", "crime_type": "Burglary",
                             "reported_at": "2026-03-02T10:00:00+00:00", "lsoa_code": "E01020634"}.values())  # fmt: skip
            writer.writerow({**base, "record": "victim", "id": victim, "crime_id": crime, "first_name": "Sam",
                             "last_name": f"Bench{n}", "date_of_birth": "1980-01-01", "referral": "consented"}.values())  # fmt: skip
            writer.writerow({**base, "record": "event", "id": f"{prefix}E{n}", "crime_id": crime, "victim_id": victim,
                             "event_type": "suspect_arrested", "event_at": "2026-03-03T14:00:00+00:00"}.values())  # fmt: skip
    return path


def import_file(path: Path, batch_size: int) -> tuple[float, float]:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(
        "import_feed", str(path), "--user", "fran", "--batch-size", str(batch_size), stdout=StringIO()
    )
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def copy_rows(path: Path) -> float:
    from django.db import connection

    from victimcare.ingest.feed import COLUMNS

    columns = ", ".join(f'"{c}" text' for c in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE UNLOGGED TABLE IF NOT EXISTS bench_bare_feed ({columns})")
    raw: Any = connection.connection
    started = time.perf_counter()
    sql = "COPY bench_bare_feed FROM STDIN WITH (FORMAT csv, HEADER true)"
    with raw.cursor() as cursor, open(path, "rb") as f, cursor.copy(sql) as copy:
        while chunk := f.read(1 << 16):
            copy.write(chunk)
    raw.commit()
    return time.perf_counter() - started


def parser_peak(path: Path) -> float:
    from victimcare.ingest.feed import read_feed

    tracemalloc.start()
    try:
        for _ in read_feed(path):
            pass
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def run(database_url: str, args: argparse.Namespace) -> None:
    bench_pages.setup_django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    bench_pages.personas()
    with tempfile.TemporaryDirectory(prefix="victimcare-bench-import-") as folder:
        small = write_feed(Path(folder) / "small.csv", args.small, prefix="S")
        large = write_feed(Path(folder) / "large.csv", args.rows, prefix="L")
        results = []
        for path, rows in ((small, args.small // 3 * 3), (large, args.rows // 3 * 3)):
            seconds, rss = import_file(path, args.batch_size)
            results.append(Result(rows, seconds, rows / seconds, rss, parser_peak(path)))
        copy_seconds = copy_rows(large)
    report(results, copy_seconds, rights_computed(), args)


def rights_computed() -> dict[str, int]:
    from victimcare.cases.models import VictimCase

    imported = VictimCase.objects.filter(events__type="crime_reported", events__source="import").distinct()
    return {
        "cases": imported.count(),
        "with_entitlements": imported.filter(entitlements__isnull=False).distinct().count(),
    }


def report(
    results: list[Result], copy_seconds: float, rights: dict[str, int], args: argparse.Namespace
) -> None:
    large = results[-1]
    copy_rate = large.rows / copy_seconds
    print(f"{'rows':>8} {'seconds':>9} {'rows/s':>9} {'peak RSS MB':>12} {'parser peak KB':>15}")
    for r in results:
        print(
            f"{r.rows:>8} {r.import_seconds:>9.1f} {r.rows_per_second:>9.1f} {r.peak_rss_mb:>12.1f} {r.parser_peak_kb:>15.1f}"
        )
    print(
        f"COPY of the same {large.rows} rows into a bare table: {copy_seconds:.3f} s ({copy_rate:,.0f} rows/s)"
    )
    share = large.rows_per_second / copy_rate
    print(f"import speed as a share of COPY: {share:.4%} (COPY is {1 / share:,.0f} times faster)")
    print(f"imported cases: {rights['cases']}, with entitlements computed: {rights['with_entitlements']}")
    bench_pages.RESULTS.mkdir(parents=True, exist_ok=True)
    out = bench_pages.RESULTS / f"import-{datetime.now():%Y%m%d-%H%M%S}.json"
    payload = {"results": [asdict(r) for r in results], "copy_seconds": copy_seconds, "rights": rights,
               "batch_size": args.batch_size}  # fmt: skip
    out.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"written to {out.relative_to(bench_pages.REPO)}")


if __name__ == "__main__":
    main()
