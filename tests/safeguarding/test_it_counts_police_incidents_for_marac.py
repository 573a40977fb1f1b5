"""Incidents the police attended that were not recorded as crimes: staff record them on the
case; domestic abuse incidents count with the victim's crimes towards potential escalation
(3 or more in 12 months) and repeat MARAC (any within 12 months after the last referral), at
the same calendar-month edges; the MARAC page lists what was counted."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.factories import local, make_case
from victimcare.audit.models import AuditEvent
from victimcare.portal.selectors import event_sentence
from victimcare.safeguarding import marac, selectors
from victimcare.safeguarding.models import PoliceIncident
from victimcare.safeguarding.services import (
    IncidentInput,
    SafeguardingError,
    marac_referral_make,
    police_incident_record,
)

TODAY = date(2026, 6, 15)


def crime(day: date) -> marac.Occurrence:
    return marac.Occurrence(day)


def incident(day: date, domestic_abuse: bool = True) -> marac.Occurrence:
    return marac.Occurrence(day, kind=marac.INCIDENT, domestic_abuse=domestic_abuse)


def met(*occurrences: marac.Occurrence, **facts) -> list[str]:
    return marac.met_codes(marac.Facts(today=TODAY, occurrences=occurrences, **facts))


def test_it_counts_an_incident_exactly_12_months_ago_towards_escalation():
    assert met(crime(date(2026, 6, 1)), crime(date(2026, 1, 3)), incident(date(2025, 6, 15))) == [
        "potential_escalation"
    ]


def test_it_leaves_an_incident_12_months_and_a_day_ago_out():
    assert met(crime(date(2026, 6, 1)), crime(date(2026, 1, 3)), incident(date(2025, 6, 14))) == []


def test_it_meets_escalation_on_incidents_alone():
    assert met(incident(date(2026, 6, 15)), incident(date(2026, 2, 1)), incident(date(2025, 9, 1))) == [
        "potential_escalation"
    ]


def test_it_does_not_count_an_incident_unrelated_to_domestic_abuse():
    assert met(crime(date(2026, 6, 1)), crime(date(2026, 1, 3)), incident(date(2026, 3, 1), False)) == []


def test_it_meets_repeat_marac_on_an_incident_within_12_months_after_the_referral():
    assert met(incident(date(2026, 6, 15)), last_referral_day=date(2025, 6, 15)) == ["repeat_marac"]
    assert met(incident(date(2026, 6, 15)), last_referral_day=date(2025, 6, 14)) == []
    assert met(incident(date(2025, 6, 15)), last_referral_day=date(2025, 6, 15)) == []  # the referral's day
    assert met(incident(date(2026, 6, 1), False), last_referral_day=date(2025, 6, 15)) == []


def test_it_says_what_it_counted():
    facts = marac.Facts(today=TODAY, occurrences=[crime(date(2026, 6, 1)), incident(date(2026, 2, 1)),
                                                  incident(date(2026, 3, 1), False), crime(date(2024, 1, 1))])  # fmt: skip
    escalation = next(c for c in marac.evaluate(facts) if c.code == marac.POTENTIAL_ESCALATION)
    assert [o.day for o in escalation.counted] == [date(2026, 2, 1), date(2026, 6, 1)]
    assert escalation.detail.startswith(
        "1 police-recorded crime and 1 domestic abuse incident attended by police"
    )


# --- recorded through the service and the pages ----------------------------------------------


@pytest.fixture
def today():
    with time_machine.travel(local(2026, 6, 15, 9), tick=False):
        yield


def record(personas, case, day: date, reference: str, domestic_abuse: bool = True, actor: str = "cara"):
    return police_incident_record(
        actor=personas[actor],
        case=case,
        data=IncidentInput(
            occurred_on=day, reference=reference, domestic_abuse=domestic_abuse, note="Shouting"
        ),
    )


def codes(case) -> list[str]:
    return [c.code for c in selectors.marac_criteria(case) if c.met]


@pytest.mark.django_db
def test_it_records_the_incident_and_its_event(personas, case_a, today):
    found = record(personas, case_a, date(2026, 6, 1), " dhm  20260601-0042 ")
    assert (found.reference, found.person_id, found.domestic_abuse) == (
        "DHM 20260601-0042",
        case_a.person_id,
        True,
    )
    event = case_a.events.get(type="police_incident_recorded")
    assert event.payload == {"reference": "DHM 20260601-0042", "domestic_abuse": True}
    assert event.occurred_at == local(2026, 6, 1, 12)
    assert event_sentence(event) is None  # never on the victim's portal
    audit = AuditEvent.objects.get(object_type="policeincident")
    assert audit.detail == "police incident" and "Shouting" not in str(audit.changes)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "reference", "field", "words"),
    [
        (date(2026, 6, 16), "DHM-1", "occurred_on", "today or in the past"),
        (date(2026, 6, 1), "  ", "reference", "Enter the police incident reference"),
        (date(2026, 6, 1), "dhm-0001", "reference", "Incident DHM-0001 is already recorded on this case"),
    ],
)
def test_it_refuses_an_incident_it_cannot_record_and_says_why(
    personas, case_a, today, day, reference, field, words
):
    record(personas, case_a, date(2026, 5, 1), "DHM-0001")
    with pytest.raises(SafeguardingError) as err:
        record(personas, case_a, day, reference)
    assert err.value.field == field and words in err.value.message
    assert PoliceIncident.objects.count() == 1


@pytest.mark.django_db
def test_it_counts_incidents_with_crimes_at_the_12_month_edge(personas, case_a, today):
    # case_a's crime was reported on 2 March 2026.
    record(personas, case_a, date(2026, 1, 10), "DHM-2")
    edge = record(personas, case_a, date(2025, 6, 14), "DHM-1")
    assert codes(case_a) == []  # 12 months and a day ago: 2 in the window
    PoliceIncident.objects.filter(pk=edge.pk).update(occurred_on=date(2025, 6, 15))
    assert codes(case_a) == ["potential_escalation"]  # exactly 12 months ago: 3
    referral = marac_referral_make(actor=personas["cara"], case=case_a)
    assert referral.criteria == ["potential_escalation"]


@pytest.mark.django_db
def test_it_counts_an_incident_on_two_of_the_victims_cases_once(personas, case_a, today):
    other = make_case(personas["cara"], person=case_a.person, team="Victim care North", reference="DU/00077/26",
                      reported_at=local(2025, 1, 1, 9))  # fmt: skip
    record(personas, case_a, date(2026, 5, 1), "DHM-9")
    record(personas, other, date(2026, 5, 1), "dhm-9")
    assert codes(case_a) == []  # one crime in the window and one incident
    record(personas, other, date(2026, 5, 2), "DHM-10")
    assert codes(case_a) == ["potential_escalation"]


@pytest.mark.django_db
def test_it_meets_repeat_marac_on_an_incident_after_the_last_referral(personas):
    cara = personas["cara"]
    with time_machine.travel(local(2025, 6, 15, 9), tick=False):
        vcase = make_case(cara, team="Victim care North", caseworker=cara, reported_at=local(2025, 6, 1, 9))
        marac_referral_make(actor=cara, case=vcase, judgement=True, reason="Strangulation")
    with time_machine.travel(local(2026, 6, 15, 9), tick=False):
        assert codes(vcase) == []
        record(personas, vcase, date(2026, 6, 14), "DHM-4", domestic_abuse=False)
        assert codes(vcase) == []
        record(personas, vcase, date(2026, 6, 15), "DHM-5")  # exactly 12 months after the referral
        assert codes(vcase) == ["repeat_marac"]


@pytest.mark.django_db
def test_it_lists_what_it_counted_on_the_marac_page_hiding_other_teams_cases(
    client_for, personas, case_a, today
):
    hidden = make_case(personas["cole"], person=case_a.person, team="Victim care South", reference="DU/00079/26",
                       reported_at=local(2026, 4, 1, 9))  # fmt: skip
    record(personas, case_a, date(2026, 1, 10), "DHM-2")
    record(personas, hidden, date(2026, 2, 10), "DHM-SECRET", actor="cole")
    body = client_for("cara").get(f"/cases/{case_a.id}/marac/").content.decode()
    assert "Police incident DHM-2, attended 10 January 2026" in body
    assert "Crime DU/00001/26, reported 2 March 2026" in body
    assert "2 more on the victim's other cases, which you cannot open" in body
    assert "DHM-SECRET" not in body and "DU/00079/26" not in body
    sue = client_for("sue").get(f"/cases/{case_a.id}/marac/").content.decode()
    assert "Police incident DHM-SECRET, attended 10 February 2026" in sue and "cannot open" not in sue


@pytest.mark.django_db
def test_it_records_through_the_page_and_keeps_input_on_error(client_for, case_a, today):
    url = f"/cases/{case_a.id}/police-incidents/"
    form = {"occurred_on_day": "16", "occurred_on_month": "6", "occurred_on_year": "2026",
            "reference": "DHM-77", "domestic_abuse": "yes", "note": "Neighbour called police"}  # fmt: skip
    r = client_for("cara").post(url, form)
    assert r.status_code == 200
    body = r.content.decode()
    assert "govuk-error-summary" in body and "must be today or in the past" in body
    assert 'value="DHM-77"' in body and "Neighbour called police</textarea>" in body
    r = client_for("cara").post(url, form | {"occurred_on_day": "14", "domestic_abuse": "no"})
    assert r.status_code == 302
    assert PoliceIncident.objects.get().domestic_abuse is False
    page = client_for("olly").get(url).content.decode()
    assert "DHM-77" in page and "Neighbour called police" in page
    assert "1 incident attended by police" in client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
