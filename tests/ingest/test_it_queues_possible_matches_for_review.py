"""A victim who may be someone already known (the same victim id on another crime, or the same
name and date of birth) is imported with their own record and shown for review, never merged."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import make_person
from tests.ingest.conftest import crime_line, feed_file, import_feed, victim_line
from victimcare.audit.models import AuditEvent
from victimcare.ingest.models import PossibleMatch
from victimcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_it_queues_the_same_name_and_date_of_birth(tmp_path, personas) -> None:
    known = make_person(
        personas["cara"], first_name="Jane", last_name="Smith", date_of_birth=date(1987, 2, 14)
    )
    lines = [crime_line("C1", "DU/1/26"), victim_line("V1", "C1", first_name="JANE", last_name="smith",
                                                      date_of_birth="1987-02-14")]  # fmt: skip
    output = import_feed(feed_file(tmp_path, lines))
    assert "possible matches to people already known, for review: 1\n" in output
    match = PossibleMatch.objects.get()
    assert match.known == known and match.person != known and match.reason == "same_name_and_birth"
    assert match.case.person == match.person and not match.resolved
    assert Person.objects.count() == 2  # not merged
    assert AuditEvent.objects.filter(object_type="possiblematch", person=match.person).exists()


def test_it_queues_the_same_victim_id_on_another_crime(tmp_path, personas) -> None:
    lines = [crime_line("C1", "DU/1/26"), victim_line("V1", "C1"),
             crime_line("C2", "DU/2/26"), victim_line("V1", "C2", last_name="Lee")]  # fmt: skip
    import_feed(feed_file(tmp_path, lines))
    match = PossibleMatch.objects.get()
    assert match.reason == "same_source_id" and match.known.last_name == "Lee-V1"
    assert match.case.crime.crime_reference == "DU/2/26"


def test_it_does_not_match_a_different_date_of_birth(tmp_path, personas) -> None:
    make_person(personas["cara"], first_name="Jane", last_name="Smith", date_of_birth=date(1987, 2, 14))
    lines = [crime_line("C1", "DU/1/26"), victim_line("V1", "C1", first_name="Jane", last_name="Smith",
                                                      date_of_birth="1990-02-14")]  # fmt: skip
    import_feed(feed_file(tmp_path, lines))
    assert not PossibleMatch.objects.exists()
