"""Compliance rate = met / (met + late + overdue), shown beside its counts (VICTIMS-CODE.md,
"Statuses"); pending, not applicable, done and not done are outside the statutory figure."""

from __future__ import annotations

from datetime import date

from victimcare.rights.engine import Obligation, compliance_rate, count_statuses


def _row(status: str) -> Obligation:
    return Obligation("R6_ARREST", 6, "police", "e1", date(2026, 6, 8), status, None, "2020")


def test_it_divides_met_by_met_late_and_overdue() -> None:
    counts = {"met": 6, "late": 1, "overdue": 1, "pending": 9, "not_applicable": 4, "done": 3, "not_done": 2}
    assert compliance_rate(counts) == 0.75


def test_it_has_no_rate_when_nothing_has_fallen_due() -> None:
    assert compliance_rate({"pending": 3, "not_applicable": 1, "done": 2}) is None
    assert compliance_rate({}) is None


def test_it_counts_statuses_from_obligations() -> None:
    rows = [_row("met"), _row("met"), _row("late"), _row("pending")]
    assert count_statuses(rows) == {"met": 2, "late": 1, "pending": 1}
    assert compliance_rate(count_statuses(rows)) == 2 / 3
