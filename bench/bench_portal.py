"""How the victims' portal scales from 1,000 to 100,000 seeded victims.

    SECRET_KEY=x .venv/bin/python bench/bench_portal.py [--victims 100000] [--baseline 1000]
    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_portal.py

The same fresh database as bench_pages.py (a temporary SQLite file, or a PostgreSQL database named
victimcare_bench that is created and dropped). At each size it measures, through django.test.Client
and signed in to the portal through its own session keys (as the sign-in pages leave them):
- the portal's case page ("My case") and rights page: median and p95 of --repeat requests, and the
  queries per page (which must be the same at both sizes);
- the two sign-in steps, in requests per second over --signins requests each: asking for a code
  (every request writes a challenge and enqueues its job, whatever was typed) and entering the code
  (each request with its own fresh, right code).
The ratio column is large over small: about 1 means the portal does not slow down as data grows.
Results are printed and written to bench/results/. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages  # the database set-up and seeding are shared

RESULTS = bench_pages.RESULTS
TEAM = "Victim care North"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--victims", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--signins", type=int, default=200, help="requests timed for each sign-in step")
    parser.add_argument("--keep", action="store_true", help="PostgreSQL: keep victimcare_bench afterwards.")
    args = parser.parse_args()
    # The bench asks for hundreds of codes from one client address: lift the rate limits.
    for name in ("PORTAL_LIMIT_PER_REFERENCE", "PORTAL_LIMIT_PER_ADDRESS", "PORTAL_LIMIT_PER_CLIENT"):
        os.environ[name] = "1000000"
    bench_pages.run_on_database(args, run)  # the same database handling, our measurements


def run(database_url: str, args: argparse.Namespace) -> None:
    bench_pages.setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    bench_pages.personas()
    bench_pages.seed(args.baseline, seed=1)
    analyze()
    case_id = pick_case()
    small = measure_size(case_id, args)
    bench_pages.seed(args.victims - args.baseline, seed=2)
    analyze()
    big = measure_size(case_id, args)
    report(connection.vendor, args, small, big)


def analyze() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum would give a live database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def pick_case() -> int:
    """A victim on team North who can sign in by email, from seed 1 (so the same at both sizes),
    with its stored entitlements worked out (the seed writes timelines in bulk)."""
    from victimcare.cases.models import VictimCase
    from victimcare.rights.services import case_rights_refresh

    for case in VictimCase.objects.filter(team__name=TEAM).exclude(person__email="").select_related("person"):
        if "email" in (case.person.allowed_channels or []) and not case.person.email_unsafe:
            case_rights_refresh(case=case)
            return case.pk
    raise SystemExit("No seeded victim can sign in by email")


def signed_in_client(case_id: int) -> Any:
    """A client with a portal session for the case's victim (the keys the sign-in pages set)."""
    from django.test import Client

    from victimcare.cases.models import VictimCase
    from victimcare.portal.services import _victim_account

    account = _victim_account(VictimCase.objects.select_related("person").get(pk=case_id))
    assert account is not None
    client = Client()
    session = client.session
    now = time.time()
    session.update({"portal:account": account.pk, "portal:signed_in": now, "portal:seen": now,
                    "portal:language": "en"})  # fmt: skip
    session.save()
    client.cookies["sessionid"] = session.session_key
    return client


def measure_size(case_id: int, args: argparse.Namespace) -> dict[str, Any]:
    from victimcare.cases.models import VictimCase

    client = signed_in_client(case_id)
    pages = {name: bench_pages.measure(client, name, url, "victim", 0, args.repeat)
             for name, url in (("My case", "/portal/"), ("My rights", "/portal/rights/"))}  # fmt: skip
    case = VictimCase.objects.select_related("crime", "person").get(pk=case_id)
    return {
        "cases": VictimCase.objects.count(),
        "pages": {
            name: {"median_ms": m.median_ms, "p95_ms": m.p95_ms, "queries": m.queries}
            for name, m in pages.items()
        },
        "ask_for_code_rps": ask_for_code_rps(case.crime.crime_reference, case.person.email, args.signins),
        "enter_code_rps": enter_code_rps(case, args.signins),
    }


