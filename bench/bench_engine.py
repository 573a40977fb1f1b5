"""Engine throughput: synthetic cases of about ten events through the pure Victims' Code engine.

    .venv/bin/python bench/bench_engine.py [--cases 100000] [--seed 1]

One process, one core, no database. Cases come from a generator, a batch of 1,000 at a time, and
only the evaluate() calls are timed for the engine figure (generation is reported apart); memory is measured with tracemalloc at 10,000 and at --cases to show that the
peak stays flat (it would grow with the input if anything held the cases or their results).
Throughput is measured in a separate pass without tracemalloc, which slows Python several times.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from victimcare.rights.engine import Crime, Event, Victim, count_statuses, evaluate
from victimcare.rights.loader import default_rule_sets
from victimcare.rights.workdays import default_calendar

START = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
CRIME_FLAGS = ("domestic_abuse", "hate_crime", "sexual_offence", "weapons_offence")
# A case's story: (event type, days after the previous event, answers the previous event?)
STORY = (
    ("crime_reported", 0, False),
    ("written_acknowledgement_sent", 2, False),
    ("referred_to_support", 1, False),
    ("suspect_arrested", 3, False),
    ("victim_informed", 2, True),
    ("suspect_charged", 10, False),
    ("victim_informed", 3, True),
    ("hearing_listed", 5, False),
    ("victim_informed", 1, True),
    ("vps_offered", 4, False),
    ("case_outcome_received", 30, False),
    ("victim_informed", 2, True),
)

Case = tuple[Victim, Crime, list[Event]]


def synthetic_cases(n: int, seed: int) -> Iterator[Case]:
    """n deterministic cases of 8-12 events (a case stops part-way through the story at random)."""
    rng = random.Random(seed)
    for i in range(n):
        at = START + timedelta(days=rng.randrange(900), hours=rng.randrange(10))
        flags = frozenset(f for f in CRIME_FLAGS if rng.random() < 0.08)
        born = date(1950 + rng.randrange(70), 1 + rng.randrange(12), 1 + rng.randrange(28))
        events: list[Event] = []
        for n_event, (kind, gap, answers) in enumerate(STORY[: 8 + rng.randrange(5)]):
            at += timedelta(days=gap * rng.uniform(0.3, 2.0))
            about = events[-1].id if answers else None
            events.append(Event(id=f"{i}-{n_event}", type=kind, at=at, about=about))
        yield Victim(date_of_birth=born), Crime(occurred_on=events[0].at.date(), flags=flags), events


BATCH = 1_000


def run(n: int, seed: int, as_of: datetime) -> tuple[float, float, int, dict[str, int]]:
    """(total seconds, engine-only seconds, events seen, status counts) for n streamed cases.

    Cases are generated a batch of 1,000 at a time (so memory stays flat) and only the
    evaluate() calls are timed for the engine figure, which keeps the input generator's
    cost, and any noise in it, out of the engine's number."""
    calendar, rule_sets = default_calendar(), default_rule_sets()
    totals: dict[str, int] = {}
    events = 0
    engine = 0.0
    started = time.perf_counter()
    stream = synthetic_cases(n, seed)
    while batch := list(itertools.islice(stream, BATCH)):
        events += sum(len(timeline) for _, _, timeline in batch)
        t0 = time.perf_counter()
        results = [evaluate(v, c, timeline, as_of, calendar, rule_sets) for v, c, timeline in batch]
        engine += time.perf_counter() - t0
        for result in results:
            for status, count in count_statuses(result.obligations).items():
                totals[status] = totals.get(status, 0) + count
    return time.perf_counter() - started, engine, events, totals


def peak_memory(n: int, seed: int, as_of: datetime) -> int:
    tracemalloc.start()
    run(n, seed, as_of)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    as_of = datetime(2026, 11, 1, 12, tzinfo=UTC)
    run(1000, args.seed, as_of)  # warm up: rule files, calendar index, memo
    seconds, engine_only, events, totals = run(args.cases, args.seed, as_of)
    print(f"{args.cases:,} cases, {events:,} events ({events / args.cases:.1f} per case), one core")
    print(f"  total (generate + evaluate): {seconds:.2f} s = {args.cases / seconds:,.0f} cases/s")
    print(
        f"  engine alone (evaluate calls only): {engine_only:.2f} s = {args.cases / engine_only:,.0f} cases/s"
    )
    print(f"  obligations by status: {dict(sorted(totals.items()))}")
    small = peak_memory(10_000, args.seed, as_of)
    large = peak_memory(args.cases, args.seed, as_of)
    print(f"  peak traced memory: {small / 1e6:.2f} MB at 10,000 cases, {large / 1e6:.2f} MB at {args.cases:,} "
          f"(ratio {large / small:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
