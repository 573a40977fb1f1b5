"""events_record_bulk: many events over many cases in one transaction; each event validated and
audited as event_record does, and the reactions run once for the batch, one entry per case."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.factories import local
from tests.rights_storage.conftest import as_rows, engine_rows
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import Event
from victimcare.cases.pipeline import EVENT_HOOK, CaseEvents
from victimcare.cases.services import CaseError, EventInput, events_record_bulk

pytestmark = pytest.mark.django_db


def test_it_runs_each_reaction_once_per_case(personas, case_a, case_b, monkeypatch):
    calls: list[list[tuple[int, list[str]]]] = []
    real = EVENT_HOOK.items()

    def counting(*, changes: Sequence[CaseEvents]) -> None:
        calls.append([(c.case.pk, [e.type for e in c.events]) for c in changes])

    monkeypatch.setattr(EVENT_HOOK, "_items", (counting, *real))
    arrest = EventInput(case_a, "suspect_arrested", local(2026, 3, 3, 9))
    events = events_record_bulk(
        actor=personas["olly"],
        items=[arrest, EventInput(case_b, "suspect_arrested", local(2026, 3, 3, 10)),
               EventInput(case_a, "suspect_charged", local(2026, 3, 4, 9))],
    )  # fmt: skip
    assert [e.type for e in events] == ["suspect_arrested", "suspect_arrested", "suspect_charged"]
    assert calls == [
        [(case_a.pk, ["suspect_arrested", "suspect_charged"]), (case_b.pk, ["suspect_arrested"])]
    ]
    assert (
        AuditEvent.objects.filter(object_type="event", object_id__in=[str(e.pk) for e in events]).count() == 3
    )
    assert as_rows(case_a) == engine_rows(case_a) and as_rows(case_b) == engine_rows(case_b)


def test_it_refuses_the_whole_batch_for_one_bad_item(personas, case_a, case_b):
    with pytest.raises(CaseError):
        events_record_bulk(
            actor=personas["olly"],
            items=[EventInput(case_a, "suspect_arrested", local(2026, 3, 3, 9)),
                   EventInput(case_b, "no_such_event", local(2026, 3, 3, 9))],
        )  # fmt: skip
    assert not Event.objects.filter(type="suspect_arrested").exists()
