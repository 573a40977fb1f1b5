"""Changing a victim's date of birth is all or nothing: when the rights recompute that follows
fails, the person, their audit row and their cases' stored rights are as they were. Run outside
a test transaction (transaction=True), where the promise matters."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from victimcare.audit.models import AuditEvent
from victimcare.people.models import Person
from victimcare.people.services import person_update
from victimcare.rights import services as rights_services
from victimcare.rights.models import CaseRights

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_keeps_the_old_date_of_birth(personas, case_b, monkeypatch):
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the recompute failed")

    audits, rights = AuditEvent.objects.count(), CaseRights.objects.get(case=case_b)
    monkeypatch.setattr(rights_services, "recompute_cases", boom)
    with pytest.raises(RuntimeError):
        person_update(actor=personas["cole"], person=case_b.person, data={"date_of_birth": date(2012, 1, 1)})
    assert Person.objects.get(pk=case_b.person_id).date_of_birth == date(1990, 5, 1)
    assert AuditEvent.objects.count() == audits
    after = CaseRights.objects.get(case=case_b)
    assert (after.enhanced, after.reasons, after.computed_at) == (
        rights.enhanced,
        rights.reasons,
        rights.computed_at,
    )
