"""Every refused row is reported with its line, field and reason, and leaves nothing stored;
the rows around it are still imported."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import crime_line, event_line, feed_file, feed_line, import_feed, victim_line
from victimcare.cases.models import Crime, Event, VictimCase
from victimcare.ingest.models import FeedRefusal, FeedRun
from victimcare.people.models import Person

pytestmark = pytest.mark.django_db
GOOD = [crime_line("C1", "DU/1/26"), victim_line("V1", "C1"), event_line("E1", "C1", "V1")]


@pytest.mark.parametrize(
    ("bad", "field", "reason"),
    [
        (crime_line("C2", "DU/2/26", reported_at="2 March 2026"), "reported_at", "'2 March 2026' is not a date and time"),
        (crime_line("C2", "DU/2/26", occurred_at="2026-03-05T10:00:00"), "occurred_at", "is after reported_at"),
        (crime_line("C2", "DU/2/26", offence_code="99Z"), "offence_code", "'99Z' is not a Home Office offence code"),
        (crime_line("C2", "DU/2/26", crime_type="Cybercrime"), "crime_type", "'Cybercrime' is not a police.uk crime type"),
        (crime_line("C2", "DU/2/26", flags="domestic_abuse;royal"), "flags", "'royal' is not a crime flag"),
        (crime_line("C2", "DU/2/26", lsoa_code="Durham"), "lsoa_code", "is not an LSOA code"),
        (crime_line("C2", "DU/1/26"), "crime_reference", "DU/1/26 is already recorded in victimcare, not by this feed"),
        (crime_line("C1", "DU/9/26"), "id", "crime C1 appears twice in this file (first on line 2)"),
        (feed_line(record="witness", id="W1"), "record", "must be crime, victim or event, not 'witness'"),
        (victim_line("V2", "C9"), "crime_id", "no crime C9 has been imported"),
        (victim_line("V1", "C1", last_name="Other"), "id", "victim V1 appears twice in this file (first on line 3)"),
        (victim_line("V2", "C1", date_of_birth="1980-02-30"), "date_of_birth", "'1980-02-30' is not a real date"),
        (victim_line("V2", "C1", referral="yes"), "referral", "must be consented or opted_out, not 'yes'"),
        (victim_line("V2", "C1", first_name="", last_name=""), "last_name", "a victim needs a first name or a last name"),
        (event_line("E2", "C1", "V1", event_type="suspect_teleported"), "event_type", "'suspect_teleported' is not an event type"),
        (event_line("E2", "C1", "V1", event_at="yesterday"), "event_at", "'yesterday' is not a date and time"),
        (event_line("E2", "C1", "V1", event_at="2099-01-01T10:00:00+00:00"), "event_at", "must not be in the future"),
        (event_line("E2", "C1", "V9"), "victim_id", "no victim V9 of crime C1 has been imported"),
        (event_line("E2", "C1", "V1", event_type="hearing_listed", details='{"hearing_date": "2026-04-01"}'),
         "details.court", "Enter court"),
        (event_line("E2", "C1", "V1", details="{not json"), "details", "is not a JSON object"),
        (event_line("E1", "C1", "V1"), "id", "event E1 appears twice in this file (first on line 4)"),
        (event_line("", "C1", "V1"), "id", "is missing"),
    ],
)  # fmt: skip
def test_it_refuses_the_row_and_says_why(tmp_path, personas, bad, field, reason) -> None:
    path = feed_file(tmp_path, [*GOOD, bad, crime_line("C3", "DU/3/26")])
    output = import_feed(path)
    refusal = FeedRefusal.objects.get()
    assert (refusal.line, refusal.field) == (5, field)
    assert reason in refusal.reason
    assert "line 5" in output and f"{field} " in output and reason in output
    assert "refused: 1\n" in output
    # The good rows around it went in; the bad one left nothing.
    assert VictimCase.objects.count() == 1 and Person.objects.count() == 1
    assert list(Event.objects.values_list("type", flat=True)) == ["crime_reported", "suspect_arrested"]
    assert Crime.objects.count() == 1


def test_it_refuses_a_truncated_last_line(tmp_path, personas) -> None:
    path = feed_file(tmp_path, GOOD)
    with open(path, "a", encoding="utf-8") as f:
        f.write("event,E9,C1,V1,,,")  # cut short, no newline
    output = import_feed(path)
    assert "line 5 (event E9): line has 7 fields, expected 21 (is the file cut short?)" in output
    assert FeedRun.objects.get().refused == 1


def test_it_refuses_a_truncated_last_json_line(tmp_path, personas) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"record": "crime", "id": "C1", "crime_reference": "DU/1/26", "offence_code": "28E", '
                    '"crime_type": "Burglary", "reported_at": "2026-03-02T10:00:00Z"}\n{"record": "victim", "id": "V1"',
                    encoding="utf-8")  # fmt: skip
    output = import_feed(path)
    assert "line 2: line is not valid JSON (is the file cut short?)" in output
    assert "records created: 1\n" in output


def test_it_refuses_a_victim_the_person_service_refuses(tmp_path, personas) -> None:
    path = feed_file(tmp_path, [crime_line("C1", "DU/1/26"), victim_line("V1", "C1", email="not an address")])
    output = import_feed(path)
    assert "line 3 (victim V1): email Enter a valid email address." in output
    assert not Person.objects.exists() and not VictimCase.objects.exists()
