"""The attrition page's query (victimcare/reports/attrition.py) at scale, on PostgreSQL.

    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/bench_attrition.py [--victims 100000] [--repeat 11] [--keep] [--reuse]

Seeds a fresh database `victimcare_bench_attrition` (created and dropped, never the one named in
the URL) with `manage.py seed --victims N`, then times, in the same run and over the same rows,
the page's aggregate (attrition.groups: one GROUP BY with a COUNT(*) FILTER (WHERE EXISTS ...)
per step) against a hand-written SQL aggregate that returns the same numbers, the faster of two
forms: the same EXISTS filters written by hand, or one pass over the events grouped per case
(bool_or per step) joined to the cases. It also times the whole report (with disclosure control
for an analyst) and checks that both give the same counts. Splits measured: crime type, sex,
ethnicity, age band; the analyst ana, the last 12 months of cases and all of them. Prints
medians and the ratio page / hand-written, and writes JSON to bench/results/.

Target (issue 13): at most 1.5 times the hand-written aggregate and under a second.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import RESULTS, personas, run_on_database, seed, setup_django

DB = "victimcare_bench_attrition"
SPLITS = ("crime_type", "sex", "ethnicity", "age")
SPLIT_SQL = {
    "crime_type": "cr.crime_type",
    "sex": "p.sex",
    "ethnicity": "p.ethnicity",
}


def step_types() -> dict[str, tuple[str, ...]]:
    from victimcare.reports.attrition import STEPS

    return {s.key: s.events for s in STEPS if s.events}


def exists_sql() -> str:
    """The page's query written by hand: one FILTER (WHERE EXISTS ...) per step."""
    columns = ["COUNT(*)"]
    for key, types in step_types().items():
        listed = ", ".join(f"'{t}'" for t in types)
        test = f"EXISTS (SELECT 1 FROM cases_event e WHERE e.case_id = c.id AND e.type IN ({listed}) AND e.corrects_id IS NULL)"
        if key == "charged":
            test = f"({test} OR cr.outcome_type = 1)"
        columns.append(f"COUNT(*) FILTER (WHERE {test})")
    columns.insert(
        3,  # engaged with support comes after referred
        "COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM support_referral r WHERE r.case_id = c.id AND r.engaged_at IS NOT NULL))",
    )
    columns += ["COUNT(cr.outcome_type)", "COUNT(*) FILTER (WHERE cr.outcome_type IN (14, 16))"]
    return (
        "SELECT {group}, "
        + ", ".join(columns)
        + " FROM cases_victimcase c JOIN cases_crime cr ON cr.id = c.crime_id "
        "JOIN people_person p ON p.id = c.person_id "
        "WHERE c.organisation_id = %(org)s AND c.opened_at >= %(start)s AND c.opened_at < %(end)s GROUP BY 1"
    )


def one_pass_sql() -> str:
    """One pass over the events grouped per case, joined to the cases."""
    types = step_types()
    flags = []
    for key, listed in types.items():
        flags.append(f"bool_or(e.type IN ({', '.join(repr(t) for t in listed)})) AS {key}")
    every = sorted({t for listed in types.values() for t in listed})
    columns = ["COUNT(*)"]
    for key in types:
        test = f"ev.{key}"
        if key == "charged":
            test = "(ev.charged OR cr.outcome_type = 1)"
        columns.append(f"COUNT(*) FILTER (WHERE {test})")
    columns.insert(3, "COUNT(*) FILTER (WHERE eng.case_id IS NOT NULL)")
    columns += ["COUNT(cr.outcome_type)", "COUNT(*) FILTER (WHERE cr.outcome_type IN (14, 16))"]
    return (
        "WITH scope AS (SELECT c.id, c.crime_id, c.person_id FROM cases_victimcase c "
        "WHERE c.organisation_id = %(org)s AND c.opened_at >= %(start)s AND c.opened_at < %(end)s), "
        f"ev AS (SELECT e.case_id, {', '.join(flags)} FROM cases_event e JOIN scope s ON s.id = e.case_id "
        f"WHERE e.corrects_id IS NULL AND e.type IN ({', '.join(repr(t) for t in every)}) GROUP BY e.case_id), "
        "eng AS (SELECT DISTINCT r.case_id FROM support_referral r JOIN scope s ON s.id = r.case_id "
        "WHERE r.engaged_at IS NOT NULL) "
        "SELECT {group}, " + ", ".join(columns) + " FROM scope c JOIN cases_crime cr ON cr.id = c.crime_id "
        "JOIN people_person p ON p.id = c.person_id LEFT JOIN ev ON ev.case_id = c.id "
        "LEFT JOIN eng ON eng.case_id = c.id GROUP BY 1"
    )


