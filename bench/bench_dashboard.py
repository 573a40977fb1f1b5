"""The compliance dashboard's queries at 1,000,000 stored entitlements, on PostgreSQL.

    SECRET_KEY=x .venv/bin/python bench/bench_dashboard.py [--entitlements 1000000] [--repeat 21] [--keep] [--reuse]

Creates a database `victimcare_bench_dashboard` at POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432), migrates it, adds the personas, then inserts synthetic rows
directly: cases (with a person and a crime each) and five trigger events per case through
bulk_create, and the entitlements (ten rules per trigger pair, due dates spread over 2025-2026,
statuses spread by a hash of the ids) with one INSERT ... SELECT. It then ANALYZEs and times, in
the same run, the dashboard selector's main queries (victimcare.reports.selectors: the figures
by right and the monthly trend, over twelve months of due dates, as the analyst ana and as the
supervisor sue) against a hand-written SQL aggregate over the same table that returns the same
counts. Prints the median milliseconds and the ratio selector / hand-written (the faster of two
hand-written forms: one COUNT(*) FILTER per status, or GROUP BY status and past-due), and writes JSON to
bench/results/. The database is dropped at the end unless --keep.

Target (issue 3): within 1.5 times the hand-written aggregate, and under half a second.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "victimcare_bench_dashboard"
TRIGGERS_PER_CASE = 5
RULES = (  # (n, rule, right, provider, dated)
    (1, "R4_REFERRAL", "4", "police", True),
    (2, "R6_ARREST", "6", "police", True),
    (3, "R6_CHARGE", "6", "police", True),
    (4, "R8_HEARING", "8", "wcu", True),
    (5, "R9_OUTCOME", "9", "wcu", True),
    (6, "R10_EXPENSES", "10", "cps", True),
    (7, "R11_VCS_REFERRAL", "11", "wcu", True),
    (8, "R12_COMPLAINT_ACK", "12", "any", True),
    (9, "R3_WRITTEN_ACK", "3", "police", False),
    (10, "R7_VPS_OFFER", "7", "police", False),
)

HAND_SQL = """
SELECT e."right",
       COUNT(*) FILTER (WHERE e.status = 'met'),
       COUNT(*) FILTER (WHERE e.status = 'late'),
       COUNT(*) FILTER (WHERE e.status IN ('pending', 'overdue') AND e.due < %(day)s),
       COUNT(*) FILTER (WHERE e.status IN ('pending', 'overdue') AND e.due >= %(day)s),
       COUNT(*) FILTER (WHERE e.status = 'not_applicable')
FROM rights_entitlement e
WHERE {scope} AND e.due >= %(start)s AND e.due <= %(end)s
GROUP BY e."right"
"""
# The other natural hand-written form: group by the stored status and "is it past due", and add
# up in the client. The ratio is taken against the faster of the two.
HAND_SQL_GROUPED = """
SELECT e."right", e.status, e.due < %(day)s, COUNT(*)
FROM rights_entitlement e
WHERE {scope} AND e.due >= %(start)s AND e.due <= %(end)s
GROUP BY 1, 2, 3
"""
HAND_TREND_SQL_GROUPED = HAND_SQL_GROUPED.replace('SELECT e."right"', "SELECT date_trunc('month', e.due)")
HAND_TREND_SQL = HAND_SQL.replace('SELECT e."right"', "SELECT date_trunc('month', e.due)").replace(
    'GROUP BY e."right"', "GROUP BY 1"
)
ANALYST_SCOPE = "e.organisation_id = %(org)s"
SUPERVISOR_SCOPE = "e.case_id IN (SELECT c.id FROM cases_victimcase c WHERE c.organisation_id = %(org)s)"


def admin_connection():
    import psycopg

    return psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True)


def seed(entitlements: int) -> dict[str, float]:
    from django.db import connection
    from django.utils import timezone

    from victimcare.accounts.models import Organisation, Team
    from victimcare.accounts.personas import OPCC, ensure_personas
    from victimcare.cases.models import Crime, Event, VictimCase
    from victimcare.people.models import Person

    ensure_personas(password="bench-only-password", totp_secret="bench")
    opcc = Organisation.objects.get(name=OPCC)
    force = Organisation.objects.get(name="Durham Constabulary")
    teams = list(Team.objects.filter(organisation=opcc))
    cases_needed = -(-entitlements // (TRIGGERS_PER_CASE * len(RULES)))
    started = time.perf_counter()
    now = timezone.now()
    reported = timezone.make_aware(datetime(2025, 1, 6, 10))
    batch = 5000
    for first in range(0, cases_needed, batch):
        count = min(batch, cases_needed - first)
        people = Person.objects.bulk_create(
            [
                Person(
                    organisation=opcc,
                    first_name="Bench",
                    last_name=f"Victim{first + i}",
                    first_name_key="bench",
                    last_name_key=f"victim{first + i}",
                )
                for i in range(count)
            ]
        )
        crimes = Crime.objects.bulk_create(
            [
                Crime(
                    force=force,
                    crime_reference=f"BENCH/{first + i}",
                    ho_offence_code="8N",
                    crime_type="Violence and sexual offences",
                    reported_at=reported,
                )
                for i in range(count)
            ]
        )
        cases = VictimCase.objects.bulk_create(
            [
                VictimCase(
                    organisation=opcc,
                    team=teams[(first + i) % len(teams)],
                    person=p,
                    crime=c,
                    opened_at=reported,
                )
                for i, (p, c) in enumerate(zip(people, crimes, strict=True))
            ]
        )
        Event.objects.bulk_create(
            [
                Event(
                    organisation=opcc, case=vcase, type="crime_reported", occurred_at=reported, source="staff"
                )
                for vcase in cases
                for _ in range(TRIGGERS_PER_CASE)
            ]
        )
    values = ", ".join(
        f"({n}, '{rule}', '{right}', '{provider}', {dated})" for n, rule, right, provider, dated in RULES
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO rights_entitlement (case_id, organisation_id, rule, code_version, "right", provider,
                trigger_id, due, status, fulfilled_by_id, enhanced, local_target_days, local_due, local_status,
                computed_at)
            SELECT ev.case_id, ev.organisation_id, r.rule, '2020', r.right, r.provider, ev.id,
                CASE WHEN r.dated THEN DATE '2025-01-01' + ((ev.id * 7 + r.n * 13) %% 730)::int END,
                CASE WHEN NOT r.dated THEN (CASE WHEN (ev.id + r.n) %% 3 = 0 THEN 'not_done' ELSE 'done' END)
                     ELSE (ARRAY['met','met','met','met','met','met','late','pending','overdue','not_applicable'])
                          [1 + (ev.id * 31 + r.n * 17) %% 10] END,
                NULL, ev.id %% 4 = 0, NULL, NULL, '', %s
            FROM cases_event ev CROSS JOIN (VALUES {values}) AS r(n, rule, "right", provider, dated)
            WHERE ev.organisation_id = %s
            ORDER BY ev.id, r.n
            LIMIT %s
            """,
            [now, opcc.id, entitlements],
        )
        cursor.execute("ANALYZE")
        cursor.execute("SELECT COUNT(*) FROM rights_entitlement")
        stored = cursor.fetchone()[0]
    return {"cases": cases_needed, "entitlements": stored, "seed_seconds": time.perf_counter() - started}


