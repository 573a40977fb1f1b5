"""What rights does after an event or a change to a person: keep the stored entitlements true.

Named in victimcare/pipeline/order.py, which runs them inside the transaction that recorded
the events (docs/adr/0030). Both call `services.recompute_cases` through the module, so the
whole batch is one recompute: a bulk recording over a thousand cases reads their events in a
few queries and writes their entitlements in a few statements.
"""

from __future__ import annotations

from collections.abc import Sequence

from victimcare.cases.pipeline import CaseEvents
from victimcare.people.models import Person
from victimcare.rights import services

# The person fields the engine reads (engine_inputs): they decide enhanced rights.
RIGHTS_PERSON_FIELDS = frozenset({"date_of_birth", "flags"})


def entitlements_refresh(*, changes: Sequence[CaseEvents]) -> None:
    """Rebuild the stored rights and entitlements of every case touched, from its whole
    timeline: a new event can meet, start or correct an obligation."""
    services.recompute_cases([change.case.pk for change in changes])


def person_entitlements_refresh(*, person: Person, changed: frozenset[str]) -> None:
    """Rebuild every case of a person whose date of birth or victim flags changed."""
    if changed & RIGHTS_PERSON_FIELDS:
        services.person_rights_refresh(person=person)
