"""A feed row for another victim of a crime already imported adds them to that crime, through
the service the crime's page uses (case_add_to_crime): one crime, one case per victim, each
with its own timeline and rights; importing the rows again changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ingest.conftest import crime_line, event_line, feed_file, import_feed, victim_line
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import Crime, Event, VictimCase
from victimcare.ingest import feed_services
from victimcare.ingest.models import FeedRefusal, FeedRun
from victimcare.rights.models import CaseRights

pytestmark = pytest.mark.django_db


@pytest.fixture
def added(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The victims the import added through case_add_to_crime."""
    names: list[str] = []
    real = feed_services.case_add_to_crime  # type: ignore[attr-defined]  # the name the module calls, to spy on

    def spy(**kwargs: Any) -> Any:
        names.append(kwargs["person"].last_name)
        return real(**kwargs)

    monkeypatch.setattr(feed_services, "case_add_to_crime", spy)
    return names


def test_it_adds_a_second_victim_in_the_same_file(tmp_path, personas, added) -> None:
    path = feed_file(tmp_path, [crime_line("C1", "DU/1/26"), victim_line("V1", "C1"), victim_line("V2", "C1"),
                                event_line("E2", "C1", "V2")])  # fmt: skip
    output = import_feed(path)
    assert "refused: 0\n" in output and not FeedRefusal.objects.exists()
    assert added == ["Lee-V2"]
    crime = Crime.objects.get()
    cases = VictimCase.objects.filter(crime=crime).order_by("id")
    assert [c.person.last_name for c in cases] == ["Lee-V1", "Lee-V2"]
    second = cases[1]
    assert list(second.events.order_by("id").values_list("type", "source")) == [
        ("crime_reported", "import"), ("suspect_arrested", "import")]  # fmt: skip
    assert second.events.get(type="crime_reported").occurred_at == crime.reported_at
    assert CaseRights.objects.filter(case__crime=crime).count() == 2
    assert AuditEvent.objects.filter(object_type="victimcase", case=second, action="create").exists()

    again = import_feed(path)  # the same rows again change nothing
    assert "unchanged (already imported): 4\n" in again
    assert VictimCase.objects.count() == 2 and Event.objects.count() == 3


def test_it_adds_a_victim_sent_in_a_later_file(tmp_path, personas, added) -> None:
    import_feed(feed_file(tmp_path, [crime_line("C1", "DU/1/26"), victim_line("V1", "C1")], "day1.csv"))
    import_feed(feed_file(tmp_path, [crime_line("C1", "DU/1/26"), victim_line("V2", "C1")], "day2.csv"))
    assert added == ["Lee-V2"]
    assert VictimCase.objects.filter(crime__crime_reference="DU/1/26").count() == 2
    # Known only from the later file: their clocks start then, not at the crime's first report.
    started = Event.objects.get(type="crime_reported", case__person__last_name="Lee-V2").occurred_at
    assert started > FeedRun.objects.get(file_name="day2.csv").started_at
    assert Crime.objects.count() == 1 and not FeedRefusal.objects.exists()
