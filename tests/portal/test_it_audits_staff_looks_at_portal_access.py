"""The staff pages behind the case page's "Portal access" panel show the victim's record, so each
look is audited like the case page."""

from __future__ import annotations

import pytest

from victimcare.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["access", "people/new"])
def test_it_audits_each_look(client_for, personas, jane_case, page):
    response = client_for("cara").get(f"/portal/staff/cases/{jane_case.id}/{page}/")
    assert response.status_code == 200
    look = AuditEvent.objects.get(action="view", case=jane_case, actor=personas["cara"])
    assert look.person_id == jane_case.person_id and look.detail.startswith("portal access")
