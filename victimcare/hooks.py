"""An ordered list that an app above installs into an app below, once, at start-up. Django-free.

cases and people keep one each (the reactions that follow an event and a change to a person):
they run the list without importing the apps that fill it (docs/adr/0030). Reading a list that
was never installed raises, because running none would silently skip what must follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class NotInstalledError(RuntimeError):
    pass


class InstalledList(Generic[T]):
    def __init__(self, what: str) -> None:
        self.what = what
        self._items: tuple[T, ...] | None = None

    def install(self, items: Sequence[T]) -> None:
        self._items = tuple(items)

    def items(self) -> tuple[T, ...]:
        if self._items is None:
            raise NotInstalledError(
                f"No {self.what} are installed: add victimcare.pipeline to INSTALLED_APPS."
            )
        return self._items
