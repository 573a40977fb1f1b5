"""The dashboard, its exports and the drill-down run the same number of queries at 5 cases as
at 50 (the figures are aggregates; the case list is one joined query per page)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import local, make_case, make_person
from tests.reports.test_it_gates_the_figures import YEAR
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db

URLS = (
    f"/compliance/?{YEAR}&group=team",
    f"/compliance/?{YEAR}&group=rule&period=quarter",
    f"/compliance/export.xlsx?{YEAR}",
    f"/compliance/cases/?{YEAR}&by=all&status=",
    "/compliance/return/?quarter=2026-01-01",
)


def _add_cases(personas, count: int, start: int) -> None:
    cole, olly = personas["cole"], personas["olly"]
    for n in range(start, start + count):
        person = make_person(cole, first_name="Case", last_name=f"Number{n}")
        team = "Victim care South" if n % 2 else "Victim care North"
        vcase = make_case(cole, person=person, team=team, reference=f"DU/{50000 + n}/26")
        if n % 3 == 0:
            event_record(actor=olly, case=vcase, type="suspect_arrested", occurred_at=local(2026, 3, 3, 14))


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_data(personas, client_for):
    sue = client_for("sue")
    _add_cases(personas, 5, 0)
    few = {url: _queries(sue, url) for url in URLS}
    _add_cases(personas, 45, 5)
    many = {url: _queries(sue, url) for url in URLS}
    assert many == few