def timed(fns, repeat: int) -> list[float]:
    """Median milliseconds of each function, run in turn within each round (interleaved, so
    load from other processes on a shared machine falls on all of them alike)."""
    for fn in fns:
        fn()
        fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, times in zip(fns, samples, strict=True):
            began = time.perf_counter()
            fn()
            times.append((time.perf_counter() - began) * 1000)
    return [statistics.median(times) for times in samples]


def measure(repeat: int) -> list[dict[str, object]]:
    from django.db import connection
    from django.utils import timezone

    from victimcare.accounts.models import User
    from victimcare.reports import selectors
    from victimcare.reports.selectors import Filters

    day = timezone.localdate()
    f = Filters(start=date(2025, 7, 1), end=date(2026, 6, 30))
    results = []
    for username, scope in (("ana", ANALYST_SCOPE), ("sue", SUPERVISOR_SCOPE)):
        user = User.objects.get(username=username)
        params = {"org": user.organisation_id, "start": f.start, "end": f.end, "day": day}

        def hand(sql: str, params: dict[str, object] = params, scope: str = scope):
            with connection.cursor() as cursor:
                cursor.execute(sql.format(scope=scope), params)
                return cursor.fetchall()

        # Same answer first: the selector's counts equal the hand-written aggregate's.
        mine = {
            r.key: [r.counts[s] for s in selectors.DATED_STATUSES] for r in selectors.group_rows(user, f, day)
        }
        theirs = {row[0]: list(row[1:]) for row in hand(HAND_SQL)}
        assert mine == theirs, (mine, theirs)
        for name, fn, filter_sql, group_sql in (
            ("by right", lambda u=user: selectors.group_rows(u, f, day), HAND_SQL, HAND_SQL_GROUPED),
            (
                "trend by month",
                lambda u=user: selectors.trend_rows(u, f, day),
                HAND_TREND_SQL,
                HAND_TREND_SQL_GROUPED,
            ),
        ):
            ours, by_filter, by_group = timed(
                [fn, lambda q=filter_sql: hand(q), lambda q=group_sql: hand(q)], repeat
            )
            best = min(by_filter, by_group)
            results.append(
                {"user": username, "query": name, "selector_ms": ours, "hand_filter_ms": by_filter,
                 "hand_group_ms": by_group, "hand_sql_ms": best, "ratio": ours / best}
            )  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entitlements", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure a database kept by --keep")
    args = parser.parse_args()
    if not args.reuse:
        with admin_connection() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
            admin.execute(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = f"{POSTGRES_URL}/{DB_NAME}"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    try:
        if args.reuse:
            from victimcare.rights.models import Entitlement

            info: dict[str, float] = {
                "entitlements": Entitlement.objects.count(),
                "cases": 0,
                "seed_seconds": 0,
            }
        else:
            call_command("migrate", verbosity=0)
            info = seed(args.entitlements)
        verb = "measuring the kept database:" if args.reuse else "seeded"
        print(f"{verb} {info['entitlements']} entitlements ({info['seed_seconds']:.0f} s to seed)")
        results = measure(args.repeat)
    finally:
        connections.close_all()
        if not args.keep:
            with admin_connection() as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
    print(f"{'user':5} {'query':16} {'selector ms':>12} {'hand FILTER':>12} {'hand GROUP':>12} {'ratio':>6}")
    for r in results:
        print(
            f"{r['user']:5} {r['query']:16} {r['selector_ms']:12.1f} {r['hand_filter_ms']:12.1f}"
            f" {r['hand_group_ms']:12.1f} {r['ratio']:6.2f}"
        )
    out = ROOT / "bench" / "results" / f"bench_dashboard-postgres-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({**info, "results": results}, indent=2, default=str))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
