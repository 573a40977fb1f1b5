"""Outbox throughput and the reminder scan, on PostgreSQL.

    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_notify.py \
        [--messages 2000] [--entitlements 1000000] [--keep]

1. Creates a database named victimcare_bench_notify on the server in DATABASE_URL (the database
   named in the URL is only used to connect) and migrates it.
2. Outbox: writes --messages automatic updates through services.message_write (template, safe-
   contact rules, insert) and reports messages queued per second; then sends them to the demo
   mailbox with one `manage.py notify_send` worker process, and (after queueing as many again)
   with two worker processes at once, reporting messages sent per second and checking that no
   message was stored twice.
3. Reminder scan: bulk-inserts --entitlements stored entitlement rows (due dates spread over
   1,000 days, 30% still open), ANALYZEs, prints the plan of the scan's due-date query (it must be
   an index range scan) and times reminders.reminders_scan() (median of 5).
Writes JSON to bench/results/. Timings are wall-clock on a shared machine: compare ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
BENCH_DB = "victimcare_bench_notify"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--entitlements", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (postgres://postgres@127.0.0.1:5432/postgres).")
    import psycopg

    admin = psycopg.connect(url, autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
    admin.execute(f"CREATE DATABASE {BENCH_DB}")
    parts = urlsplit(url)
    bench_url = urlunsplit((parts.scheme, parts.netloc, f"/{BENCH_DB}", parts.query, ""))
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "NOTIFY_TRANSPORT": "mailbox",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench"),
    }
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=REPO, env=env, check=True
        )
        os.environ.update(env)
        run(args, env)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def run(args: argparse.Namespace, env: dict[str, str]) -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password  # noqa: F401  (settings check)

    from victimcare.accounts.personas import ensure_personas

    personas = ensure_personas(password="bench password 123", totp_secret="bench")
    case = make_case(personas)
    results: dict[str, Any] = {"messages": args.messages, "entitlements": args.entitlements}
    results["queue_per_s"] = queue(case, args.messages)
    results["one_worker"] = send(env, workers=1, expected=args.messages)
    queue(case, args.messages)
    results["two_workers"] = send(env, workers=2, expected=args.messages)
    results["scan"] = reminder_scan(case, args.entitlements)
    report(results)


def make_case(personas: dict[str, Any]) -> Any:
    from tests.factories import make_case as factory_case
    from tests.factories import make_person

    person = make_person(personas["cara"], email="jane@example.com", allowed_channels=["email"])
    return factory_case(
        personas["cara"], person=person, caseworker=personas["cara"], officer_in_charge=personas["olly"]
    )


def queue(case: Any, n: int) -> float:
    from django.db import transaction

    from victimcare.notify import services

    start = time.perf_counter()
    for _ in range(n // 100):
        with transaction.atomic():
            for _ in range(100):
                services.message_write(
                    audience="victim", organisation_id=case.organisation_id, person=case.person, case=case,
                    channel="email", template="suspect_arrested",
                    context=services.victim_context(case.person, case),
                )  # fmt: skip
    elapsed = time.perf_counter() - start
    rate = n / elapsed
    print(f"queued {n} messages in {elapsed:.2f}s: {rate:.0f}/s")
    return round(rate, 1)


def send(env: dict[str, str], *, workers: int, expected: int) -> dict[str, Any]:
    from django.db.models import Count

    from victimcare.notify.models import MailboxItem, OutboundMessage

    before = MailboxItem.objects.count()
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "notify_send", "--worker", f"bench-{i}", "--limit", "100"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(workers)
    ]
    outputs = [p.communicate() for p in procs]
    elapsed = time.perf_counter() - start
    for p, (_, err) in zip(procs, outputs, strict=True):
        if p.returncode != 0:
            sys.exit(err.decode())
    sent = MailboxItem.objects.count() - before
    duplicates = MailboxItem.objects.values("message").annotate(n=Count("id")).filter(n__gt=1).count()
    pending = OutboundMessage.objects.exclude(status="delivered").count()
    rate = sent / elapsed
    print(f"{workers} worker(s): sent {sent}/{expected} in {elapsed:.2f}s: {rate:.0f}/s "
          f"(duplicates {duplicates}, not delivered {pending}; includes process start-up)")  # fmt: skip
    return {"sent": sent, "seconds": round(elapsed, 2), "per_s": round(rate, 1), "duplicates": duplicates}


def reminder_scan(case: Any, n: int) -> dict[str, Any]:
    from django.db import connection
    from django.utils import timezone

    from victimcare.cases.models import Event
    from victimcare.notify import reminders

    trigger = Event.objects.filter(case=case).first()
    assert trigger is not None
    today = timezone.localdate()
    start = time.perf_counter()
    with connection.cursor() as cur:
        # Due dates spread over 1,000 days centred on today; 30% open (pending/overdue).
        cur.execute(
            """
            INSERT INTO rights_entitlement (case_id, organisation_id, rule, code_version, "right", provider,
                trigger_id, due, status, fulfilled_by_id, enhanced, local_target_days, local_due, local_status,
                computed_at)
            SELECT %s, %s, 'BENCH_' || i, '2020', '6', 'police', %s, %s::date - 500 + (i %% 1000),
                CASE WHEN i %% 10 < 3 THEN 'pending' ELSE 'met' END, NULL, false, NULL, NULL, '', now()
            FROM generate_series(1, %s) AS i
            """,
            [case.id, case.organisation_id, trigger.id, today, n],
        )
        cur.execute("ANALYZE rights_entitlement")
    print(f"inserted {n} entitlements in {time.perf_counter() - start:.1f}s")
    query = reminders.due_entitlements(case.organisation_id, today, today + timedelta(days=1))
    plan = query.explain()
    print("plan of the scan's due-date query:\n" + plan)
    timings = []
    for _ in range(5):
        t0 = time.perf_counter()
        reminders.reminders_scan(today=today)
        timings.append((time.perf_counter() - t0) * 1000)
    q_timings = []
    for _ in range(20):
        t0 = time.perf_counter()
        list(
            reminders.due_entitlements(
                case.organisation_id, today - timedelta(days=14), today + timedelta(days=1)
            )
        )
        q_timings.append((time.perf_counter() - t0) * 1000)
    open_rows = n * 3 // 10
    print(f"reminder scan over {n} entitlements ({open_rows} open): median {statistics.median(timings):.0f} ms "
          f"(first {timings[0]:.0f} ms, writes the reminders); due-date query median {statistics.median(q_timings):.1f} ms")  # fmt: skip
    return {
        "scan_ms_median": round(statistics.median(timings), 1),
        "scan_ms_first": round(timings[0], 1),
        "query_ms_median": round(statistics.median(q_timings), 2),
        "index_scan": "Index" in plan,
        "plan": plan,
    }


def report(results: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"bench_notify-postgres-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(results, indent=2))
    one, two = results["one_worker"]["per_s"], results["two_workers"]["per_s"]
    print(f"\ntwo workers / one worker throughput: {two / one:.2f}x; results in {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