def ask_for_code_rps(reference: str, email: str, n: int) -> float:
    """Step 1 through the page, half with the right details and half with a wrong reference
    (the request does the same work either way; the match runs in the job worker)."""
    from django.test import Client

    client = Client()
    for i in range(5):  # warm-up, not timed
        client.post("/portal/sign-in/", {"reference": f"WW/{i:05d}/99", "address": email})
    started = time.perf_counter()
    for i in range(n):
        ref = reference if i % 2 == 0 else f"XX/{i:05d}/99"
        response = client.post("/portal/sign-in/", {"reference": ref, "address": email})
        assert response.status_code == 302, response.status_code
    return n / (time.perf_counter() - started)


def enter_code_rps(case: Any, n: int) -> float:
    """Step 2 through the page: each request enters the right code of its own challenge (codes
    prepared beforehand by running the job, as db_worker would, and read from the outbox)."""
    from django.test import Client

    from victimcare.notify.models import OutboundMessage
    from victimcare.portal import services
    from victimcare.portal.models import SignInChallenge

    prepared = []
    for _ in range(n + 5):
        request = services.sign_in_request(
            reference=case.crime.crime_reference, address=case.person.email, client_ip="192.0.2.1"
        )
        assert request.token is not None
        challenge = SignInChallenge.objects.get(token_hash=services._token_hash(request.token))
        services.sign_in_challenge_process(challenge_id=challenge.pk)
        body = (
            OutboundMessage.objects.filter(template="sign_in_code")
            .order_by("-id")
            .values_list("body", flat=True)[0]
        )
        match = re.search(r"(\d{3}) (\d{3})", body)
        assert match is not None
        client = Client()
        session = client.session
        session["portal:challenge"] = {"token": request.token, "reference": case.crime.crime_reference}
        session.save()
        client.cookies["sessionid"] = session.session_key
        prepared.append((client, match.group(1) + match.group(2)))
    for client, code in prepared[:5]:  # warm-up, not timed
        client.post("/portal/sign-in/code/", {"code": code})
    prepared = prepared[5:]
    started = time.perf_counter()
    for client, code in prepared:
        response = client.post("/portal/sign-in/code/", {"code": code})
        assert response.status_code == 302 and response["Location"] == "/portal/", response
    return n / (time.perf_counter() - started)


def report(vendor: str, args: argparse.Namespace, small: dict[str, Any], big: dict[str, Any]) -> None:
    print(f"\n{vendor}: victims' portal at {small['cases']:,} cases and at {big['cases']:,} cases\n")
    print(f"{'page':<12}{'median ms':>11}{'p95 ms':>9}{'queries':>9}  |{'median ms':>11}{'p95 ms':>9}"
          f"{'queries':>9}{'ratio':>8}")  # fmt: skip
    for name in small["pages"]:
        a, b = small["pages"][name], big["pages"][name]
        print(f"{name:<12}{a['median_ms']:>11.1f}{a['p95_ms']:>9.1f}{a['queries']:>9}  |{b['median_ms']:>11.1f}"
              f"{b['p95_ms']:>9.1f}{b['queries']:>9}{b['median_ms'] / a['median_ms']:>8.2f}")  # fmt: skip
    print()
    for key, label in (("ask_for_code_rps", "sign-in step 1 (ask for a code)"),
                       ("enter_code_rps", "sign-in step 2 (enter the code)")):  # fmt: skip
        print(f"{label:<34}{small[key]:>8.1f} req/s  |{big[key]:>8.1f} req/s{big[key] / small[key]:>8.2f}")
    same = all(small["pages"][n]["queries"] == big["pages"][n]["queries"] for n in small["pages"])
    print(f"\nqueries per page the same at both sizes: {'yes' if same else 'NO'}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"portal-{vendor}-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps({"vendor": vendor, "repeat": args.repeat, "signins": args.signins,
                                "small": small, "big": big}, indent=2, default=statistics.median))  # fmt: skip
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
