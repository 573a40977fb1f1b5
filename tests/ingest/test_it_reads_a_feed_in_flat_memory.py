"""The feed reader streams: its peak memory does not grow with the file (the issue's 2 GB file
is never loaded). Measured with tracemalloc over generated files of two sizes."""

from __future__ import annotations

import tracemalloc
from io import StringIO
from pathlib import Path

from django.core.management.base import OutputWrapper

from tests.ingest.conftest import FEED_COLUMNS, crime_line, victim_line
from victimcare.ingest.feed import FeedRow, read_feed
from victimcare.ingest.management.commands.import_feed import ProgressBar

BOUND = 512 * 1024  # bytes: a few rows' worth, whatever the size of the file


def _generate(path: Path, crimes: int) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(FEED_COLUMNS) + "\n")
        for n in range(crimes):
            f.write(crime_line(f"C{n}", f"DU/{n}/26") + "\n" + victim_line(f"V{n}", f"C{n}") + "\n")
    return path


def _peak(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        rows = sum(1 for row in read_feed(path) if isinstance(row, FeedRow))
        return rows, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_it_reads_ten_times_the_rows_in_the_same_memory(tmp_path) -> None:
    small_rows, small = _peak(_generate(tmp_path / "small.csv", 2_000))
    large_rows, large = _peak(_generate(tmp_path / "large.csv", 20_000))
    assert (small_rows, large_rows) == (4_000, 40_000)
    assert small < BOUND and large < BOUND
    assert large < small * 2  # flat, not proportional (ten times the rows)


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_it_draws_a_progress_bar_by_the_bytes_read() -> None:
    out = _Terminal()
    bar = ProgressBar(200, OutputWrapper(out))
    for done in (0, 1, 100, 101, 200):
        bar.update(done)
    bar.finish()
    frames = out.getvalue().split("\r")[1:]
    # Redrawn when the percentage changes, not once per row.
    assert [frame.rstrip("\n")[-4:] for frame in frames] == ["  0%", " 50%", "100%"]
    assert frames[1].startswith("[" + "#" * 20 + " " * 20 + "]")
    assert frames[-1] == "[" + "#" * 40 + "] 100%\n"
