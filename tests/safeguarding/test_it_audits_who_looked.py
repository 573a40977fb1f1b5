"""Every look at a victim's safeguarding or restorative justice record is audited, with the
person and the case, and without the answers themselves."""

from __future__ import annotations

import pytest

from tests.safeguarding.conftest import make_answers
from victimcare.audit.models import AuditEvent
from victimcare.justice.services import rj_offer
from victimcare.safeguarding.services import AssessmentInput, risk_assessment_complete

pytestmark = pytest.mark.django_db


def test_it_audits_each_page_that_shows_a_victims_record(client_for, personas, case_a):
    cara = personas["cara"]
    done = risk_assessment_complete(
        actor=cara, case=case_a, data=AssessmentInput(answers=make_answers(3), notes={"2": "Very scared"})
    )
    record = rj_offer(actor=cara, case=case_a, occurred_on=case_a.opened_at.date())
    pages = {
        f"/cases/{case_a.id}/risk/new/": "Dash risk assessment",
        f"/cases/{case_a.id}/risk/{done.id}/": "Dash risk assessment",
        f"/cases/{case_a.id}/marac/": "MARAC criteria",
        f"/cases/{case_a.id}/protective-orders/new/": "protective orders",
        f"/cases/{case_a.id}/restorative-justice/new/": "restorative justice offer",
        f"/cases/{case_a.id}/restorative-justice/{record.id}/": "restorative justice",
    }
    client = client_for("sue")
    for url, detail in pages.items():
        before = AuditEvent.objects.filter(action="view").count()
        assert client.get(url).status_code == 200
        row = AuditEvent.objects.filter(action="view").latest("id")
        assert AuditEvent.objects.filter(action="view").count() == before + 1, url
        assert (row.actor.username, row.person_id, row.case_id, row.detail) == (
            "sue",
            case_a.person_id,
            case_a.id,
            detail,
        )


def test_it_never_writes_answers_or_notes_to_the_trail(personas, case_a):
    risk_assessment_complete(
        actor=personas["cara"],
        case=case_a,
        data=AssessmentInput(answers=make_answers(3), notes={"2": "Very scared"}),
    )
    for row in AuditEvent.objects.filter(case=case_a):
        assert "Very scared" not in str(row.changes) + row.detail
