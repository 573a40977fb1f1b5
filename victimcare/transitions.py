"""The one shape of a status table: which status may follow which. Django-free.

Referrals (support), restorative justice (justice.workflow) and the outbox (notify.models) each
declare theirs as a `StatusTable`; their services check a move with `allows` before they write
(docs/adr/0030). A table is closed: every status it leads to is one of its keys, and a status
with nothing after it is final, so a typo in a table fails when the module is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping


class StatusTable(Mapping[str, frozenset[str]]):
    """{status: the statuses that may come next}."""

    def __init__(self, table: Mapping[str, Iterable[str]]) -> None:
        self._table = {str(status): frozenset(str(n) for n in after) for status, after in table.items()}
        unknown = set().union(*self._table.values()) - set(self._table)
        if unknown:
            raise ValueError(f"The table leads to statuses it does not list: {sorted(unknown)}")

    def __getitem__(self, status: str) -> frozenset[str]:
        return self._table[status]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def allows(self, status: str, to: str) -> bool:
        """Whether `to` may follow `status` (False for a status the table does not know)."""
        return to in self._table.get(status, frozenset())

    def sources(self, to: str) -> frozenset[str]:
        """The statuses `to` may follow."""
        return frozenset(status for status, after in self._table.items() if to in after)

    def final(self) -> frozenset[str]:
        return frozenset(status for status, after in self._table.items() if not after)
