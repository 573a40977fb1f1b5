"""What follows an event (and a change to a person) is the one list in victimcare/pipeline/order.py,
installed at start-up and run, in that order, inside the recording's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from tests.factories import local
from victimcare.cases.models import Event, VictimCase
from victimcare.cases.pipeline import EVENT_HOOK, CaseEvents, for_each_case
from victimcare.cases.services import event_record
from victimcare.people.pipeline import PERSON_HOOK
from victimcare.people.services import person_update
from victimcare.pipeline import order

pytestmark = pytest.mark.django_db


def test_it_installs_the_declared_lists():
    assert EVENT_HOOK.items() == order.EVENT_REACTIONS
    assert [r.__name__ for r in order.EVENT_REACTIONS] == [
        "crime_outcome_refresh", "entitlements_refresh", "derived_flags_refresh", "referral_arrivals_notify",
        "victim_updates_queue", "survey_invitations_queue", "webhooks_queue",
    ]  # fmt: skip
    assert PERSON_HOOK.items() == order.PERSON_REACTIONS


def test_it_passes_each_reaction_the_case_and_its_new_event(personas, case_a, monkeypatch):
    seen: list[tuple[str, list[tuple[int, list[str]]]]] = []

    def spy(name: str) -> Any:
        def reaction(*, changes: Sequence[CaseEvents]) -> None:
            seen.append((name, [(c.case.pk, [e.type for e in c.events]) for c in changes]))

        return reaction

    monkeypatch.setattr(EVENT_HOOK, "_items", (spy("first"), spy("second")))
    event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 9)
    )
    assert seen == [
        ("first", [(case_a.pk, ["suspect_arrested"])]),
        ("second", [(case_a.pk, ["suspect_arrested"])]),
    ]


def test_it_adapts_a_reaction_written_for_one_case(personas, case_a, monkeypatch):
    calls: list[tuple[VictimCase, list[Event]]] = []

    def one_case(*, case: VictimCase, events: Sequence[Event]) -> None:
        """Written for one case."""
        calls.append((case, list(events)))

    wired = for_each_case(one_case)
    assert wired.__name__ == "one_case"
    monkeypatch.setattr(EVENT_HOOK, "_items", (wired,))
    event = event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 9)
    )
    assert calls == [(case_a, [event])]


def test_it_tells_the_person_reactions_which_fields_changed(personas, case_b, monkeypatch):
    seen: list[frozenset[str]] = []
    monkeypatch.setattr(PERSON_HOOK, "_items", (lambda *, person, changed: seen.append(changed),))
    person_update(
        actor=personas["cole"], person=case_b.person, data={"first_name": "Thomas", "flags": ["intimidated"]}
    )
    person_update(actor=personas["cole"], person=case_b.person, data={"first_name": "Thomas"})  # no change
    assert seen == [frozenset({"first_name", "flags"})]
