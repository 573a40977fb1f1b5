"""Recompute of stored entitlements for N seeded cases, on SQLite and on PostgreSQL.

    .venv/bin/python bench/bench_recompute.py [--victims 100000] [--seed 7] [--backends sqlite,postgres]

For each backend it makes a dedicated, empty database (a file under var/bench/ for SQLite; a
database `victimcare_bench_<pid>` at POSTGRES_URL, default postgres://postgres@127.0.0.1:5432,
created and dropped here), migrates it, seeds it with `manage.py seed --victims N --seed S`, then
times `manage.py recompute_entitlements` over every case: first when no entitlement is stored
yet (the seed writes none, so every row is inserted), then again when nothing has changed
(every row is compared and none rewritten).

The baseline, run in the same process over the same inputs, is the pure engine alone: the cases
are read batch by batch (untimed) and only `evaluate` is timed, with the cycle collector paused
as the command pauses it for a batch. The working-day calendar is built before either is timed. The ratio recompute / engine is
what the database costs on top of the rules, and is steadier than the absolute figures on a busy
machine. Each backend runs in its own child process because Django reads DATABASE_URL once.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def worker(victims: int, seed: int, batch_size: int) -> dict[str, float]:
    """Runs in the child: migrate, seed, recompute, baseline. Prints one JSON line."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from victimcare.cases.models import Event, VictimCase
    from victimcare.rights.models import Entitlement
    from victimcare.rights.services import _evaluate, load_case_facts, stored_calendar

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed", victims=victims, seed=seed, stdout=StringIO())
    seeded = time.perf_counter() - started
    cases, events = VictimCase.objects.count(), Event.objects.count()
    # The working-day calendar is built once per process (the `holidays` package, about a tenth
    # of a second): build it before the clock starts, as the engine's baseline below finds it
    # built. It is the rules' set-up, not what the database costs.
    stored_calendar()

    started = time.perf_counter()
    call_command("recompute_entitlements", batch_size=batch_size, stdout=StringIO())
    recompute = time.perf_counter() - started
    # Again over the same cases: the engine gives the same answer, so nothing is rewritten (the
    # usual run, after a rule change that moves few obligations; docs/adr/0038).
    started = time.perf_counter()
    call_command("recompute_entitlements", batch_size=batch_size, stdout=StringIO())
    again = time.perf_counter() - started

    calendar, now, engine = stored_calendar(), timezone.now(), 0.0
    ids = list(VictimCase.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch_size):
        facts = load_case_facts(ids[start : start + batch_size])
        # As the command runs a batch: with Python's cycle collector paused (docs/adr/0055), so
        # that the ratio does not credit the database with what the pause saves the engine.
        gc.disable()
        began = time.perf_counter()
        for case in facts:
            _evaluate(case, calendar, now)
        engine += time.perf_counter() - began
        gc.enable()
    return {
        **record_one_event(ids),
        **recompute_memory(batch_size),
        "backend": connection.vendor,
        "cases": cases,
        "events": events,
        "entitlements": Entitlement.objects.count(),
        "seed_seconds": seeded,
        "recompute_seconds": recompute,
        "again_seconds": again,
        "engine_seconds": engine,
    }


def record_one_event(ids: list[int], samples: int = 300) -> dict[str, float]:
    """p50 and p95 of recording one event through cases.services.event_record (an arrest, which
    owes Right 6 and so changes the stored entitlements) on `samples` cases picked at random."""
    import random
    import statistics
    from datetime import timedelta

    from django.utils import timezone

    from victimcare.cases.models import VictimCase
    from victimcare.cases.services import event_record

    rng = random.Random(11)
    cases = list(VictimCase.objects.filter(id__in=rng.sample(ids, min(samples, len(ids)))))
    timings = []
    for case in cases:
        began = time.perf_counter()
        event_record(actor=None, actor_label="Benchmark", case=case, type="suspect_arrested",
                     occurred_at=timezone.now() - timedelta(minutes=1))  # fmt: skip
        timings.append((time.perf_counter() - began) * 1000)
    cuts = statistics.quantiles(timings, n=20)
    return {"event_p50_ms": statistics.median(timings), "event_p95_ms": cuts[18]}


def recompute_memory(batch_size: int) -> dict[str, float]:
    """Peak memory traced while recomputing the first 2 batches, and while recomputing every
    case: about equal when nothing is held from one batch to the next (flat memory)."""
    import tracemalloc

    from django.core.management import call_command

    peaks = {}
    for name, extra in (("memory_2_batches_mb", ["--max-batches", "2"]), ("memory_all_mb", [])):
        tracemalloc.start()
        call_command("recompute_entitlements", "--batch-size", str(batch_size), *extra, stdout=StringIO())
        peaks[name] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return peaks


def run_backend(name: str, args: argparse.Namespace) -> dict[str, float]:
    env = {**os.environ, "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only")}
    cleanup = None
    if name == "sqlite":
        path = ROOT / "var" / "bench" / f"recompute_{os.getpid()}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"

        def cleanup() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        import psycopg

        database = f"victimcare_bench_{os.getpid()}"
        with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{POSTGRES_URL}/{database}"

        def cleanup() -> None:
            with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    try:
        command = [sys.executable, __file__, "--worker", "--victims", str(args.victims), "--seed", str(args.seed),
                   "--batch-size", str(args.batch_size)]  # fmt: skip
        out = subprocess.run(command, env=env, check=True, capture_output=True, text=True, cwd=ROOT)
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        cleanup()


def report(result: dict[str, float]) -> None:
    cases = result["cases"]
    recompute, engine = result["recompute_seconds"], result["engine_seconds"]
    print(f"{result['backend']}: {cases:,.0f} cases, {result['events']:,.0f} events, {result['entitlements']:,.0f} entitlements")  # fmt: skip
    print(f"  seed:          {result['seed_seconds']:.1f} s")
    print(f"  recompute:     {recompute:.1f} s = {cases / recompute:,.0f} cases/s")
    again = result["again_seconds"]
    print(f"  recompute again, nothing changed: {again:.1f} s = {cases / again:,.0f} cases/s")
    print(f"  engine alone:  {engine:.1f} s = {cases / engine:,.0f} cases/s")
    print(f"  ratio recompute / engine alone: {recompute / engine:.1f} (first), {again / engine:.1f} (again)")
    print(f"  peak memory (traced): {result['memory_2_batches_mb']:.1f} MB over 2 batches, "
          f"{result['memory_all_mb']:.1f} MB over every case")  # fmt: skip
    print(f"  record one event: p50 {result['event_p50_ms']:.1f} ms, p95 {result['event_p95_ms']:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--victims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.victims, args.seed, args.batch_size)))
        return
    for name in args.backends.split(","):
        report(run_backend(name.strip(), args))


if __name__ == "__main__":
    main()
