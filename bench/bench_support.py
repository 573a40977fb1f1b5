"""How service matching and the provider workspace scale.

    SECRET_KEY=x .venv/bin/python bench/bench_support.py                  # SQLite, temporary file
    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/bench_support.py                           # PostgreSQL

Options: --victims 100000 --referrals 50000 (the large sizes), --baseline 1000 (cases and
referrals at the small size), --services 500, --repeat 30, --keep (PostgreSQL: keep the database).

What it does, in one process:
1. a fresh database (a temporary SQLite file, or a PostgreSQL database named
   victimcare_bench_support that it creates and drops; the one named in the URL is only used to
   connect), migrated, with the personas, `--baseline` seeded victims (manage.py seed, seed 1),
   the demo directory plus invented services up to `--services`, and `--baseline` referrals to
   Harbour Support Services (pat's organisation) written in bulk;
2. measures: the suggested-services page of one case (as sue, with a completed needs assessment),
   the suggestions selector alone, and the provider workspace list as pat (first page, the
   "waiting for your answer" tab, and a page from the middle, by keyset);
3. seeds victims up to `--victims` (seed 2) and referrals up to `--referrals`, and measures the
   same again.
It prints median and p95 milliseconds, queries per page and the ratio of the medians (large over
small): about 1 means the page does not slow down as the data grows. Timings are wall-clock on a
shared machine: compare ratios and query counts, not milliseconds across machines. Not collected
by pytest; nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages  # the database set-up, personas and signed-in clients are shared

REPO = bench_pages.REPO
RESULTS = bench_pages.RESULTS
BENCH_DB = "victimcare_bench_support"


@dataclass
class Measure:
    what: str
    size: str
    median_ms: float
    p95_ms: float
    queries: int


def main() -> None:
    bench_pages.run_on_database(parse_args(), run, db=BENCH_DB)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--victims", type=int, default=100_000)
    parser.add_argument("--referrals", type=int, default=50_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--services", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="PostgreSQL: keep the database afterwards.")
    return parser.parse_args()


def run(database_url: str, args: argparse.Namespace) -> None:
    bench_pages.setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    bench_pages.personas()
    rng = random.Random(7)
    timings = {}
    started = time.perf_counter()
    call_command("seed", victims=args.baseline, seed=1, verbosity=0)
    services(args.services, rng)
    referrals(args.baseline, rng)
    timings["baseline set-up s"] = time.perf_counter() - started
    case_id = assessed_case()
    small = measure_all(case_id, f"{args.baseline:,} cases/referrals", args.repeat)
    started = time.perf_counter()
    call_command("seed", victims=args.victims - args.baseline, seed=2, verbosity=0)
    referrals(args.referrals, rng)
    timings["top-up s"] = time.perf_counter() - started
    large = measure_all(case_id, f"{args.victims:,} cases, {args.referrals:,} referrals", args.repeat)
    report(connection.vendor, args, timings, small, large)


# --- synthetic data ---------------------------------------------------------------------------


def services(n: int, rng: random.Random) -> None:
    """The demo directory, then invented services up to n, in bulk."""
    from django.core.management import call_command

    from victimcare.accounts.models import Organisation
    from victimcare.accounts.personas import OPCC
    from victimcare.cases.vocab import CRIME_FLAGS, police_uk_crime_types
    from victimcare.support.models import HowToRefer, NeedArea, Reach, Service

    call_command("support_demo", verbosity=0)
    directory = Organisation.objects.get(name=OPCC)
    needs, reaches = list(NeedArea.values), list(Reach.values)
    rows = []
    for i in range(n - Service.objects.filter(directory=directory).count()):
        limited = rng.random() < 0.4
        rows.append(
            Service(
                directory=directory,
                name=f"Bench service {i:04d}",
                description="An invented service for the benchmark.",
                needs_met=rng.sample(needs, rng.randint(1, 3)),
                crime_types=rng.sample(police_uk_crime_types(), 2) if limited and rng.random() < 0.5 else [],
                crime_flags=rng.sample(list(CRIME_FLAGS), 1) if limited else [],
                min_age=rng.choice((None, None, 16, 18)),
                max_age=rng.choice((None, None, None, 17, 25)) if rng.random() < 0.2 else None,
                sex=rng.choice(("", "", "", "female", "male")),
                areas=rng.choice((["County Durham"], ["Darlington"], ["County Durham", "Darlington"])),
                covers_everywhere=rng.random() < 0.1,
                reach=rng.sample(reaches, rng.randint(1, 3)),
                how_to_refer=[HowToRefer.EMAIL],
                waiting_weeks=rng.randint(0, 12),
                active=rng.random() < 0.95,
            )
        )
    # Ages the wrong way round would break the constraint: swap them.
    for s in rows:
        if s.min_age is not None and s.max_age is not None and s.min_age > s.max_age:
            s.min_age, s.max_age = s.max_age, s.min_age
    Service.objects.bulk_create(rows, batch_size=500)


STATUSES = (("sent", 0.2), ("accepted", 0.15), ("declined", 0.05), ("first_contact", 0.15),
            ("engaged", 0.25), ("closed", 0.2))  # fmt: skip


def referrals(total: int, rng: random.Random) -> None:
    """Referrals to Harbour, in bulk, on cases that have none yet, until there are `total`."""
    from django.db.models import Exists, OuterRef

    from victimcare.cases.models import VictimCase
    from victimcare.support.models import Referral, Service

    harbour = Service.objects.get(name="Harbour Support Services")
    missing = total - Referral.objects.count()
    cases = (
        VictimCase.objects.filter(organisation_id=harbour.directory_id)
        .filter(~Exists(Referral.objects.filter(case_id=OuterRef("pk"))))
        .order_by("id")
        .values_list("id", "crime__reported_at")[:missing]
    )
    statuses, weights = zip(*STATUSES, strict=True)
    rows = []
    for case_id, reported in cases:
        status = rng.choices(statuses, weights)[0]
        sent = reported + timedelta(hours=rng.randint(2, 60))
        row = Referral(
            organisation_id=harbour.directory_id, case_id=case_id, service=harbour, provider_id=harbour.organisation_id,
            status=status, consent_by="victim", consent_method="phone", consent_at=sent, shared_items=["name"],
            snapshot=[{"item": "name", "label": "Name", "value": f"Victim {case_id}"}], sent_at=sent,
        )  # fmt: skip
        step = sent
        for name, moment in (("accepted", "accepted_at"), ("first_contact", "first_contact_at"),
                             ("engaged", "engaged_at"), ("closed", "closed_at")):  # fmt: skip
            if status == "declined":
                row.declined_at, row.decline_reason = sent + timedelta(days=1), "Outside our criteria"
                break
            step = step + timedelta(days=rng.randint(0, 4), hours=rng.randint(1, 8))
            setattr(row, moment, step)
            if status == name:
                break
        if status == "closed":
            row.outcome_code = rng.choice(["needs_met", "needs_met", "partly_met", "not_met", "disengaged"])
            row.disengaged_reason = "stopped_replying" if row.outcome_code == "disengaged" else ""
            row.outcome = "Support completed"
        rows.append(row)
        if len(rows) == 2000:
            Referral.objects.bulk_create(rows)
            rows = []
    Referral.objects.bulk_create(rows)


def assessed_case() -> int:
    """A case from seed 1 (the same at both sizes) with a completed needs assessment."""
    from victimcare.accounts.models import User
    from victimcare.cases.models import VictimCase
    from victimcare.support.services import NeedsInput, needs_assessment_save

    case = VictimCase.objects.select_related("person", "crime").order_by("id").first()
    assert case is not None
    needs_assessment_save(
        actor=User.objects.get(username="sue"),
        case=case,
        data=NeedsInput(
            levels={
                "health": "medium",
                "safety": "high",
                "practical": "low",
                "housing": "none",
                "family": "none",
                "justice": "medium",
                "communication": "none",
            },
            notes={},
            prompts={},
        ),
        complete=True,
    )
    return case.id


# --- measuring --------------------------------------------------------------------------------


def middle_cursor() -> str:
    from victimcare.support.models import Referral

    rows = Referral.objects.exclude(status="draft").order_by("-sent_at", "-id")
    row = rows[rows.count() // 2]
    assert row.sent_at is not None
    return f"{row.sent_at.isoformat()}_{row.id}"


def measure_all(case_id: int, size: str, repeat: int) -> list[Measure]:
    from urllib.parse import quote

    from victimcare.cases.models import VictimCase
    from victimcare.support.selectors import suggestions_for

    sue, pat = bench_pages.client_for("sue"), bench_pages.client_for("pat")
    vcase = VictimCase.objects.select_related("person", "crime").get(pk=case_id)
    print(f"  {size}: {len(suggestions_for(vcase)[2])} services suggested for case {case_id}", flush=True)
    return [
        page(sue, "suggested services page (sue)", f"/cases/{case_id}/support/suggestions/", size, repeat),
        timed("suggestions selector alone", lambda: suggestions_for(vcase), size, repeat),
        page(pat, "provider list, first page (pat)", "/provider/?show=all", size, repeat),
        page(pat, "provider list, waiting tab (pat)", "/provider/?show=new", size, repeat),
        page(
            pat,
            "provider list, middle page (pat)",
            f"/provider/?show=all&after={quote(middle_cursor())}",
            size,
            repeat,
        ),
    ]


def page(client: Any, what: str, url: str, size: str, repeat: int) -> Measure:
    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return timed(what, get, size, repeat)


def timed(what: str, call: Callable[[], Any], size: str, repeat: int) -> Measure:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        call()
    with CaptureQueriesContext(connection) as captured:
        call()
    queries = len(captured)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return Measure(what, size, statistics.median(times), p95, queries)


def report(vendor: str, args: argparse.Namespace, timings: dict[str, float], small: list[Measure],
           large: list[Measure]) -> None:  # fmt: skip
    print(f"\n{vendor}: {args.services} services; " + ", ".join(f"{k} {v:.0f}" for k, v in timings.items()))
    print(f"{'':<36}{small[0].size:^30}|{large[0].size:^42}")
    print(f"{'':<36}{'median ms':>11}{'p95 ms':>9}{'queries':>9} |{'median ms':>11}{'p95 ms':>9}{'queries':>9}"
          f"{'ratio':>8}")  # fmt: skip
    for a, b in zip(small, large, strict=True):
        ratio = b.median_ms / a.median_ms if a.median_ms else float("nan")
        print(f"{a.what:<36}{a.median_ms:>11.1f}{a.p95_ms:>9.1f}{a.queries:>9} |{b.median_ms:>11.1f}"
              f"{b.p95_ms:>9.1f}{b.queries:>9}{ratio:>8.2f}")  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench_support-{vendor}-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"vendor": vendor, "args": vars(args), "timings": timings,
                               "baseline": [asdict(m) for m in small], "measured": [asdict(m) for m in large]},
                              indent=2))  # fmt: skip
    print(f"\nWrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
