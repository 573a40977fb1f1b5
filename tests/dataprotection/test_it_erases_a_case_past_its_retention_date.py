"""A case past its retention date comes into the review queue; the administrator erases it;
what identified the person is gone from the case and everything on it, while the rows stay so
the figures still count the case; the erasure is recorded (what, when, on whose decision) and
audited as Part 3 "erasure", and the audit chain still verifies (docs/adr/0052)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataprotection.retention_support import NOTE, later, with_a_note
from victimcare.audit.chain import chain_verify
from victimcare.audit.models import Action, AuditEvent, Category
from victimcare.cases.models import Event, VictimCase
from victimcare.dataprotection.models import ErasureRecord
from victimcare.dataprotection.retention import ERASED
from victimcare.messaging.models import Message
from victimcare.people.models import Person
from victimcare.portal.models import PortalAccount
from victimcare.reports import attrition
from victimcare.reports.selectors import entitlements_for
from victimcare.support.models import Referral

pytestmark = pytest.mark.django_db


def _figures(ana) -> tuple[int, int, list[str]]:
    f = attrition.AttritionFilters(start=date(2026, 1, 1), end=date(2026, 12, 31))
    return (
        entitlements_for(ana).count(),
        attrition.cases_in(ana, f).count(),
        sorted(Event.objects.values_list("type", flat=True)),
    )


def test_it_reviews_and_erases_a_case_with_the_figures_still_counting_it(personas, seeded, client_for):
    vcase = with_a_note(seeded)
    before = _figures(personas["ana"])
    assert before[0] > 0 and before[1] == 1
    with later():
        adam = client_for("adam")
        queue = adam.get("/data-protection/retention/")
        assert queue.status_code == 200
        assert vcase.crime.crime_reference in queue.content.decode()
        page = adam.get(f"/data-protection/retention/cases/{vcase.id}/")
        assert page.status_code == 200 and "Jane Smith" in page.content.decode()
        r = adam.post(
            f"/data-protection/retention/cases/{vcase.id}/",
            {
                "action": "decide",
                "decide-decision": "erase",
                "decide-reason": "Six years with nothing recorded",
            },
        )
        assert r.status_code == 302
        assert vcase.crime.crime_reference not in adam.get("/data-protection/retention/").content.decode()

    vcase.refresh_from_db()
    person = Person.objects.get(pk=vcase.person_id)
    assert (person.first_name, person.last_name, person.date_of_birth, person.phone) == (
        "",
        "Erased",
        None,
        "",
    )
    notes = list(Event.objects.filter(case=vcase).values_list("notes", "payload"))
    assert notes and all(n == "" for n, _ in notes)
    assert not any("summary" in p for _, p in notes)
    assert set(Message.objects.filter(case=vcase).values_list("body", flat=True)) == {ERASED}
    assert Referral.objects.filter(case=vcase).count() == 1
    assert all(not r.snapshot and r.reason in ("", ERASED) for r in Referral.objects.filter(case=vcase))
    assert not PortalAccount.objects.filter(case=vcase, active=True).exists()
    assert vcase.crime.crime_reference.startswith("ERASED-")
    dump = str(list(Event.objects.filter(case=vcase).values())) + str(list(Message.objects.values()))
    assert "Mark Jones" not in dump and NOTE not in dump

    # The figures count the case as before.
    assert _figures(personas["ana"]) == before

    record = ErasureRecord.objects.get(case=vcase)
    assert record.person_id == person.pk and record.erased_by == personas["adam"]
    assert record.decision.reason == "Six years with nothing recorded"
    assert record.reference == seeded.crime.crime_reference or record.reference.startswith("DU/")
    assert {"cases.Event", "messaging.Message", "support.Referral", "people.Person"} <= set(record.erased)
    row = AuditEvent.objects.get(action=Action.ERASE)
    assert row.category == Category.ERASURE and row.case_id == vcase.pk and row.actor == personas["adam"]
    assert row.changes["category"] == "erasure"
    assert chain_verify().broken is None

    listed = client_for("adam").get("/data-protection/retention/erasures/")
    assert listed.status_code == 200 and record.reference in listed.content.decode()
    # The case page says it is erased, and offers nothing more.
    again = client_for("adam").get(f"/data-protection/retention/cases/{vcase.id}/")
    assert "Erased on" in again.content.decode() and "Record the decision" not in again.content.decode()


def test_it_leaves_the_person_while_another_case_of_theirs_is_kept(personas, seeded, client_for):
    from tests.factories import make_case

    other = make_case(
        personas["cara"], person=seeded.person, team="Victim care North", reference="DU/07001/26"
    )
    with later():
        r = client_for("adam").post(
            f"/data-protection/retention/cases/{seeded.id}/",
            {"action": "decide", "decide-decision": "erase", "decide-reason": "Past its period"},
        )
    assert r.status_code == 302
    person = Person.objects.get(pk=seeded.person_id)
    assert person.last_name == "Smith"
    assert ErasureRecord.objects.get(case=seeded).person_id is None
    assert VictimCase.objects.get(pk=other.pk).contact_notes == other.contact_notes


def test_it_asks_for_a_reason(personas, seeded, client_for):
    with later():
        r = client_for("adam").post(
            f"/data-protection/retention/cases/{seeded.id}/",
            {"action": "decide", "decide-decision": "erase", "decide-reason": ""},
        )
    assert r.status_code == 200 and "Enter the reason for the decision" in r.content.decode()
    assert not ErasureRecord.objects.exists()
    assert Person.objects.get(pk=seeded.person_id).last_name == "Smith"
