"""Ratios of proportions with Katz's 95% log interval, checked against worked values."""

from __future__ import annotations

import math

import pytest

from victimcare.reports.intervals import Ratio, ratio_of_proportions


def test_it_matches_a_worked_example():
    # 20 of 100 against 10 of 100: ratio 2, se = sqrt(1/20 - 1/100 + 1/10 - 1/100) = sqrt(0.13)
    got = ratio_of_proportions(20, 100, 10, 100)
    assert got is not None
    se = math.sqrt(0.13)
    assert got.ratio == pytest.approx(2.0)
    assert got.low == pytest.approx(2 * math.exp(-1.959964 * se), rel=1e-6)
    assert got.high == pytest.approx(2 * math.exp(1.959964 * se), rel=1e-6)
    assert (round(got.low, 2), round(got.high, 2)) == (0.99, 4.05)
    assert not got.excludes_one and got.direction == ""


def test_it_flags_an_interval_that_excludes_one():
    got = ratio_of_proportions(60, 100, 300, 1000)
    assert got is not None and got.excludes_one and got.direction == "higher"
    lower = ratio_of_proportions(10, 100, 300, 1000)
    assert lower is not None and lower.excludes_one and lower.direction == "lower"
    assert str(Ratio(2.0, 1.5, 2.5)) == "2.00 (1.50 to 2.50)"


def test_it_gives_no_ratio_where_it_is_not_defined():
    assert ratio_of_proportions(0, 10, 5, 10) is None
    assert ratio_of_proportions(5, 10, 0, 10) is None
    assert ratio_of_proportions(11, 10, 5, 10) is None


def test_the_interval_always_contains_the_ratio():
    for x1, n1, x0, n0 in [(1, 2, 1, 3), (5, 5, 7, 9), (99, 100, 1, 100)]:
        got = ratio_of_proportions(x1, n1, x0, n0)
        assert got is not None and got.low <= got.ratio <= got.high
