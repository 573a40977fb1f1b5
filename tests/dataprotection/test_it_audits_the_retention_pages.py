"""Each retention page that shows victims' records is on the audit trail: the queue as one list
row naming the cases and people shown, a review as a look at the case, and the erasure record as
a list."""

from __future__ import annotations

import pytest

from tests.dataprotection.retention_support import later
from victimcare.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def test_it_audits_the_queue_the_review_and_the_erasure_record(personas, case_a, client_for):
    with later():
        adam = client_for("adam")
        assert adam.get("/data-protection/retention/").status_code == 200
        listed = AuditEvent.objects.filter(action=Action.LIST, actor=personas["adam"]).latest("id")
        assert listed.detail == "retention review queue: 1 shown"
        assert listed.changes["ids"] == [f"case {case_a.pk}"]
        assert adam.get(f"/data-protection/retention/cases/{case_a.id}/").status_code == 200
        look = AuditEvent.objects.filter(action=Action.VIEW, actor=personas["adam"]).latest("id")
        assert look.case_id == case_a.pk and look.person_id == case_a.person_id
        assert adam.get("/data-protection/retention/erasures/").status_code == 200
        assert AuditEvent.objects.filter(action=Action.LIST, detail="erasure record: 0 shown").exists()
