"""The attrition page's figures and the Panel pack's figures at scale, on PostgreSQL.

    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/bench_panel.py [--victims 100000] [--repeat 5] [--keep] [--reuse]

Sets up a dedicated database `bench_panel_db` (created, and dropped unless --keep; never the one
named in the URL): migrate, the personas, `manage.py seed --victims N` (rows streamed with COPY,
victimcare/cases/synthetic/writer.py), every case's entitlements by `recompute_entitlements`
(the seed writes none), and one survey response for every fifth case with a court outcome or a
closure (INSERT ... SELECT in the database: the seed writes none). --reuse measures a kept
database, adding only what is missing.

Then, in the same run and over the same rows, for the analyst ana, it times:
- the attrition page's figures (attrition.report, disclosure control included) for the page's
  default range (the last 12 months of cases) by crime type, sex, ethnicity and age band, against
  the hand-written one-pass SQL aggregate of bench/bench_attrition.py;
- each Panel pack section (reports.panel) for the last full quarter of the data, and the whole
  pack, against hand-written SQL aggregates over the same rows (one per table the section
  shows), checking that the totals agree.
The ratio is the app's median over the hand-written median. Target (issue 13): at most 1.5
times and under 1 second. Prints a table and writes JSON to bench/results/.
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

from bench_attrition import SPLIT_SQL, age_sql, exists_sql, one_pass_sql
from bench_pages import RESULTS, personas, run_on_database, seed, setup_django

DB = "bench_panel_db"
SPLITS = ("crime_type", "sex", "ethnicity", "age")


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    fn()  # warm up
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def sql(query: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


# --- the extras the seed does not write -----------------------------------------------------------


def add_entitlements() -> float:
    from django.core.management import call_command

    from victimcare.rights.models import Entitlement

    if Entitlement.objects.exists():
        return 0.0
    started = time.perf_counter()
    call_command("recompute_entitlements", verbosity=0)
    return time.perf_counter() - started


SURVEYS_SQL = """
INSERT INTO voice_surveyresponse (organisation_id, case_id, moment, overall, kept_informed, respect,
    knew_code, comments, respondent_label, submitted_at)
SELECT c.organisation_id, c.id, 'outcome',
    (ARRAY['very_satisfied','satisfied','neither','dissatisfied','very_dissatisfied'])[1 + c.id %% 5],
    (ARRAY['yes','mostly','sometimes','no','not_sure'])[1 + (c.id / 5) %% 5],
    (ARRAY['yes','mostly','sometimes','no','not_sure'])[1 + (c.id / 25) %% 5],
    (ARRAY['yes','no','not_sure'])[1 + c.id %% 3], '', 'The victim', e.at + interval '3 days'
FROM cases_victimcase c
JOIN (SELECT case_id, min(occurred_at) AS at FROM cases_event
      WHERE type IN ('case_outcome_received', 'sentence_received', 'case_closed') GROUP BY case_id) e
  ON e.case_id = c.id
