"""A victim's date of birth and flags decide enhanced rights: changing them recomputes their cases."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import local
from tests.rights_storage.conftest import stored
from victimcare.cases.services import event_record
from victimcare.people.services import person_update
from victimcare.rights.models import CaseRights

pytestmark = pytest.mark.django_db


def test_it_recomputes_when_the_victim_turns_out_to_be_a_child(personas, case_b):
    event_record(
        actor=personas["cole"], case=case_b, type="suspect_arrested", occurred_at=local(2026, 3, 3, 9)
    )
    assert CaseRights.objects.get(case=case_b).enhanced is False
    assert stored(case_b)["R6_ARREST"].due == date(2026, 3, 10)
    person_update(actor=personas["cole"], person=case_b.person, data={"date_of_birth": date(2012, 1, 1)})
    rights = CaseRights.objects.get(case=case_b)
    assert (rights.enhanced, rights.reasons) == (True, ["vulnerable:under_18"])
    assert stored(case_b)["R6_ARREST"].due == date(2026, 3, 4)


def test_it_recomputes_when_a_flag_is_added(personas, case_b):
    person_update(actor=personas["cole"], person=case_b.person, data={"flags": ["intimidated"]})
    assert CaseRights.objects.get(case=case_b).reasons == ["intimidated:fear_or_distress"]
