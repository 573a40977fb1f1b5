"""Disclosure control for the figures analysts see (no Django here; docs/adr/0037).

A page of figures is a set of counts ("cells", each with an id) and the sums that tie them
together and that a reader can work out from the page or its download: a row adding up to a
printed total, a column of one table adding up to the same number as a column of another
(the dashboard's table by right and its trend by month count the same obligations), two
tables sharing a total. `protect` hides:

- **primary**: every count from 1 to 4, shown as "fewer than 5";
- **secondary**: as few further cells as it takes so that no primary cell can be worked out
  exactly from the cells still shown and the sums. A cell hidden this way is shown as
  "not shown" (the reader learns only that it is 0 or at least 5).

Whether a hidden cell can be worked out is decided the way a reader would: every hidden cell
starts with the values it could have (1 to 4 for "fewer than 5"; 0, or 5 and over, for
"not shown"), and each sum narrows them, over and over, until nothing changes. A primary cell
left with fewer than two possible values is "pinned"; the next smallest shown non-zero cell in
one of its sums is then hidden too, and the search runs again.

Rates follow the cells: a rate whose numerator or denominator includes a hidden cell is not
shown (`Protection.rate`), and a rate is printed as a whole percentage.

Limits: the narrowing is interval reasoning, not a full integer search, so a determined
attacker with an integer solver might still narrow a cell further than this module checks
(the tests run such a search over the pages' real tables). Sums must be declared by the caller:
a relation the caller forgets is not protected.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

SMALL = 5  # counts from 1 to SMALL - 1 are never shown
FEWER_THAN = f"fewer than {SMALL}"
NOT_SHOWN = "not shown"
INF = 10**12  # "no upper bound" for a hidden cell

CellId = Hashable
Interval = tuple[int, int]
Domain = tuple[Interval, ...]
MAX_INTERVALS = 16


@dataclass(frozen=True)
class Sum:
    """sum(parts) == total (a cell), or == known (a number the reader knows), or, with
    neither, == sum(others) (two groups of cells that count the same things)."""

    parts: tuple[CellId, ...]
    total: CellId | None = None
    known: int | None = None
    others: tuple[CellId, ...] = ()

    def terms(self) -> list[tuple[CellId, int]]:
        out = [(c, 1) for c in self.parts]
        if self.total is not None:
            out.append((self.total, -1))
        out += [(c, -1) for c in self.others]
        return out

    @property
    def constant(self) -> int:
        return self.known or 0


@dataclass(frozen=True)
class Percent:
    """A rate for display and export: text "50%" on a page or in a CSV, a number (0.5) with a
    percentage format in a spreadsheet."""

    value: float

    def __str__(self) -> str:
        return f"{self.value:.0%}"


@dataclass
class Protection:
    values: Mapping[CellId, int]
    primary: frozenset[CellId]
    secondary: frozenset[CellId]
    unprotected: frozenset[CellId] = field(default_factory=frozenset)
    suppressing: bool = True  # False: everything shown (staff who may see the cases)

    def hidden(self, cell: CellId) -> bool:
        return cell in self.primary or cell in self.secondary

    def show(self, cell: CellId) -> int | str:
        if cell in self.primary:
            return FEWER_THAN
        if cell in self.secondary:
            return NOT_SHOWN
        return self.values[cell]

    def any_hidden(self, cells: Iterable[CellId]) -> bool:
        return any(self.hidden(c) for c in cells)

    def rate(
        self,
        numerator: Sequence[CellId],
        denominator: Sequence[CellId],
        *,
        empty: str = "No figure",
        withheld: str = "Not shown (fewer than 5)",
    ) -> Percent | str:
        """numerator / denominator (each a sum of cells), or why it is not shown."""
        bottom = sum(self.values[c] for c in denominator)
        if bottom == 0:
            return empty
        if self.suppressing and (self.any_hidden([*numerator, *denominator]) or bottom < SMALL):
            return withheld
        return Percent(sum(self.values[c] for c in numerator) / bottom)


def no_suppression(values: Mapping[CellId, int]) -> Protection:
    return Protection(values, frozenset(), frozenset(), suppressing=False)


def protect(
    values: Mapping[CellId, int], sums: Sequence[Sum], *, unprinted: Iterable[CellId] = ()
) -> Protection:
    """Primary suppression of 1 to 4, then secondary until no primary cell is pinned.

    `unprinted` cells take part in sums but are never shown (e.g. referrals that are neither
    waiting, accepted nor declined): a reader knows only that they are 0 or more."""
    never = frozenset(unprinted)
    for s in sums:
        for cell, _ in s.terms():
            if cell not in values:
                raise KeyError(cell)
    primary = frozenset(c for c, v in values.items() if 0 < v < SMALL and c not in never)
    secondary: set[CellId] = set()
    unprotected: set[CellId] = set()
    by_cell: dict[CellId, list[Sum]] = {}
    for s in sums:
        for cell, _ in s.terms():
            by_cell.setdefault(cell, []).append(s)
    while True:
        domains = narrow(values, sums, primary, frozenset(secondary), never)
        pinned = [c for c in sorted(primary, key=repr) if c not in unprotected and size(domains[c]) < 2]
        if not pinned:
            break
        cell = pinned[0]
        candidate = _complement(values, by_cell.get(cell, []), primary, frozenset(secondary) | never)
        if candidate is None:
            unprotected.add(cell)  # nothing left to hide around it: the caller must withhold it
        else:
            secondary.add(candidate)
    return Protection(values, primary, frozenset(secondary), frozenset(unprotected))


def _complement(
    values: Mapping[CellId, int], sums: list[Sum], primary: frozenset[CellId], secondary: frozenset[CellId]
) -> CellId | None:
    """The smallest shown non-zero cell in one of the sums (a zero if there is none)."""
    shown = {c for s in sums for c, _ in s.terms() if c not in primary and c not in secondary}
    if not shown:
        return None
    return min(shown, key=lambda c: (values[c] == 0, values[c], repr(c)))


# --- what a reader can work out ------------------------------------------------------------------


def narrow(
    values: Mapping[CellId, int],
    sums: Sequence[Sum],
    primary: frozenset[CellId],
    secondary: frozenset[CellId],
    unprinted: frozenset[CellId] = frozenset(),
) -> dict[CellId, Domain]:
    """The values each hidden cell could still have, given the shown cells and the sums."""
    domains: dict[CellId, Domain] = {c: ((0, INF),) for c in unprinted}
    domains.update({c: ((1, SMALL - 1),) for c in primary})
    domains.update({c: ((0, 0), (SMALL, INF)) for c in secondary if c not in primary})
    equations: list[tuple[list[tuple[CellId, int]], int]] = []
    for s in sums:
        unknown: list[tuple[CellId, int]] = []
        constant = s.constant
        for cell, coefficient in s.terms():
            if cell in domains:
                unknown.append((cell, coefficient))
            else:
                constant -= coefficient * values[cell]
        if unknown:
            equations.append((unknown, constant))
    for _ in range(100):
        changed = False
        for unknown, constant in equations:
            signed = [_scale(domains[c], k) for c, k in unknown]
            prefix: list[Domain] = [((0, 0),)]
            for d in signed:
                prefix.append(_add(prefix[-1], d))
            suffix: list[Domain] = [((0, 0),)]
            for d in reversed(signed):
                suffix.append(_add(suffix[-1], d))
            suffix.reverse()
            for i, (cell, coefficient) in enumerate(unknown):
                others = _add(prefix[i], suffix[i + 1])
                target = _scale(_shift(_scale(others, -1), constant), coefficient)
                new = _intersect(domains[cell], target)
                if new != domains[cell]:
                    domains[cell] = new
                    changed = True
        if not changed:
            break
    return domains


def size(domain: Domain) -> int:
    return sum(hi - lo + 1 for lo, hi in domain)


def _merge(intervals: Iterable[Interval]) -> Domain:
    out: list[list[int]] = []
    for lo, hi in sorted(intervals):
        lo, hi = max(lo, -INF), min(hi, INF)
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    if len(out) > MAX_INTERVALS:  # keep it small: the hull only loses precision
        return ((out[0][0], out[-1][1]),)
    return tuple((lo, hi) for lo, hi in out)


def _add(a: Domain, b: Domain) -> Domain:
    return _merge((x0 + y0, x1 + y1) for x0, x1 in a for y0, y1 in b)


def _scale(a: Domain, k: int) -> Domain:
    return a if k == 1 else _merge((-hi, -lo) for lo, hi in a)


def _shift(a: Domain, k: int) -> Domain:
    return tuple((lo + k, hi + k) for lo, hi in a)


def _intersect(a: Domain, b: Domain) -> Domain:
    out = []
    for x0, x1 in a:
        for y0, y1 in b:
            lo, hi = max(x0, y0), min(x1, y1)
            if lo <= hi:
                out.append((lo, hi))
    return _merge(out)


# --- building the sums of a grid -----------------------------------------------------------------


def grid_sums(
    rows: Sequence[Sequence[CellId]],
    *,
    row_totals: Sequence[CellId] | None = None,
    column_totals: Sequence[CellId] | None = None,
) -> list[Sum]:
    """The sums of a table whose rows (and/or columns) add up to printed totals."""
    out: list[Sum] = []
    if row_totals is not None:
        out += [Sum(tuple(row), total=t) for row, t in zip(rows, row_totals, strict=True)]
    if column_totals is not None:
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in column_totals]
        out += [Sum(tuple(col), total=t) for col, t in zip(columns, column_totals, strict=True)]
    return out


def same_columns(a: Sequence[Sequence[CellId]], b: Sequence[Sequence[CellId]]) -> list[Sum]:
    """Two tables that split the same things two ways: each column adds up to the same number
    in both (e.g. figures by right and by month), so a reader can subtract one from the other."""
    if not a or not b:
        return []
    return [
        Sum(tuple(x), others=tuple(y))
        for x, y in zip(zip(*a, strict=True), zip(*b, strict=True), strict=True)
    ]
