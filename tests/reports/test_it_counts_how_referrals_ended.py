"""The structured outcome recorded when a referral closes (needs met, partly met, not met, the
victim stopped taking part) feeds the commissioning figures: referrals closed in the period by
service and outcome, and the share whose needs were met or partly met. Small counts are hidden
from analysts as everywhere on the page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.reports.commissioning_data import load_commissioning
from victimcare.reports.commissioning import CommissioningFilters, commissioning_figures
from victimcare.reports.disclosure import Percent
from victimcare.support.models import Referral

pytestmark = pytest.mark.django_db

F = CommissioningFilters(start=date(2026, 1, 1), end=date(2026, 12, 31))


@pytest.fixture
def closed(personas):
    """The commissioning data: its accepted referrals closed as commissioning_data.CLOSES says."""
    return load_commissioning(personas)


def _plain(rows: list[list[Any]]) -> dict[str, list[Any]]:
    return {str(r[0]): [str(v) if isinstance(v, Percent) else v for v in r[1:]] for r in rows}


def test_it_counts_each_outcome_by_service(personas, closed):
    got = commissioning_figures(personas["sue"], F, suppress=False)
    s = got.section("outcomes")
    assert s.header[1:] == ["Referrals closed", "Needs met", "Needs partly met", "Needs not met",
                            "The victim stopped taking part", "No outcome recorded", "Needs met or partly met"]  # fmt: skip
    rows = _plain(s.rows)
    assert rows["Every service"] == [11, 5, 2, 1, 2, 1, "64%"]
    assert rows["Alpha Support"] == [10, 4, 2, 1, 2, 1, "60%"]
    assert rows["Beta Advice"] == [1, 1, 0, 0, 0, 0, "100%"]
    assert list(rows) == ["Every service", "Alpha Support", "Beta Advice"]


def test_it_keeps_the_reason_and_words_with_the_outcome(closed):
    eight = Referral.objects.get(case=closed[8])
    assert (eight.outcome_code, eight.disengaged_reason) == ("disengaged", "other")
    assert eight.outcome == "The victim stopped taking part: another reason. Went abroad"


def test_it_hides_small_counts_from_analysts(personas, closed):
    got = commissioning_figures(personas["sue"], F, suppress=True)
    rows = _plain(got.section("outcomes").rows)
    assert rows["Beta Advice"][0] == "fewer than 5"
    assert all(v == 0 or not isinstance(v, int) or v >= 5 for line in rows.values() for v in line)


def test_it_counts_only_referrals_closed_in_the_period(personas, closed):
    got = commissioning_figures(
        personas["sue"], CommissioningFilters(start=date(2026, 7, 1), end=date(2026, 12, 31))
    )
    assert got.section("outcomes").state == "nothing"
