"""The published example feed (docs/examples) imports through the services, in CSV and in JSON
Lines alike, and importing it again changes nothing."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import EXAMPLES, import_feed
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import Event, VictimCase
from victimcare.ingest.models import FeedRun
from victimcare.people.models import Person
from victimcare.rights.models import Entitlement

pytestmark = pytest.mark.django_db
CSV, JSONL = EXAMPLES / "feed-example.csv", EXAMPLES / "feed-example.jsonl"


def _state() -> tuple[int, ...]:
    return (
        Person.objects.count(),
        VictimCase.objects.count(),
        Event.objects.count(),
        Entitlement.objects.count(),
    )


def test_it_opens_the_case_and_records_its_events(personas) -> None:
    output = import_feed(CSV)
    assert "rows read: 7\n" in output and "records created: 5\n" in output and "refused: 0\n" in output
    vcase = VictimCase.objects.get(person__first_name="Jane", person__last_name="Smith")
    assert vcase.crime.crime_reference == "DU/10001/26" and vcase.crime.lsoa_code == "E01020634"
    assert vcase.organisation.name == "Durham Police and Crime Commissioner"
    events = list(vcase.events.values_list("type", "source"))
    assert events == [
        ("crime_reported", "import"),
        ("suspect_arrested", "import"),
        ("suspect_bailed", "import"),
    ]
    assert vcase.events.get(type="suspect_bailed").payload == {
        "bail_until": "2026-04-01",
        "conditions": "Not to contact the victim",
    }
    assert Entitlement.objects.filter(case=vcase).exists()  # rights computed as each event was recorded
    assert (
        AuditEvent.objects.filter(object_type="person", action="create", actor=personas["fran"]).count() == 1
    )


def test_it_keeps_nothing_of_a_victim_who_opted_out_of_referral(personas) -> None:
    output = import_feed(CSV)
    assert "victims who opted out of referral, and their events (not kept): 2\n" in output
    assert not Person.objects.filter(last_name="Baker").exists()
    assert not VictimCase.objects.filter(crime__crime_reference="DU/10002/26").exists()


def test_it_changes_nothing_the_second_time_in_either_format(personas) -> None:
    import_feed(CSV)
    before = _state()
    again = import_feed(CSV)
    assert "records created: 0\n" in again and "unchanged (already imported): 6\n" in again
    assert "records created: 0\n" in import_feed(JSONL)
    assert _state() == before
    assert FeedRun.objects.filter(status="completed").count() == 3


def test_it_prints_no_progress_bar_when_not_on_a_terminal(personas) -> None:
    assert "\r" not in import_feed(CSV)
