"""A changed row is never written over what is held: a changed event becomes a correction event
(docs/adr/0007), changed victim details go to the review queue, a changed crime is refused."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import crime_line, event_line, feed_file, import_feed, victim_line
from victimcare.cases.models import Event
from victimcare.ingest.models import FeedRefusal, PossibleMatch
from victimcare.people.models import Person

pytestmark = pytest.mark.django_db
FIRST = [crime_line("C1", "DU/1/26"), victim_line("V1", "C1"), event_line("E1", "C1", "V1")]


def test_it_records_a_changed_event_as_a_correction(tmp_path, personas) -> None:
    import_feed(feed_file(tmp_path, FIRST, "monday.csv"))
    later = [*FIRST[:2], event_line("E1", "C1", "V1", event_at="2026-03-03T16:30:00+00:00")]
    output = import_feed(feed_file(tmp_path, later, "tuesday.csv"))
    assert "corrected: 1\n" in output and "unchanged (already imported): 2\n" in output
    original, correction = Event.objects.filter(type="suspect_arrested").order_by("id")
    assert correction.corrects_id == original.id and correction.source == "import"
    assert original.occurred_at.hour == 14  # the original is kept, as it was
    assert "nothing" not in output
    # The corrected row again: nothing more.
    assert "corrected: 0\n" in import_feed(feed_file(tmp_path, later, "wednesday.csv"))
    assert Event.objects.filter(type="suspect_arrested").count() == 2


def test_it_refuses_a_correction_that_changes_the_event_type(tmp_path, personas) -> None:
    import_feed(feed_file(tmp_path, FIRST, "monday.csv"))
    import_feed(
        feed_file(tmp_path, [event_line("E1", "C1", "V1", event_type="suspect_charged")], "tuesday.csv")
    )
    assert FeedRefusal.objects.get().field == "event_type"
    assert not Event.objects.filter(type="suspect_charged").exists()


def test_it_queues_changed_victim_details_for_review(tmp_path, personas) -> None:
    import_feed(feed_file(tmp_path, FIRST, "monday.csv"))
    output = import_feed(feed_file(tmp_path, [victim_line("V1", "C1", phone="07700900123")], "tuesday.csv"))
    assert "possible matches to people already known, for review: 1\n" in output
    person = Person.objects.get()
    assert person.phone == ""  # not written over
    assert PossibleMatch.objects.get().reason == "details_changed"


def test_it_refuses_a_changed_crime_once_its_case_is_open(tmp_path, personas) -> None:
    import_feed(feed_file(tmp_path, FIRST, "monday.csv"))
    import_feed(feed_file(tmp_path, [crime_line("C1", "DU/1/26", offence_code="30C")], "tuesday.csv"))
    assert (
        "changing a crime's facts after its case is open is not yet supported"
        in FeedRefusal.objects.get().reason
    )
