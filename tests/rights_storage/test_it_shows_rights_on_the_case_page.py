"""The case page shows enhanced rights with every reason, and each obligation with its status."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import local, make_case, make_person
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db


def test_it_lists_every_reason_in_plain_english(client_for, personas, case_a):
    person = case_a.person
    person.flags = ["persistently_targeted"]
    person.save()
    event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14)
    )
    page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert '<dd class="govuk-summary-list__value" id="enhanced-rights">Yes</dd>' in page
    assert "<li>Most serious crime: domestic abuse</li>" in page
    assert "<li>Persistently targeted</li>" in page
    assert "<li>Intimidated: complainant or witness in domestic abuse</li>" in page
    assert "most_serious_crime" not in page


def test_it_shows_each_obligation_with_a_link_to_record_it(client_for, personas, case_a):
    arrest = event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14)
    )
    page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert "Right 6: Updates on the investigation and prosecution" in page
    assert "Tell the victim a suspect was arrested" in page
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--yellow">Not done</strong>' in page  # R3, no Code limit
    record = f"/cases/{case_a.id}/events/new/?type=victim_informed&amp;about={arrest.id}"
    assert record in page
    # A referral goes through its own pages (consent, what is shared), not the event form.
    assert f"/cases/{case_a.id}/support/suggestions/" in page
    assert "type=referred_to_support" not in page
    # The link opens the event form with the arrest already chosen.
    form = client_for("cara").get(record.replace("&amp;", "&")).content.decode()
    assert f'<option value="{arrest.id}" selected>' in form


def test_it_marks_met_obligations_green_and_names_the_event(client_for, personas, case_a):
    olly = personas["olly"]
    arrest = event_record(actor=olly, case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14))
    event_record(actor=olly, case=case_a, type="victim_informed", occurred_at=local(2026, 3, 4, 9), about=arrest,
                 payload={"channel": "phone"})  # fmt: skip
    page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert '<strong class="govuk-tag govuk-tag--green">Met</strong>' in page
    assert 'Victim told about an event</a>, <span class="vc-nowrap">4 Mar 2026</span>' in page


def test_it_gives_the_supervisor_the_same_links(client_for, case_a):
    page = client_for("sue").get(f"/cases/{case_a.id}/").content.decode()
    assert "Record it" in page and f"/cases/{case_a.id}/enhanced-rights/" in page


def test_it_says_when_the_code_did_not_apply(client_for, personas):
    person = make_person(personas["cara"], first_name="Old", last_name="Case", date_of_birth=date(1980, 1, 1))
    vcase = make_case(
        personas["cara"], person=person, team="Victim care North", reported_at=local(2020, 6, 1, 9)
    )
    page = client_for("cara").get(f"/cases/{vcase.id}/").content.decode()
    assert "The Victims&#x27; Code did not apply on 1 June 2020" in page


def test_it_hides_the_case_and_its_rights_from_someone_outside_it(client_for, case_a):
    for persona in ("cole", "otto", "pat"):
        assert client_for(persona).get(f"/cases/{case_a.id}/").status_code == 404
