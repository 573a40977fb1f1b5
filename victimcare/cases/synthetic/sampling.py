"""Weighted draws from a seeded random.Random, the one source of randomness of the seed."""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Sampler(Generic[T]):
    """Draw items in proportion to their weights (cumulative weights, so each draw is a bisect)."""

    def __init__(self, items: list[tuple[T, float]]) -> None:
        self.items = [item for item, _ in items]
        self.cum = list(accumulate(weight for _, weight in items))

    def draw(self, rng: random.Random) -> T:
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]
