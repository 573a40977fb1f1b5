"""Court delays: how long charged cases wait and how often hearings move, by court, with who has
waited longest for supervisors, counts under 5 hidden for analysts, and a download for the Local
Criminal Justice Board (issue 13, item 3)."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import make_case, make_person
from victimcare.audit.models import AuditEvent
from victimcare.cases.services import event_record
from victimcare.reports import court

TODAY = timezone.localdate()
DURHAM, TEESSIDE = "Durham Crown Court", "Teesside Crown Court"


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _months_ago(months: int) -> date:
    year, month = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
    return date(year, month + 1, min(TODAY.day, 28))


# (months since charge, court, hearings moved, finished?, witness?)
JOURNEYS = (
    [(30, DURHAM, 3, False, True)] * 2  # waiting over 24 months, three moves, witnesses
    + [(14, DURHAM, 1, False, False)] * 4  # over 12 months, one move
    + [(8, DURHAM, 0, True, False)] * 2  # finished
    + [(8, TEESSIDE, 2, False, True)] * 3  # over 6 months, two moves
    + [(2, TEESSIDE, 0, False, False)] * 3  # recent
)


@pytest.fixture
def charged(personas):
    cole, wendy, olly = personas["cole"], personas["wendy"], personas["olly"]
    cases = []
    for i, (months, where, moves, finished, witness) in enumerate(JOURNEYS):
        person = make_person(cole, first_name=f"C{i}", last_name="Court")
        case = make_case(
            cole, person=person, team="Victim care South", reference=f"DU/8{i:04d}/23",
            reported_at=_at(_months_ago(months) - timedelta(days=10)),
        )  # fmt: skip
        charged_on = _months_ago(months)
        event_record(actor=olly, case=case, type="suspect_charged", occurred_at=_at(charged_on))
        listing = event_record(
            actor=wendy, case=case, type="hearing_listed", occurred_at=_at(charged_on + timedelta(days=1)),
            payload={"hearing_date": charged_on + timedelta(days=28), "court": where, "hearing_kind": "first"},
        )  # fmt: skip
        trial = event_record(
            actor=wendy, case=case, type="hearing_listed", occurred_at=_at(charged_on + timedelta(days=30)),
            payload={"hearing_date": charged_on + timedelta(days=200), "court": where, "hearing_kind": "trial"},
        )  # fmt: skip
        kinds = ["hearing_adjourned", "trial_vacated", "trial_ineffective"]
        for m in range(moves):
            kind = kinds[m % 3]
            event_record(
                actor=wendy, case=case, type=kind, about=listing if kind == "hearing_adjourned" else trial,
                occurred_at=_at(charged_on + timedelta(days=40 + m)),
                payload={"reason": "court_time" if m == 0 else "defence_not_ready"},
            )  # fmt: skip
        if witness:
            event_record(
                actor=wendy,
                case=case,
                type="witness_required",
                occurred_at=_at(charged_on + timedelta(days=31)),
            )
        if finished:
            event_record(actor=wendy, case=case, type="trial_cracked", about=trial,
                         occurred_at=_at(charged_on + timedelta(days=60)), payload={"reason": "guilty_plea"})  # fmt: skip
            event_record(actor=wendy, case=case, type="case_outcome_received",
                         occurred_at=_at(charged_on + timedelta(days=61)), payload={"outcome": "guilty plea"})  # fmt: skip
        cases.append(case)
    return cases


def _range(years: int = 3) -> str:
    start = TODAY.replace(year=TODAY.year - years, day=1)
    later = TODAY + timedelta(days=7)
    return (
        f"start_day={start.day}&start_month={start.month}&start_year={start.year}"
        f"&end_day={later.day}&end_month={later.month}&end_year={later.year}"
    )


def test_the_figures_match_a_count_by_hand(personas, charged):
    f = court.CourtFilters(start=TODAY.replace(year=TODAY.year - 3, day=1), end=TODAY)
    journeys = court.journeys(personas["sue"], f)
    everyone, courts = court.rows(journeys, TODAY)
    n = everyone.counts
    waiting = [j for j in JOURNEYS if not j[3]]
    assert n["charged"] == len(JOURNEYS) == 14
    assert n["awaiting"] == len(waiting) == 12
    assert n["over_24"] == 2 and n["over_12"] == 6 and n["over_6"] == 9
    assert n["witnesses"] == 5
    assert n["changes"] == sum(j[2] for j in JOURNEYS) == 16
    assert n["changed"] == 9 and n["changed_twice"] == 5
    assert (n["adjourned"], n["vacated"], n["ineffective"], n["cracked"]) == (9, 5, 2, 2)
    assert n["listed"] == n["trial"] == 14
    assert sorted(set(everyone.to_first_hearing)) == [28] and sorted(set(everyone.to_trial)) == [200]
    assert [c.label for c in courts] == [DURHAM, TEESSIDE]
    assert courts[0].counts["charged"] == 8 and courts[1].counts["over_6"] == 3
    why = court.reasons(journeys)
    assert dict((code, count) for code, _, count in why["hearing_adjourned"])["court_time"] == 9
    assert dict((code, count) for code, _, count in why["trial_cracked"])["guilty_plea"] == 2


def test_a_supervisor_sees_who_has_waited_longest_and_the_look_is_audited(client_for, charged):
    before = AuditEvent.objects.filter(detail__startswith="court delays figures").count()
    page = client_for("sue").get(f"/compliance/court/?{_range()}").content.decode()
    assert 'id="everyone"' in page and 'id="by-court"' in page and DURHAM in page
    assert 'id="waiting"' in page
    longest = page[page.index('id="waiting"') :]
    # The two charged 30 months ago come first, then the four at 14 months.
    assert longest.index("DU/80000/23") < longest.index("DU/80002/23")
    assert "DU/80006/23" not in longest  # finished: not waiting
    audit = AuditEvent.objects.filter(detail__startswith="court delays figures")
    assert audit.count() == before + 1
    row = audit.latest("id")
    assert row.changes["shown"] == 12 and len(row.changes["ids"]) == 12 and row.changes["of"] == "victimcase"


def test_an_analyst_sees_small_counts_hidden_and_no_cases(client_for, charged):
    page = client_for("ana").get(f"/compliance/court/?{_range()}").content.decode()
    assert 'id="waiting"' not in page and "DU/8" not in page
    everyone = page[page.index('id="everyone"') : page.index('id="by-court"')]
    row = everyone[everyone.index('data-figure="over_24"') :]
    assert "fewer than 5" in row[: row.index("</tr>")]  # 2 cases waiting over 24 months
    durham = page[page.index(f'data-court="{DURHAM}"') :]
    assert "fewer than 5" in durham[: durham.index("</tr>")]  # its 2 over 24 months


def test_the_download_has_numbers_as_numbers_and_no_cases(client_for, charged):
    response = client_for("sue").get(f"/compliance/court/export.xlsx?{_range()}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Court delays"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Court" and rows[1][0] == "Everyone"
    assert rows[1][1] == 14 and isinstance(rows[1][1], int)
    assert "DU/8" not in str(rows)
    assert "Local Criminal Justice Board" in str(list(book["Notes"].iter_rows(values_only=True)))


@pytest.mark.parametrize("username", ["cara", "cole", "olly", "wendy", "adam"])
def test_it_is_not_found_for_anyone_without_the_figures(client_for, charged, username):
    client = client_for(username)
    assert client.get("/compliance/court/").status_code == 404
    assert client.get("/compliance/court/export.csv").status_code == 404


def test_it_says_when_nothing_matches_and_when_the_dates_are_the_wrong_way_round(client_for, charged):
    client = client_for("sue")
    page = client.get(
        "/compliance/court/?start_day=1&start_month=1&start_year=2020&end_day=31&end_month=1&end_year=2020"
    ).content.decode()
    assert 'id="nothing"' in page
    page = client.get(
        "/compliance/court/?start_day=1&start_month=6&start_year=2026&end_day=1&end_month=1&end_year=2026"
    ).content.decode()
    assert "Charged up to must be the same as or after charged from" in page and "Error:" in page


def test_a_court_in_the_other_force_is_not_counted(personas, charged, case_other):
    f = court.CourtFilters(start=TODAY.replace(year=TODAY.year - 3, day=1), end=TODAY)
    event_record(
        actor=personas["otto"],
        case=case_other,
        type="suspect_charged",
        occurred_at=timezone.now() - timedelta(hours=1),
    )
    everyone, _ = court.rows(court.journeys(personas["sue"], f), TODAY)
    assert everyone.counts["charged"] == 14