WHERE c.id %% 5 = 0
"""


def add_surveys() -> int:
    from victimcare.voice.models import SurveyResponse

    if not SurveyResponse.objects.exists():
        sql(SURVEYS_SQL + " RETURNING 1", {})
    return SurveyResponse.objects.count()


# --- hand-written aggregates for the pack's sections ----------------------------------------------

STATUS_NOW = (
    "CASE WHEN status IN ('pending', 'overdue') AND due IS NOT NULL AND due < %(day)s THEN 'overdue' "
    "WHEN status IN ('pending', 'overdue') AND due IS NOT NULL THEN 'pending' ELSE status END"
)
COMPLIANCE_SQL = (
    f'SELECT "right", {STATUS_NOW}, count(*) FROM rights_entitlement '
    "WHERE organisation_id = %(org)s AND due >= %(start)s AND due <= %(end)s GROUP BY 1, 2"
)


def return_sql() -> str:
    from victimcare.reports.returns import AREAS

    area = (
        "CASE WHEN e.rule = 'R3_WRITTEN_ACK' THEN 1 WHEN e.rule = 'R4_REFERRAL' THEN 2 "
        "WHEN e.\"right\" IN ('6', '8', '9') THEN 3 WHEN e.rule = 'R7_VPS_OFFER' THEN 4 "
        "WHEN e.rule IN ('R11_VCS_REFERRAL', 'R11_VLO_CONTACT') THEN 5 END"
    )
    assert len(AREAS) == 5
    return (
        f"SELECT {area} AS area, {STATUS_NOW.replace('status', 'e.status').replace('due', 'e.due')}, count(*) "
        "FROM rights_entitlement e LEFT JOIN cases_event t ON t.id = e.trigger_id "
        "WHERE e.organisation_id = %(org)s AND ((e.due >= %(start)s AND e.due <= %(end)s) OR "
        "(e.due IS NULL AND t.occurred_at >= %(start_at)s AND t.occurred_at < %(end_at)s)) "
        f"AND {area} IS NOT NULL GROUP BY 1, 2"
    )


SATISFACTION_SQL = (
    "SELECT date_trunc('month', submitted_at AT TIME ZONE 'Europe/London'), count(*), "
    "count(*) FILTER (WHERE overall IN ('very_satisfied', 'satisfied')) FROM voice_surveyresponse "
    "WHERE organisation_id = %(org)s AND submitted_at >= %(start_at)s AND submitted_at < %(end_at)s GROUP BY 1"
)


def court_sql() -> str:
    from victimcare.reports.court import CHANGES, COURT_EVENTS, OUTCOMES

    def listed(types: tuple[str, ...]) -> str:
        return ", ".join(f"'{t}'" for t in types)

    return (
        "WITH charged AS (SELECT c.id, min(e.occurred_at) AS at FROM cases_victimcase c "
        "JOIN cases_event e ON e.case_id = c.id AND e.type = 'suspect_charged' AND e.corrects_id IS NULL "
        "WHERE c.organisation_id = %(org)s GROUP BY c.id "
        "HAVING min(e.occurred_at) >= %(court_start_at)s AND min(e.occurred_at) < %(end_at)s), "
        "per_case AS (SELECT ch.id, ch.at, "
        f"count(e.id) FILTER (WHERE e.type IN ({listed(CHANGES)})) AS changes, "
        f"bool_or(e.type IN ({listed(OUTCOMES)})) AS finished, "
        "min((e.payload->>'hearing_date')::date) FILTER (WHERE e.type = 'hearing_listed') AS first_hearing, "
        "(array_agg(e.payload->>'court' ORDER BY e.occurred_at DESC, e.id DESC) "
        "FILTER (WHERE e.type = 'hearing_listed'))[1] AS court, "
        "count(e.id) FILTER (WHERE e.type = 'trial_cracked') AS cracked "
        f"FROM charged ch LEFT JOIN cases_event e ON e.case_id = ch.id AND e.type IN ({listed(COURT_EVENTS)}) "
        "AND e.corrects_id IS NULL GROUP BY ch.id, ch.at) "
        "SELECT coalesce(court, ''), count(*), count(first_hearing), count(*) FILTER (WHERE finished IS NOT TRUE), "
        "count(*) FILTER (WHERE finished IS NOT TRUE AND at < %(day_at)s - interval '6 months'), "
        "count(*) FILTER (WHERE changes > 0), sum(cracked), "
        "percentile_cont(0.5) WITHIN GROUP (ORDER BY first_hearing - (at AT TIME ZONE 'Europe/London')::date) "
        "FROM per_case GROUP BY 1"
    )


def attrition_sql(by: str, end: date, form: Callable[[], str] = one_pass_sql) -> str:
    """bench_attrition.py's hand-written aggregate (one pass over the events, or EXISTS per step)."""
    group = age_sql(end) if by == "age" else SPLIT_SQL.get(by, f"p.{by}")
    # The page counts cases opened from local midnight to local midnight: timestamps, not dates.
    query = form().replace("%(start)s", "%(start_at)s").replace("%(end)s", "%(end_at)s")
    return query.replace("{group}", group)


def hand_sections(params: dict[str, Any], quarter_end: date) -> dict[str, Callable[[], Any]]:
    from victimcare.reports.panel import ATTRITION_SPLITS

    return {
        "compliance": lambda: sql(COMPLIANCE_SQL, params),
        "moj_return": lambda: sql(return_sql(), params),
        "satisfaction": lambda: sql(SATISFACTION_SQL, params),
        "attrition": lambda: [sql(attrition_sql(by, quarter_end), params) for by in ATTRITION_SPLITS],
        "court": lambda: sql(court_sql(), params),
    }


# --- the measurements -------------------------------------------------------------------------------


