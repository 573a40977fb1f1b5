"""What follows a change to a person: the hook through which the apps above people react.

people sits below rights and safeguarding, so it must not call them. The `victimcare.pipeline`
app declares one ordered tuple of person reactions (victimcare/pipeline/order.py) and installs
it here at start-up; people.services runs it inside the transaction that saved the change
(docs/adr/0030).

A person reaction is called as `reaction(person=..., changed=...)` with the names of the fields
that changed, and decides for itself whether they matter to it (a new phone number does not
change anyone's rights). It runs in the caller's transaction and raises to refuse.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from victimcare.hooks import InstalledList
from victimcare.people.models import Person


class PersonReaction(Protocol):
    __name__: str

    def __call__(self, *, person: Person, changed: frozenset[str]) -> None: ...


PERSON_HOOK: InstalledList[PersonReaction] = InstalledList("person reactions")


def person_reactions_install(reactions: Sequence[PersonReaction]) -> None:
    """Install the ordered reactions (called once, by the pipeline app's ready())."""
    PERSON_HOOK.install(reactions)


def person_reactions_run(*, person: Person, changed: frozenset[str]) -> None:
    """Run every person reaction, in order. Call inside a transaction."""
    if not changed:
        return
    for reaction in PERSON_HOOK.items():
        reaction(person=person, changed=changed)
