"""What follows an event: the one hook through which the apps above cases react to the timeline.

cases sits below rights, safeguarding and notify, so it must not call them. Instead the
`victimcare.pipeline` app (last in INSTALLED_APPS) declares one ordered tuple of reactions
(victimcare/pipeline/order.py) and installs it here at start-up; cases.services runs it inside
the transaction that records the events, so a reaction that fails takes the events with it
(docs/adr/0030).

The contract of a reaction:
- it is called as `reaction(changes=...)`, once per recording, with one `CaseEvents` per case
  touched: the case and the events just recorded on it, oldest first. A bulk recording of a
  thousand events over three cases calls each reaction once, with three entries;
- `events` is empty when nothing new happened and the case is only being brought up to date
  (`manage.py recompute_entitlements`): a reaction that derives stored state from the case's
  whole history (entitlements, the derived safeguarding flags) recomputes it; a reaction that
  does one-off work for new events (the victim's automatic update) does nothing;
- it runs in the caller's transaction and raises to refuse: it never catches and carries on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from victimcare.cases.models import Event, VictimCase
from victimcare.hooks import InstalledList


@dataclass(frozen=True, slots=True)
class CaseEvents:
    """One case and the events just recorded on it (none on a recompute)."""

    case: VictimCase
    events: tuple[Event, ...] = ()


class EventReaction(Protocol):
    """Something that follows events: see the module docstring for the contract."""

    __name__: str

    def __call__(self, *, changes: Sequence[CaseEvents]) -> None: ...


class CaseReaction(Protocol):
    """A reaction written for one case at a time; `for_each_case` puts it in the list."""

    __name__: str

    def __call__(self, *, case: VictimCase, events: Sequence[Event]) -> None: ...


EVENT_HOOK: InstalledList[EventReaction] = InstalledList("event reactions")


def event_reactions_install(reactions: Sequence[EventReaction]) -> None:
    """Install the ordered reactions (called once, by the pipeline app's ready())."""
    EVENT_HOOK.install(reactions)


def event_reactions_run(changes: Sequence[CaseEvents]) -> None:
    """Run every reaction, in order, over these changes. Call inside a transaction."""
    if not changes:
        return
    for reaction in EVENT_HOOK.items():
        reaction(changes=changes)


def for_each_case(reaction: CaseReaction) -> EventReaction:
    """Adapt a reaction written for one case, `reaction(*, case, events)`, to the list: it is
    called once per case touched. Use it for reactions with no batch form."""

    def each(*, changes: Sequence[CaseEvents]) -> None:
        for change in changes:
            reaction(case=change.case, events=change.events)

    each.__name__ = reaction.__name__
    each.__qualname__ = each.__name__
    each.__doc__ = reaction.__doc__
    return each
