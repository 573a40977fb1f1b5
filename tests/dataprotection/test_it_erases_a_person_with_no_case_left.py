"""A person with no case (added, then no crime recorded) comes into the review queue at the end
of their period and can be erased; a person who still has a kept case cannot."""

from __future__ import annotations

import pytest
import time_machine

from tests.dataprotection.retention_support import SEVEN_YEARS_ON, later
from tests.factories import make_person
from victimcare.dataprotection.models import ErasureRecord
from victimcare.dataprotection.services import person_erase
from victimcare.people.models import Person
from victimcare.refusals import Refusal

pytestmark = pytest.mark.django_db


def test_it_erases_a_person_with_no_case(personas, client_for):
    with time_machine.travel("2026-03-02 10:00Z", tick=False):
        person = make_person(personas["cara"], first_name="Sam", last_name="Lone")
    with later():
        adam = client_for("adam")
        assert "Sam Lone" in adam.get("/data-protection/retention/").content.decode()
        r = adam.post(
            f"/data-protection/retention/people/{person.id}/",
            {"action": "decide", "decide-decision": "erase", "decide-reason": "No crime was recorded"},
        )
        assert r.status_code == 302
        assert "Sam Lone" not in adam.get("/data-protection/retention/").content.decode()
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("", "Erased")
    record = ErasureRecord.objects.get(person=person)
    assert record.case_id is None and record.erased_by == personas["adam"]
    assert record.erased_at.date() == SEVEN_YEARS_ON.date()


def test_it_refuses_to_erase_someone_whose_case_is_kept(personas, case_a):
    with pytest.raises(Refusal, match="still have a case"):
        person_erase(actor=personas["adam"], person=case_a.person, reason="Asked to be forgotten")
    assert Person.objects.get(pk=case_a.person_id).last_name == "Smith"
