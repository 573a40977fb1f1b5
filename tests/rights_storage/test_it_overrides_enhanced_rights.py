"""Staff who can change a case may decide enhanced rights either way, with a reason (audited)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import local
from tests.rights_storage.conftest import stored
from victimcare.audit.models import AuditEvent
from victimcare.cases.services import event_record
from victimcare.rights.models import CaseRights

pytestmark = pytest.mark.django_db


def test_it_gives_standard_rights_with_a_reason_and_recomputes_the_deadlines(client_for, personas, case_a):
    event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14)
    )
    assert stored(case_a)["R6_ARREST"].due == date(2026, 3, 4)
    r = client_for("cara").post(
        f"/cases/{case_a.id}/enhanced-rights/", {"decision": "no", "reason": "Victim is a business contact"}
    )
    assert r.status_code == 302 and r["Location"] == f"/cases/{case_a.id}/"
    rights = CaseRights.objects.get(case=case_a)
    assert (rights.enhanced, rights.override_enhanced, rights.override_by) == (False, False, personas["cara"])
    assert rights.reasons[-1] == "override"
    assert stored(case_a)["R6_ARREST"].due == date(2026, 3, 10)  # standard: 5 working days
    audit = AuditEvent.objects.filter(case=case_a, object_type="caserights").get()
    assert audit.actor == personas["cara"]
    assert audit.changes == {
        "override_enhanced": [None, False],
        "override_reason": ["", "Victim is a business contact"],
    }
    page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert "Give standard rights, decided by" in page and "Victim is a business contact" in page


def test_it_removes_a_decision(client_for, case_b):
    client = client_for("cole")
    client.post(f"/cases/{case_b.id}/enhanced-rights/", {"decision": "yes", "reason": "Repeatedly targeted"})
    assert CaseRights.objects.get(case=case_b).enhanced is True
    r = client.get(f"/cases/{case_b.id}/enhanced-rights/")
    assert b"Remove the decision" in r.content
    r = client.post(f"/cases/{case_b.id}/enhanced-rights/", {"decision": "remove", "reason": ""})
    assert r.status_code == 302
    rights = CaseRights.objects.get(case=case_b)
    assert (rights.enhanced, rights.override_enhanced, rights.override_reason) == (False, None, "")
    assert AuditEvent.objects.filter(case=case_b, object_type="caserights").count() == 2


def test_it_asks_for_a_reason_and_keeps_the_choice(client_for, case_a):
    r = client_for("cara").post(f"/cases/{case_a.id}/enhanced-rights/", {"decision": "no", "reason": "  "})
    assert r.status_code == 200
    page = r.content.decode()
    assert "govuk-error-summary" in page and "Enter why you have decided this" in page
    assert 'href="#id_reason"' in page
    assert 'value="no" checked' in page
    assert page.count("<title>Error: ") == 1
    assert CaseRights.objects.get(case=case_a).override_enhanced is None


def test_it_asks_for_a_decision(client_for, case_a):
    r = client_for("cara").post(f"/cases/{case_a.id}/enhanced-rights/", {"reason": "Because"})
    assert r.status_code == 200
    assert b"Choose whether this victim should get enhanced rights" in r.content
    assert b"Because</textarea>" in r.content


@pytest.mark.parametrize("persona", ["cole", "otto", "pat", "ana", "chad", "adam"])
def test_it_hides_the_page_from_anyone_who_cannot_change_the_case(client_for, case_a, persona):
    client = client_for(persona)
    assert client.get(f"/cases/{case_a.id}/enhanced-rights/").status_code == 404
    r = client.post(f"/cases/{case_a.id}/enhanced-rights/", {"decision": "no", "reason": "x"})
    assert r.status_code == 404
    assert CaseRights.objects.get(case=case_a).override_enhanced is None


def test_it_lets_the_officer_in_charge_decide(client_for, case_a):
    r = client_for("olly").post(
        f"/cases/{case_a.id}/enhanced-rights/", {"decision": "no", "reason": "Checked"}
    )
    assert r.status_code == 302