def params_for(org: int, start: date, end: date, day: date) -> dict[str, Any]:
    from victimcare.reports.selectors import local_midnight

    return {
        "org": org,
        "start": start,
        "end": end,
        "day": day,
        "start_at": local_midnight(start),
        "end_at": local_midnight(end + timedelta(days=1)),
        "court_start_at": local_midnight(date(end.year - 3, end.month, 1)),
        "day_at": local_midnight(day),
    }


def row(name: str, app_ms: float, hand_ms: float, **extra: Any) -> dict[str, Any]:
    out = {"figure": name, "app_ms": round(app_ms, 1), "hand_ms": round(hand_ms, 1),
           "ratio": round(app_ms / hand_ms, 2) if hand_ms else None, **extra}  # fmt: skip
    print(f"{name:34} app {app_ms:8.1f} ms   hand {hand_ms:8.1f} ms   ratio {out['ratio']}", flush=True)
    return out


def measure_attrition(ana: Any, last: date, repeat: int) -> list[dict[str, Any]]:
    from victimcare.reports import attrition

    start = last - timedelta(days=364)
    out = []
    for by in SPLITS:
        f = attrition.AttritionFilters(start=start, end=last, by=by)
        app_ms, (victims, _, _) = timed(lambda f=f: attrition.report(ana, f, suppress=True), repeat)
        params = params_for(ana.organisation_id, start, last, last)
        hand: dict[str, float] = {}
        for name, form in (("one pass", one_pass_sql), ("exists", exists_sql)):
            hand[name], rows = timed(
                lambda by=by, p=params, form=form: sql(attrition_sql(by, last, form), p), repeat
            )
            assert sum(r[1] for r in rows) == victims, (by, victims)
        best = min(hand, key=lambda k: hand[k])
        out.append(row(f"attrition page, by {by}", app_ms, hand[best], victims=victims, hand_form=best))
    return out


def measure_pack(ana: Any, last: date, repeat: int) -> list[dict[str, Any]]:
    from victimcare.reports import panel, panel_sections
    from victimcare.reports.selectors import QUARTER, period_start

    quarter = panel.Quarter(period_start(last - timedelta(days=92), QUARTER))  # the last full quarter
    day = last
    params = params_for(ana.organisation_id, quarter.start, quarter.end, day)
    hands = hand_sections(params, quarter.end)
    print(f"Panel pack for {quarter.label}, as on {day}", flush=True)
    out = []
    total_app = total_hand = 0.0
    for make in panel_sections.SECTIONS:
        key = make.__name__.removesuffix("_section")
        app_ms, section = timed(lambda make=make: make(ana, quarter, day), repeat)
        hand_ms, _ = timed(hands[key], repeat)
        total_app, total_hand = total_app + app_ms, total_hand + hand_ms
        out.append(row(f"pack: {key}", app_ms, hand_ms, tables=len(section.tables)))
    whole_ms, _ = timed(lambda: panel_sections.pack_sections(ana, quarter, day), repeat)
    out.append(row("pack: every section", whole_ms, total_hand))
    return out


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection
    from django.utils import timezone

    from victimcare.accounts.models import User

    ana = User.objects.get(username="ana")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT max(opened_at), count(*) FROM cases_victimcase")
        last_at, cases = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM rights_entitlement")
        entitlements = cursor.fetchone()[0]
    last = timezone.localtime(last_at).date()
    print(f"{cases:,} cases, {entitlements:,} entitlements; last case opened {last}", flush=True)
    return {
        "cases": cases,
        "entitlements": entitlements,
        "attrition": measure_attrition(ana, last, args.repeat),
        "pack": measure_pack(ana, last, args.repeat),
    }


def runner(database_url: str, args: argparse.Namespace) -> None:
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    assert connection.vendor == "postgresql", "bench_panel measures PostgreSQL: set DATABASE_URL"
    call_command("migrate", verbosity=0)
    timings: dict[str, float] = {}
    if not args.reuse:
        personas()
        timings["seed_s"] = seed(args.victims, seed=1)
        print(f"seeded {args.victims:,} victims in {timings['seed_s']:.0f} s", flush=True)
    timings["entitlements_s"] = add_entitlements()
    started = time.perf_counter()
    responses = add_surveys()
    timings["surveys_s"] = time.perf_counter() - started
    print(f"entitlements in {timings['entitlements_s']:.0f} s; {responses:,} survey responses", flush=True)
    result = {"victims": args.victims, **timings, **measure(args)}
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"panel-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2, default=str))
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--victims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
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
