"""A recompute writes only the stored rows that differ from the engine's answer (docs/adr/0038):
an obligation already stored as the engine gives it keeps its row, a changed one is updated in
place, a new one is inserted and one no longer owed is deleted."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import local
from tests.rights_storage.conftest import as_rows, engine_rows, stored
from victimcare.cases.services import event_record
from victimcare.rights import services
from victimcare.rights.models import CaseRights, Entitlement

pytestmark = pytest.mark.django_db


def _ids(case) -> dict[str, int]:
    return {rule: row.pk for rule, row in stored(case).items()}


def _entitlement_writes(queries: CaptureQueriesContext) -> list[str]:
    table = Entitlement._meta.db_table
    return [
        q["sql"]
        for q in queries.captured_queries
        if table in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_it_writes_no_entitlement_when_nothing_changed(case_a):
    before, rights = _ids(case_a), CaseRights.objects.get(case=case_a)
    with CaptureQueriesContext(connection) as queries:
        services.recompute_cases([case_a.pk])
    assert _entitlement_writes(queries) == []
    assert _ids(case_a) == before
    after = CaseRights.objects.get(case=case_a)
    assert after.computed_at is not None and rights.computed_at is not None
    assert after.computed_at > rights.computed_at  # brought up to date
    assert (after.enhanced, after.reasons) == (rights.enhanced, rights.reasons)


def test_it_keeps_the_rows_an_event_does_not_change(personas, case_a):
    before = _ids(case_a)
    arrest = event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14)
    )
    after = _ids(case_a)
    assert {rule: after[rule] for rule in before} == before
    assert stored(case_a)["R6_ARREST"].trigger_id == arrest.pk
    told = event_record(
        actor=personas["olly"], case=case_a, type="victim_informed", occurred_at=local(2026, 3, 4, 9),
        about=arrest, payload={"channel": "phone"},
    )  # fmt: skip
    row = stored(case_a)["R6_ARREST"]
    assert row.pk == after["R6_ARREST"]  # updated in place
    assert (row.status, row.fulfilled_by_id) == ("met", told.pk)
    assert as_rows(case_a) == engine_rows(case_a)


def test_it_repairs_changed_missing_and_extra_rows(personas, case_a, case_b):
    event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14)
    )
    expected = {case: as_rows(case) for case in (case_a, case_b)}
    rows = stored(case_a)
    Entitlement.objects.filter(pk=rows["R6_ARREST"].pk).update(status="met", due=date(2030, 1, 1))
    Entitlement.objects.filter(pk=rows["R4_REFERRAL"].pk).delete()
    stray = rows["R3_WRITTEN_ACK"]
    Entitlement.objects.filter(pk=stray.pk).update(rule="R9_GONE")
    kept = rows["R6_ARREST"].pk
    services.recompute_cases([case_a.pk, case_b.pk])
    assert {case: as_rows(case) for case in (case_a, case_b)} == expected
    assert stored(case_a)["R6_ARREST"].pk == kept
    assert not Entitlement.objects.filter(rule="R9_GONE").exists()


def test_it_writes_changed_case_rights(case_a):
    CaseRights.objects.filter(case=case_a).update(enhanced=False, reasons=[], code_version="")
    services.recompute_cases([case_a.pk])
    rights = CaseRights.objects.get(case=case_a)
    assert rights.enhanced is True and rights.code_version == "2020"
    assert rights.reasons == ["most_serious_crime:domestic_abuse", "intimidated:domestic_abuse"]
