"""What the hash chain costs an audit write (docs/adr/0039).

    SECRET_KEY=x .venv/bin/python bench/bench_audit.py [--writes 2000] [--repeat 5]     # SQLite
    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_audit.py

On a fresh database (a temporary SQLite file, or victimcare_bench_audit on the PostgreSQL server,
dropped afterwards unless --keep), writes --writes audit rows one transaction each, alternately
through `audit_record` (the chain: lock the head, hash, insert, move the head) and as a plain
insert of the same row (the write before the chain; erased after each round, untimed), --repeat
rounds each, and prints the medians and their ratio. It ends by walking the chain as audit_verify
does (and times it). Wall
clock on a shared machine: read the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import RESULTS, run_on_database, setup_django

DB = "victimcare_bench_audit"


def runner(database_url: str, args: argparse.Namespace) -> None:
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection, transaction

    from victimcare.audit.chain import chain_verify, erasure_permit
    from victimcare.audit.models import AuditEvent
    from victimcare.audit.services import audit_record

    call_command("migrate", verbosity=0)

    def chained() -> None:
        with transaction.atomic():
            audit_record(actor=None, action="view", detail="bench", changes={"n": 1})

    def plain() -> None:
        with transaction.atomic():
            AuditEvent(actor_label="System", action="view", detail="bench", changes={"n": 1}).save(
                force_insert=True
            )

    times: dict[str, list[float]] = {"chain": [], "plain": []}
    for _ in range(args.repeat):
        for name, write in (("plain", plain), ("chain", chained)):
            start = time.perf_counter()
            for _ in range(args.writes):
                write()
            times[name].append(time.perf_counter() - start)
            with erasure_permit(reason="bench: the unchained rows"):  # untimed; keeps the chain whole
                AuditEvent.objects.filter(hash="").delete()
    plain_s, chain_s = statistics.median(times["plain"]), statistics.median(times["chain"])
    start = time.perf_counter()
    verdict = chain_verify()
    verify_s = time.perf_counter() - start
    chained_rows = args.writes * args.repeat
    result = {
        "vendor": connection.vendor,
        "writes": args.writes,
        "repeat": args.repeat,
        "plain_s": round(plain_s, 3),
        "chain_s": round(chain_s, 3),
        "ratio": round(chain_s / plain_s, 2),
        "verify_rows": verdict.rows,
        "verify_s": round(verify_s, 3),
    }
    print(
        f"{connection.vendor}: {args.writes} writes, median of {args.repeat}: plain {plain_s:.3f}s, "
        f"chained {chain_s:.3f}s, ratio {chain_s / plain_s:.2f}; audit_verify walked {verdict.rows} of "
        f"{chained_rows} rows in {verify_s:.2f}s ({verdict.broken or 'intact'})"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"audit-{datetime.now():%Y%m%d-%H%M%S}.json").write_text(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--writes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="PostgreSQL: keep the database afterwards.")
    run_on_database(parser.parse_args(), runner, db=DB)


if __name__ == "__main__":
    main()
