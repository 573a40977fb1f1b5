"""High risk shows where people look: a Dash result of high risk (the latest assessment), MARAC
criteria met, a protective order in force, a repeat or a vulnerable victim, in the case header
and on each caseload row; the caseload filters by high risk and by an order in force; the
caseload's queries do not grow with its rows."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.cases.test_query_counts import queries
from tests.factories import make_case, make_person
from tests.safeguarding.conftest import make_answers
from victimcare.cases import selectors
from victimcare.safeguarding.services import (
    AssessmentInput,
    EndInput,
    IncidentInput,
    OrderInput,
    police_incident_record,
    protective_order_end,
    protective_order_record,
    risk_assessment_complete,
)

pytestmark = pytest.mark.django_db

LABELS = {
    "high_risk": "High risk",
    "marac": "MARAC criteria met",
    "order": "Protective order",
    "vulnerable": "Vulnerable",
    "repeat": "Repeat victim",
}


def dash(personas, case, yes: int) -> None:
    risk_assessment_complete(
        actor=personas["cara"], case=case, data=AssessmentInput(answers=make_answers(yes))
    )


def order(personas, case, *, days_left: int | None, ended: bool = False) -> None:
    today = timezone.localdate()
    made = protective_order_record(actor=personas["cara"], case=case, data=OrderInput(
        "nmo", "No contact", "Durham Magistrates' Court", today - timedelta(days=60),
        None if days_left is None else today + timedelta(days=days_left)))  # fmt: skip
    if ended:
        protective_order_end(actor=personas["cara"], order=made,
                             data=EndInput(today - timedelta(days=1), "discharged", "Discharged by the court"))  # fmt: skip


def case_for(personas, first_name: str, **person: Any):
    cara = personas["cara"]
    return make_case(cara, person=make_person(cara, first_name=first_name, last_name="Flagged", **person),
                     team="Victim care North", caseworker=cara, reported_at=timezone.now() - timedelta(days=20))  # fmt: skip


@pytest.fixture
def flagged(personas):
    """One case per flag (and a near miss for each), named after what it should show."""
    cases = {name: case_for(personas, name.title()) for name in
             ("high", "downgraded", "ordered", "lapsed", "ended", "plain")}  # fmt: skip
    dash(personas, cases["high"], 15)  # score 15: high risk, and so MARAC's visible high risk
    dash(personas, cases["downgraded"], 15)
    dash(personas, cases["downgraded"], 2)  # the latest assessment is what counts
    order(personas, cases["ordered"], days_left=None)  # until the court says otherwise
    order(personas, cases["lapsed"], days_left=-1)
    order(personas, cases["ended"], days_left=30, ended=True)
    # Three crimes in 12 months against one victim: potential escalation (MARAC), and a repeat victim.
    escalating = case_for(personas, "Escalating")
    for _ in range(2):
        make_case(personas["cara"], person=escalating.person, team="Victim care North",
                  caseworker=personas["cara"], reported_at=timezone.now() - timedelta(days=40))  # fmt: skip
    cases["escalating"] = escalating
    cases["young"] = case_for(personas, "Young", date_of_birth=date(2014, 1, 5))  # under 18: vulnerable
    for vcase in cases.values():
        vcase.refresh_from_db()
    return cases


EXPECTED = {
    "high": {"high_risk", "marac"},
    "downgraded": set(),
    "ordered": {"order"},
    "lapsed": set(),
    "ended": set(),
    "plain": set(),
    "escalating": {"marac", "repeat"},
    "young": {"vulnerable"},
}


def shown(html: str) -> set[str]:
    tags = set(re.findall(r'<strong class="govuk-tag govuk-tag--[a-z]+">([^<]+)</strong>', html))
    return {key for key, label in LABELS.items() if label in tags}


def caseload_rows(html: str) -> dict[str, str]:
    """Each caseload row's html, by the victim's first name."""
    rows = html.split('<tr class="govuk-table__row">')[2:]
    return {re.search(r">(\w+) Flagged<", row).group(1).lower(): row for row in rows}


def test_each_flag_shows_in_the_case_header(client_for, flagged):
    client = client_for("cara")
    for name, vcase in flagged.items():
        page = client.get(f"/cases/{vcase.id}/").content.decode()
        header = page.split('id="case-flags"', 1)[1].split("</p>", 1)[0] if 'id="case-flags"' in page else ""
        assert shown(header) == EXPECTED[name], name


def test_each_flag_shows_on_the_caseload_row(client_for, flagged):
    rows = caseload_rows(client_for("cara").get("/cases/?sort=name").content.decode())
    for name in EXPECTED:
        assert shown(rows[name]) == EXPECTED[name], name


def test_the_caseload_filters_by_high_risk_and_by_an_order_in_force(client_for, flagged):
    client = client_for("cara")
    high = caseload_rows(client.get("/cases/?flag=high_risk").content.decode())
    assert set(high) == {"high"}
    ordered = caseload_rows(client.get("/cases/?flag=active_order").content.decode())
    assert set(ordered) == {"ordered"}
    both = client.get("/cases/?flag=high_risk&flag=active_order").content.decode()
    assert "No cases match these filters." in both


def test_risk_is_shown_only_to_those_who_work_on_safeguarding(personas, flagged):
    assert selectors.risk_flags(personas["pat"], list(flagged.values())) == {}  # a provider
    mine = selectors.risk_flags(personas["cara"], [flagged["high"]])
    assert mine[flagged["high"].id].high_risk


def _flag_everything(personas, count: int) -> None:
    for n in range(count):
        vcase = case_for(personas, f"Many{n}")
        dash(personas, vcase, 15)
        order(personas, vcase, days_left=30)
        police_incident_record(actor=personas["cara"], case=vcase, data=IncidentInput(
            reference=f"INC-{vcase.id}", occurred_on=timezone.localdate() - timedelta(days=3), domestic_abuse=True))  # fmt: skip


def test_the_caseload_asks_the_same_number_of_queries_for_5_cases_as_for_20(personas, client_for):
    client = client_for("cara")
    urls = ["/cases/", "/cases/?flag=high_risk", "/cases/?flag=active_order&sort=name"]
    _flag_everything(personas, 5)
    small = [queries(client, url) for url in urls]
    _flag_everything(personas, 15)
    assert "MARAC criteria met" in client.get("/cases/").content.decode()
    assert [queries(client, url) for url in urls] == small
