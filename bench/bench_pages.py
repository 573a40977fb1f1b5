"""How the staff pages scale from 1,000 to 100,000 seeded victims.

    SECRET_KEY=x .venv/bin/python bench/bench_pages.py [--victims 100000] [--baseline 1000]
    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_pages.py

Seeds a fresh database (a temporary SQLite file; with DATABASE_URL set to PostgreSQL, a database
named victimcare_bench that the script creates and drops, never the one named in the URL), first
with --baseline victims, measures each page, then tops it up to --victims and measures again. Each
page is requested --repeat times through django.test.Client, signed in with a verified second
factor as sue (the supervisor, who sees every case) and cara (a caseworker, team North). Prints a
table and writes JSON to bench/results/. Not collected by pytest: it lives outside tests/.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
BENCH_DB = "victimcare_bench"
USERS = ("sue", "cara")


@dataclass
class Measure:
    page: str
    user: str
    victims: int
    median_ms: float
    p95_ms: float
    queries: int


def main() -> None:
    run_on_database(parse_args(), run)


Runner = Callable[[str, argparse.Namespace], None]


def run_on_database(args: argparse.Namespace, runner: Runner, *, db: str = BENCH_DB) -> None:
    """`runner(database_url, args)` on a fresh database: on PostgreSQL when DATABASE_URL names
    one (a database `db` created for the run and dropped after it unless --keep), else in a
    temporary SQLite file. The other benchmarks share this set-up."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        run_on_postgres(url, args, runner, db=db)
    else:
        with tempfile.TemporaryDirectory(prefix="victimcare-bench-") as folder:
            runner(f"sqlite:///{folder}/bench.sqlite3", args)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--victims", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="PostgreSQL: keep victimcare_bench afterwards.")
    return parser.parse_args()


def run_on_postgres(url: str, args: argparse.Namespace, runner: Runner, *, db: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path=parts.path or "/postgres")
    bench_url = urlunsplit(parts._replace(path=f"/{db}"))
    with psycopg.connect(urlunsplit(admin), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {db}")
        conn.execute(f"CREATE DATABASE {db}")
    try:
        runner(bench_url, args)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(urlunsplit(admin), autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def run(database_url: str, args: argparse.Namespace) -> None:
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    personas()
    seed_times = {args.baseline: seed(args.baseline, seed=1)}
    before = measure_all(args.baseline, args.repeat)
    seed_times[args.victims] = seed(args.victims - args.baseline, seed=2)
    after = measure_all(args.victims, args.repeat)
    report(connection.vendor, seed_times, before, after)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    sys.path.insert(0, str(REPO))
    # WhiteNoise warns that collectstatic has not run; pages do not need the files.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def personas() -> None:
    from victimcare.accounts.personas import ensure_personas

    ensure_personas(password="bench-only-password", totp_secret="bench")


def seed(victims: int, *, seed: int) -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("seed", victims=victims, seed=seed)
    return time.perf_counter() - started


def client_for(username: str) -> Any:
    """Signed in with a verified second factor, as tests/conftest.py's verified_client does."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from victimcare.accounts.models import User

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


def pages() -> dict[str, str]:
    """The pages measured, chosen from seed 1 so that they are the same at both sizes."""
    from victimcare.cases.models import VictimCase

    case = (
        VictimCase.objects.filter(team__name="Victim care North", crime__crime_reference__startswith="DU/01",
                                  person__date_of_birth__isnull=False)
        .select_related("person", "crime").order_by("id").first()
    )  # fmt: skip
    assert case is not None and case.person.date_of_birth is not None
    dob, reference = case.person.date_of_birth, case.crime.crime_reference
    return {
        "caseload, first page": "/cases/",
        "caseload, filtered": "/cases/?flag=domestic_abuse&flag=vulnerable&stage=2&sort=-last_event",
        "caseload, page 200": "/cases/?page=200",
        "search, surname prefix": "/cases/search/?q=smi",
        "search, date of birth": f"/cases/search/?q={dob:%d/%m/%Y}",
        "search, crime reference": f"/cases/search/?q={reference[:9]}",
        "case page": f"/cases/{case.id}/",
        "person page": f"/people/{case.person_id}/",
    }


def measure_all(victims: int, repeat: int) -> list[Measure]:
    urls = pages()
    return [measure(client_for(user), name, url, user, victims, repeat) for user in USERS
            for name, url in urls.items()]  # fmt: skip


def measure(client: Any, name: str, url: str, user: str, victims: int, repeat: int) -> Measure:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm caches (templates, database pages)
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured)  # now: the log is reset by the next request
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return Measure(name, user, victims, statistics.median(times), p95, queries)


def report(vendor: str, seed_times: dict[int, float], before: list[Measure], after: list[Measure]) -> None:
    (small, big), (small_s, big_s) = seed_times.keys(), seed_times.values()
    print(
        f"\n{vendor}: seeded {small:,} victims in {small_s:.1f} s, then {big - small:,} more in {big_s:.1f} s\n"
    )
    head = f"{'page':<26}{'user':<6}{'median ms':>11}{'p95 ms':>9}{'queries':>9}  |{'median ms':>11}{'p95 ms':>9}"
    print(f"{'':<32}{f'at {small:,}':^29}  |{f'at {big:,}':^29}{'ratio':>8}")
    print(head + f"{'queries':>9}{'median':>8}")
    for a, b in zip(before, after, strict=True):
        ratio = b.median_ms / a.median_ms if a.median_ms else float("nan")
        print(f"{a.page:<26}{a.user:<6}{a.median_ms:>11.1f}{a.p95_ms:>9.1f}{a.queries:>9}  |"
              f"{b.median_ms:>11.1f}{b.p95_ms:>9.1f}{b.queries:>9}{ratio:>8.2f}")  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench_pages-{vendor}-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"vendor": vendor, "seed_seconds": {str(k): v for k, v in seed_times.items()},
                               "baseline": [asdict(m) for m in before], "measured": [asdict(m) for m in after]},
                              indent=2))  # fmt: skip
    print(f"\nWrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
