"""The work queue: what is owed on my cases, my team's, or all I can see; overdue first."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import local, make_case, make_person
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db


def _rules(response) -> list[str]:
    page = response.content.decode()
    return [chunk.split('"', 1)[0] for chunk in page.split('data-rule="')[1:]]


def test_it_shows_my_cases_overdue_first_then_soonest_due(client_for, personas, case_a):
    olly = personas["olly"]
    with time_machine.travel(local(2026, 3, 9, 12), tick=False):
        # Arrested on Monday 9 March: 1 working day (enhanced), due Tuesday 10 March.
        event_record(actor=olly, case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 9, 9))
        r = client_for("cara").get("/work/")
    assert r.status_code == 200
    # R2's local target (3 March) and R4 (due 4 March) are overdue; then R3 (local target
    # 9 March), R6 (due 10 March), and R5, which has no date at all.
    assert _rules(r) == [
        "R2_CRIME_RECORDED",
        "R4_REFERRAL",
        "R3_WRITTEN_ACK",
        "R6_ARREST",
        "R5_COMPENSATION_INFO",
    ]
    page = r.content.decode()
    assert "5 things to do" in page
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--blue">Pending</strong>' in page
    assert f'href="/cases/{case_a.id}/"' in page and "Jane Smith" in page


def test_it_never_shows_a_stale_pending(client_for, personas, case_a):
    with time_machine.travel(local(2026, 3, 9, 12), tick=False):
        event_record(
            actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 9, 9)
        )
    # Nothing has been recomputed since; a week later the arrest update is overdue.
    with time_machine.travel(local(2026, 3, 16, 12), tick=False):
        r = client_for("cara").get("/work/")
        detail = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert "govuk-tag--blue" not in r.content.decode()
    assert _rules(r) == [
        "R2_CRIME_RECORDED",
        "R4_REFERRAL",
        "R3_WRITTEN_ACK",
        "R6_ARREST",
        "R5_COMPENSATION_INFO",
    ]
    assert "govuk-tag--blue" not in detail


def test_it_drops_what_has_been_done(client_for, personas, case_a):
    event_record(actor=personas["olly"], case=case_a, type="referred_to_support", occurred_at=local(2026, 3, 3, 9),
                 payload={"service": "VCAS"})  # fmt: skip
    assert "R4_REFERRAL" not in _rules(client_for("cara").get("/work/"))


def test_it_scopes_mine_team_and_all(client_for, personas, case_a, case_b, case_court):
    assert {"R4_REFERRAL"} <= set(_rules(client_for("cara").get("/work/")))
    assert (
        len(_rules(client_for("cole").get("/work/?show=mine"))) == 4
    )  # case_b only (Rights 2, 3, 4 and 5): case_court has no caseworker
    assert len(_rules(client_for("cole").get("/work/?show=team"))) == 10  # case_b, and case_court (+R6, R7)
    sue = client_for("sue")
    assert b"All cases I can see" in sue.get("/work/").content
    assert len(_rules(sue.get("/work/?show=all"))) == 14
    # A caseworker has no "all" view: the choice falls back to their own cases.
    assert b"All cases I can see" not in client_for("cara").get("/work/").content
    assert _rules(client_for("cara").get("/work/?show=all")) == _rules(
        client_for("cara").get("/work/?show=mine")
    )


def test_it_filters_by_who_owes_it(client_for, case_court):
    rules = _rules(client_for("cole").get("/work/?show=team&provider=police"))
    assert rules and "R7_VPS_OFFER" in rules
    assert _rules(client_for("cole").get("/work/?show=team&provider=wcu")) == []


def test_it_shows_nothing_from_another_service(client_for, case_a, case_other):
    page = client_for("otto").get("/work/?show=team").content.decode()
    assert f"/cases/{case_a.id}/" not in page
    assert f"/cases/{case_other.id}/" in page


@pytest.mark.parametrize("persona", ["pat", "chad", "ana", "adam"])
def test_it_is_not_there_for_roles_without_cases(client_for, persona):
    assert client_for(persona).get("/work/").status_code == 404


def test_it_links_each_row_to_the_event_form(client_for, personas, case_a):
    arrest = event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 9)
    )
    page = client_for("cara").get("/work/").content.decode()
    assert f"/cases/{case_a.id}/events/new/?type=victim_informed&amp;about={arrest.id}" in page


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_costs_the_same_queries_for_5_or_50_cases(client_for, personas, settings):
    settings.PAGE_SIZE = 200
    cara = personas["cara"]

    def add(n: int) -> None:
        for _ in range(n):
            person = make_person(cara, first_name="Sam", last_name="Jones", date_of_birth=date(1990, 1, 1))
            make_case(cara, person=person, team="Victim care North", caseworker=cara)

    client = client_for("cara")
    add(5)
    few = _queries(client, "/work/")
    add(45)
    many = _queries(client, "/work/")
    assert client.get("/work/").content.decode().count('data-rule="') == 200  # Rights 2, 3, 4, 5
    assert few == many
