"""A batch's events are recorded together (events_record_bulk), so the reactions run once per
batch, one entry per case, not once per event; a reaction that refuses one case refuses only
that victim's row, as when rows were recorded one by one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ingest.conftest import crime_line, event_line, feed_file, import_feed, victim_line
from victimcare.cases.events import EVENT_TYPES
from victimcare.cases.models import Event, VictimCase
from victimcare.ingest.models import FeedRecord, FeedRefusal
from victimcare.refusals import Refusal
from victimcare.rights import services as rights_services
from victimcare.rights.models import CaseRights

pytestmark = pytest.mark.django_db


def _feed(tmp_path, crimes: int):
    lines = []
    for n in range(crimes):
        lines += [crime_line(f"C{n}", f"DU/{n}/26"), victim_line(f"V{n}", f"C{n}"),
                  event_line(f"E{n}", f"C{n}", f"V{n}"), event_line(f"F{n}", f"C{n}", f"V{n}",
                                                                    event_type="suspect_charged")]  # fmt: skip
    return feed_file(tmp_path, lines)


def _counting(monkeypatch: pytest.MonkeyPatch, fail_for: str = "") -> list[list[int]]:
    """Count the entitlement reaction's calls (the cases each covers); refuse a victim's case."""
    calls: list[list[int]] = []
    real = rights_services.recompute_cases

    def recompute(case_ids: Any, **kwargs: Any) -> int:
        calls.append(list(case_ids))
        names = VictimCase.objects.filter(pk__in=case_ids).values_list("person__last_name", flat=True)
        if fail_for in names:
            raise Refusal("flags", "the rights of this victim could not be worked out")
        return real(case_ids, **kwargs)

    monkeypatch.setattr(rights_services, "recompute_cases", recompute)
    return calls


def test_the_reactions_run_once_a_batch_for_every_case_in_it(tmp_path, personas, monkeypatch) -> None:
    calls = _counting(monkeypatch)
    import_feed(_feed(tmp_path, 6), "--batch-size", "12")  # 24 rows: two batches of three cases
    assert [len(cases) for cases in calls] == [3, 3]
    assert Event.objects.count() == 18  # a crime_reported, an arrest and a charge on each case
    assert CaseRights.objects.count() == 6
    linked = FeedRecord.objects.filter(record="event")
    assert linked.count() == 12 and not linked.filter(event__isnull=True).exists()
    case = VictimCase.objects.get(person__last_name="Lee-V0")
    charged = case.events.get(type="suspect_charged")  # the case moved on with its last event
    assert (case.stage, case.last_event_at) == (EVENT_TYPES["suspect_charged"].stage, charged.occurred_at)
    assert list(case.events.order_by("id").values_list("type", flat=True)) == [
        "crime_reported", "suspect_arrested", "suspect_charged"]  # fmt: skip


def test_a_reaction_refusing_one_case_refuses_only_that_victim(tmp_path, personas, monkeypatch) -> None:
    _counting(monkeypatch, fail_for="Lee-V1")
    output = import_feed(_feed(tmp_path, 3))
    refused = list(FeedRefusal.objects.values_list("line", "field"))
    # The victim's row (line 7) is refused by the reaction; their events then have no victim.
    assert refused == [(7, "flags"), (8, "victim_id"), (9, "victim_id")]
    assert "the rights of this victim could not be worked out" in output
    assert set(VictimCase.objects.values_list("person__last_name", flat=True)) == {"Lee-V0", "Lee-V2"}
    assert Event.objects.count() == 6 and CaseRights.objects.count() == 2
