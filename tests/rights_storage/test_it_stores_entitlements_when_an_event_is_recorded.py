"""Recording an event rebuilds the case's stored entitlements in the same transaction."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from tests.factories import local
from tests.rights_storage.conftest import as_rows, engine_rows, stored
from victimcare.cases.models import Event
from victimcare.cases.services import event_record
from victimcare.rights import services
from victimcare.rights.models import CaseRights, Entitlement

pytestmark = pytest.mark.django_db


def test_it_stores_the_crime_report_obligations_when_a_case_opens(case_a):
    rights = CaseRights.objects.get(case=case_a)
    assert rights.enhanced is True  # the crime is flagged domestic abuse
    assert rights.reasons == ["most_serious_crime:domestic_abuse", "intimidated:domestic_abuse"]
    assert rights.code_version == "2020" and rights.organisation_id == case_a.organisation_id
    rows = stored(case_a)
    assert set(rows) == {"R2_CRIME_RECORDED", "R3_WRITTEN_ACK", "R4_REFERRAL", "R5_COMPENSATION_INFO"}
    referral = rows["R4_REFERRAL"]
    # Reported Monday 2 March 2026: 2 working days -> Wednesday 4 March.
    assert referral.due == date(2026, 3, 4)
    assert referral.organisation_id == case_a.organisation_id
    assert referral.provider == "police" and referral.right == "4" and referral.enhanced is True
    assert rows["R3_WRITTEN_ACK"].status == "not_done" and rows["R3_WRITTEN_ACK"].local_due == date(
        2026, 3, 9
    )


def test_it_matches_the_engine_after_each_event(personas, case_a):
    olly = personas["olly"]
    arrest = event_record(
        actor=olly, case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14, 0)
    )
    assert stored(case_a)["R6_ARREST"].due == date(2026, 3, 4)  # enhanced: 1 working day
    assert stored(case_a)["R6_ARREST"].status == "overdue"  # computed today, long after 4 March
    told = event_record(
        actor=olly, case=case_a, type="victim_informed", occurred_at=local(2026, 3, 4, 9, 0),
        about=arrest, payload={"channel": "phone"},
    )  # fmt: skip
    row = stored(case_a)["R6_ARREST"]
    assert (row.status, row.fulfilled_by_id, row.trigger_id) == ("met", told.id, arrest.id)
    assert as_rows(case_a) == engine_rows(case_a)


def test_it_keeps_corrections_as_the_engine_reads_them(personas, case_a):
    olly = personas["olly"]
    wrong = event_record(
        actor=olly, case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14, 0)
    )
    event_record(actor=olly, case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 5, 14, 0), corrects=wrong)  # fmt: skip
    assert stored(case_a)["R6_ARREST"].due == date(2026, 3, 6)
    assert as_rows(case_a) == engine_rows(case_a)


def test_it_writes_nothing_when_the_recompute_fails(personas, case_a, monkeypatch):
    before = Entitlement.objects.filter(case=case_a).count()

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "recompute_cases", broken)
    with pytest.raises(RuntimeError), transaction.atomic():
        event_record(
            actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14)
        )
    assert not Event.objects.filter(case=case_a, type="suspect_arrested").exists()
    assert Entitlement.objects.filter(case=case_a).count() == before


def test_it_reads_the_sentence_payload_for_the_victim_contact_scheme(personas, case_court):
    wendy = personas["wendy"]
    event_record(actor=wendy, case=case_court, type="offender_sentenced", occurred_at=local(2026, 6, 1, 12),
                 payload={"custodial_months": 6, "specified_violent_or_sexual": True})  # fmt: skip
    assert "R11_VCS_REFERRAL" not in stored(case_court)  # under 12 months: no referral owed
    event_record(actor=wendy, case=case_court, type="offender_sentenced", occurred_at=local(2026, 6, 2, 12),
                 payload={"custodial_months": 24, "specified_violent_or_sexual": True})  # fmt: skip
    row = stored(case_court)["R11_VCS_REFERRAL"]
    assert (row.provider, row.due) == ("wcu", date(2026, 6, 16))
    assert as_rows(case_court) == engine_rows(case_court)
