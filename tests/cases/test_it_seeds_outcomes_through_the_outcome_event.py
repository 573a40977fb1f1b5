"""The demo seed records each decided crime's outcome as an outcome_recorded event, and the crime
carries exactly that outcome and date, as the reaction would set it."""

from __future__ import annotations

import pytest

from tests.cases.test_seed import seed
from victimcare.cases.models import Crime, Event

pytestmark = pytest.mark.django_db


def test_it_gives_each_crime_the_outcome_of_its_latest_outcome_event():
    seed(300, 21)
    latest: dict[int, Event] = {}
    for event in Event.objects.filter(type="outcome_recorded").select_related("case").order_by("occurred_at"):
        latest[event.case.crime_id] = event
    crimes = list(Crime.objects.all())
    assert latest, "the seed recorded no outcome"
    for crime in crimes:
        last = latest.get(crime.id)
        expected = (last.payload["outcome_type"], last.occurred_at) if last else (None, None)
        assert (crime.outcome_type, crime.outcome_at) == expected, crime.crime_reference
    assert any(c.outcome_type is None for c in crimes)  # recent crimes are still open
