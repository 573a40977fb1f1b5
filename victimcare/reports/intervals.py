"""Ratios of proportions with a 95% interval (no Django here; docs/adr/0037).

For a group with x1 of n1 reaching a step, against everyone else with x0 of n0, the ratio is
(x1 / n1) / (x0 / n0) and its interval is Katz's log interval:

    exp(ln(ratio) +/- z * sqrt(1/x1 - 1/n1 + 1/x0 - 1/n0)),   z = 1.96 for 95%

(Katz, Baptista, Azen and Pike, Biometrics 1978). It is undefined when either count is 0 (the
ratio is 0 or infinite), so no ratio is given then, rather than an invented one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Ratio:
    ratio: float
    low: float
    high: float

    @property
    def excludes_one(self) -> bool:
        """The interval lies wholly above or below 1: the group differs from everyone else."""
        return self.high < 1 or self.low > 1

    @property
    def direction(self) -> str:
        if not self.excludes_one:
            return ""
        return "higher" if self.low > 1 else "lower"

    def __str__(self) -> str:
        return f"{self.ratio:.2f} ({self.low:.2f} to {self.high:.2f})"


def ratio_of_proportions(x1: int, n1: int, x0: int, n0: int, z: float = Z95) -> Ratio | None:
    """(x1/n1) / (x0/n0) with Katz's interval, or None where it is not defined."""
    if min(x1, x0) <= 0 or x1 > n1 or x0 > n0:
        return None
    ratio = (x1 / n1) / (x0 / n0)
    se = math.sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0)
    log = math.log(ratio)
    return Ratio(ratio, math.exp(log - z * se), math.exp(log + z * se))


@dataclass(frozen=True)
class Proportion:
    """x of n, with its Wilson score interval."""

    x: int
    n: int
    low: float
    high: float

    @property
    def value(self) -> float:
        return self.x / self.n

    def __str__(self) -> str:
        return f"{self.value:.0%} ({self.low:.0%} to {self.high:.0%})"


def wilson(x: int, n: int, z: float = Z95) -> Proportion | None:
    """The Wilson score interval for x successes in n (Wilson, JASA 1927):

        (p + z²/2n ± z·sqrt(p(1 - p)/n + z²/4n²)) / (1 + z²/n),   p = x / n

    Unlike the normal ("Wald") interval it stays inside 0 to 1 and is not zero-width at 0 or n,
    which matters for the small local samples a survey gives. None when n is 0."""
    if n <= 0 or x < 0 or x > n:
        return None
    p = x / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    # At 0 and n the bound is exactly 0 or 1; floating point would leave 0.9999999999999999.
    low = 0.0 if x == 0 else max(0.0, (centre - spread) / denominator)
    high = 1.0 if x == n else min(1.0, (centre + spread) / denominator)
    return Proportion(x, n, low, high)
