"""A reader trying to work out hidden counts from what a page or a download shows.

Independent of victimcare.reports.disclosure: an exhaustive search over every value the hidden
cells could have ("fewer than 5": 1 to 4; "not shown": 0 or 5 up to a bound), keeping only the
assignments that satisfy every sum and every printed rate. A hidden "fewer than 5" cell is
recovered when every assignment left gives it the same value."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

FEWER = "fewer than 5"
NOT_SHOWN = "not shown"


@dataclass(frozen=True)
class Equation:
    """sum(plus) - sum(minus) == constant, over cells (hidden or shown)."""

    plus: tuple[Hashable, ...]
    minus: tuple[Hashable, ...] = ()
    constant: int = 0


@dataclass(frozen=True)
class RateShown:
    """A printed whole percentage: round(100 * sum(top) / sum(bottom)) == percent."""

    top: tuple[Hashable, ...]
    bottom: tuple[Hashable, ...]
    percent: int


def possible_values(
    cells: Mapping[Hashable, int | str],
    equations: Sequence[Equation],
    rates: Sequence[RateShown] = (),
    *,
    bound: int = 40,
) -> dict[Hashable, set[int]]:
    """For each "fewer than 5" cell, every value consistent with what is shown."""
    hidden = [c for c, v in cells.items() if isinstance(v, str)]
    domains = {c: list(range(1, 5)) if cells[c] == FEWER else [0, *range(5, bound + 1)] for c in hidden}
    checks: list[tuple[set[Hashable], Callable[[Mapping[Hashable, int]], bool]]] = []

    def value(c: Hashable, got: Mapping[Hashable, int]) -> int:
        v = cells[c]
        return got[c] if isinstance(v, str) else int(v)

    for eq in equations:

        def equation_ok(got: Mapping[Hashable, int], eq: Equation = eq) -> bool:
            return sum(value(c, got) for c in eq.plus) - sum(value(c, got) for c in eq.minus) == eq.constant

        checks.append(({c for c in (*eq.plus, *eq.minus) if c in domains}, equation_ok))
    for r in rates:

        def rate_ok(got: Mapping[Hashable, int], r: RateShown = r) -> bool:
            bottom = sum(value(c, got) for c in r.bottom)
            return bottom > 0 and round(100 * sum(value(c, got) for c in r.top) / bottom) == r.percent

        checks.append(({c for c in (*r.top, *r.bottom) if c in domains}, rate_ok))
    # Solve each group of hidden cells linked by a check on its own.
    groups: list[set[Hashable]] = []
    for c in hidden:
        groups.append({c})
    for involved, _ in checks:
        merged = {c for c in involved}
        rest = []
        for g in groups:
            if g & merged:
                merged |= g
            else:
                rest.append(g)
        groups = [*rest, merged] if merged else rest
    out: dict[Hashable, set[int]] = {c: set() for c in hidden if cells[c] == FEWER}
    for group in groups:
        order = sorted(group, key=repr)
        mine = [(inv, fn) for inv, fn in checks if inv and inv <= group]

        def search(
            i: int,
            got: dict[Hashable, int],
            order: list[Hashable] = order,
            mine: list[tuple[set[Hashable], Callable[[Mapping[Hashable, int]], bool]]] = mine,
        ) -> None:
            if i == len(order):
                for c in order:
                    if c in out:
                        out[c].add(got[c])
                return
            cell = order[i]
            for v in domains[cell]:
                got[cell] = v
                if all(fn(got) for inv, fn in mine if cell in inv and inv <= got.keys()):
                    search(i + 1, got)
                del got[cell]

        search(0, {})
    return out


def recovered(possible: Mapping[Hashable, set[int]]) -> dict[Hashable, int]:
    return {c: next(iter(v)) for c, v in possible.items() if len(v) == 1}
