"""p95 of an API event push and timeline read as the case count grows, against the staff case page.

    SECRET_KEY=x .venv/bin/python bench/bench_api.py [--victims 100000] [--baseline 1000]
    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_api.py

A fresh database as bench_pages.py makes (a temporary SQLite file, or a PostgreSQL database
victimcare_bench_api created and dropped), migrated, with the personas and --baseline seeded
victims. A force system's API client (police supervisor: every Durham case) then measures, on
--cases cases chosen across the table, `POST /api/v1/cases/{id}/events/` (a contact_made event,
so the entitlements are recomputed, as for any event) and `GET /api/v1/cases/{id}/events/`, and
for comparison the staff case page of the same cases as sue. The seed is topped up to --victims
and the same is measured again. Prints median and p95 milliseconds and queries, and the ratio
of the p95s (large over small). Writes JSON to bench/results/. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages  # the database set-up, personas and signed-in clients are shared

BENCH_DB = "victimcare_bench_api"


@dataclass
class Measure:
    what: str
    victims: int
    median_ms: float
    p95_ms: float
    queries: int


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--victims", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--cases", type=int, default=40, help="cases measured (one call each per repeat)")
    parser.add_argument("--keep", action="store_true", help="PostgreSQL: keep the database afterwards.")
    return parser.parse_args()


def run(database_url: str, args: argparse.Namespace) -> None:
    bench_pages.setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    bench_pages.personas()
    token = _token()
    seeds = {args.baseline: bench_pages.seed(args.baseline, seed=1)}
    before = measure_all(token, args.baseline, args.cases)
    seeds[args.victims] = bench_pages.seed(args.victims - args.baseline, seed=2)
    after = measure_all(token, args.victims, args.cases)
    report(connection.vendor, seeds, before, after)


def _token() -> str:
    from datetime import timedelta

    from django.utils import timezone

    from victimcare.accounts.models import Organisation
    from victimcare.api.models import SCOPES
    from victimcare.api.services import ApiClientInput, api_client_create

    _client, token = api_client_create(
        actor="bench",
        data=ApiClientInput(
            name="Bench force system",
            organisation=Organisation.objects.get(name="Durham Constabulary"),
            role="supervisor",
            scopes=tuple(SCOPES),
            expires_at=timezone.now() + timedelta(days=1),
            rate_per_minute=1_000_000,
        ),
    )
    return token


def case_ids(count: int) -> list[int]:
    """`count` Durham cases spread over the id range (the oldest and the newest alike)."""
    from victimcare.cases.models import VictimCase

    ids = list(
        VictimCase.objects.filter(crime__force__name="Durham Constabulary")
        .order_by("id")
        .values_list("id", flat=True)
    )
    step = max(1, len(ids) // count)
    return ids[::step][:count]


def measure_all(token: str, victims: int, count: int) -> list[Measure]:
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    staff = bench_pages.client_for("sue")
    ids = case_ids(count)
    body = {"type": "contact_made", "occurred_at": "2026-01-05T10:00:00Z", "payload": {"channel": "phone"}}
    calls: dict[str, Any] = {
        "API event push": lambda i: api.post(f"/api/v1/cases/{i}/events/", body, format="json"),
        "API timeline read": lambda i: api.get(f"/api/v1/cases/{i}/events/"),
        "staff case page": lambda i: staff.get(f"/cases/{i}/"),
    }
    return [measure(name, call, ids, victims) for name, call in calls.items()]


def measure(name: str, call: Any, ids: list[int], victims: int) -> Measure:
    from django.db import connection

    call(ids[0])  # warm up
    queries: list[str] = []
    # Counted by an execute wrapper: the request handler's connection housekeeping would reset
    # a captured query log.
    with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
        response = call(ids[0])
    assert response.status_code in (200, 201), (name, response.status_code)
    times = []
    for case_id in ids:
        started = time.perf_counter()
        response = call(case_id)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 201), (name, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return Measure(name, victims, statistics.median(times), p95, len(queries))


def report(vendor: str, seeds: dict[int, float], before: list[Measure], after: list[Measure]) -> None:
    (small, big), (small_s, big_s) = seeds.keys(), seeds.values()
    print(
        f"\n{vendor}: seeded {small:,} victims in {small_s:.1f} s, then {big - small:,} more in {big_s:.1f} s\n"
    )
    print(f"{'':<20}{f'at {small:,}':^28}|{f'at {big:,}':^28}")
    print(
        f"{'':<20}{'median':>9}{'p95':>9}{'queries':>9}  |{'median':>9}{'p95':>9}{'queries':>9}{'p95 ratio':>11}"
    )
    for a, b in zip(before, after, strict=True):
        ratio = b.p95_ms / a.p95_ms if a.p95_ms else float("nan")
        print(f"{a.what:<20}{a.median_ms:>9.1f}{a.p95_ms:>9.1f}{a.queries:>9}  |"
              f"{b.median_ms:>9.1f}{b.p95_ms:>9.1f}{b.queries:>9}{ratio:>11.2f}")  # fmt: skip
    bench_pages.RESULTS.mkdir(parents=True, exist_ok=True)
    out = bench_pages.RESULTS / f"bench_api-{vendor}-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"vendor": vendor, "seed_seconds": {str(k): v for k, v in seeds.items()},
                               "baseline": [asdict(m) for m in before], "measured": [asdict(m) for m in after]},
                              indent=2))  # fmt: skip
    print(f"\nWrote {out.relative_to(bench_pages.REPO)}")


if __name__ == "__main__":
    bench_pages.run_on_database(parse_args(), run, db=BENCH_DB)