def age_sql(end: date) -> str:
    from victimcare.reports.attrition import AGE_BANDS, _years_before

    parts = ["CASE WHEN p.date_of_birth IS NULL THEN ''"]
    for low, high in AGE_BANDS:
        label = f"{low} to {high}" if high is not None else f"{low} and over"
        parts.append(
            f"WHEN p.date_of_birth > '{_years_before(end, (high or 200) + 1).isoformat()}' THEN '{label}'"
        )
    return " ".join(parts) + " ELSE '' END"


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    fn()  # warm up
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def measure(args: argparse.Namespace) -> list[dict[str, Any]]:
    from django.db import connection
    from django.utils import timezone

    from victimcare.accounts.models import User
    from victimcare.reports import attrition
    from victimcare.reports.selectors import local_midnight

    ana = User.objects.get(username="ana")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT min(opened_at), max(opened_at) FROM cases_victimcase")
        first, last = cursor.fetchone()
    last_day = timezone.localtime(last).date()
    ranges = {
        "last 12 months": (last_day - timedelta(days=364), last_day),
        "all": (timezone.localtime(first).date(), last_day),
    }
    out = []
    for range_name, (start, end) in ranges.items():
        for by in SPLITS:
            f = attrition.AttritionFilters(start=start, end=end, by=by)
            page_ms, groups = timed(lambda f=f: attrition.groups(ana, f), args.repeat)
            report_ms, _ = timed(lambda f=f: attrition.report(ana, f, suppress=True), args.repeat)
            group = age_sql(end) if by == "age" else SPLIT_SQL[by]
            params = {
                "org": ana.organisation_id,
                "start": local_midnight(start),
                "end": local_midnight(end + timedelta(days=1)),
            }
            hand: dict[str, float] = {}
            answers = {}
            for name, sql in (("exists", exists_sql()), ("one pass", one_pass_sql())):

                def run(
                    sql: str = sql, group: str = group, params: dict[str, Any] = params
                ) -> list[tuple[Any, ...]]:
                    with connection.cursor() as cursor:
                        cursor.execute(sql.replace("{group}", group), params)
                        return cursor.fetchall()

                hand[name], answers[name] = timed(run, args.repeat)
            best = min(hand.values())
            page_total = sorted(sum(g.counts[c] for g in groups) for c in attrition.COLUMNS)
            for name, rows in answers.items():
                hand_total = sorted(sum(r[i + 1] for r in rows) for i in range(len(attrition.COLUMNS)))
                assert hand_total == page_total, (name, hand_total, page_total)
            row = {
                "range": range_name,
                "by": by,
                "victims": sum(g.counts["reported"] for g in groups),
                "groups": len(groups),
                "page_query_ms": round(page_ms, 1),
                "whole_report_ms": round(report_ms, 1),
                "hand_exists_ms": round(hand["exists"], 1),
                "hand_one_pass_ms": round(hand["one pass"], 1),
                "ratio": round(page_ms / best, 2),
            }
            print(
                f"{range_name:15} {by:11} {row['victims']:>7} cases  page {page_ms:7.1f} ms  "
                f"report {report_ms:7.1f} ms  hand {hand['exists']:7.1f} / {hand['one pass']:7.1f} ms  "
                f"ratio {row['ratio']:.2f}"
            )
            out.append(row)
    return out


def runner(database_url: str, args: argparse.Namespace) -> None:
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    assert connection.vendor == "postgresql", "bench_attrition measures PostgreSQL: set DATABASE_URL"
    seconds = 0.0
    if not args.reuse:
        call_command("migrate", verbosity=0)
        personas()
        seconds = seed(args.victims, seed=1)
        print(f"seeded {args.victims} victims in {seconds:.0f} s")
    rows = measure(args)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"attrition-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps({"victims": args.victims, "seed_seconds": seconds, "rows": rows}, indent=2))
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--victims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument("--reuse", action="store_true", help="Measure a kept database without seeding.")
    args = parser.parse_args()
    if args.reuse:
        import os
        from urllib.parse import urlsplit, urlunsplit

        url = os.environ["DATABASE_URL"]
        runner(urlunsplit(urlsplit(url)._replace(path=f"/{DB}")), args)
    else:
        run_on_database(args, runner, db=DB)


if __name__ == "__main__":
    main()
