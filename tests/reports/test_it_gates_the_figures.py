"""Who sees compliance figures: supervisors (their cases, with drill-down) and analysts (their
organisation's aggregates, small numbers suppressed, no drill-down); nobody else (404)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

YEAR = "start_day=1&start_month=1&start_year=2026&end_day=31&end_month=12&end_year=2026"


@pytest.mark.parametrize("username", ["cara", "pat", "chad", "olly", "adam", "wendy"])
@pytest.mark.parametrize(
    "url",
    [
        "/compliance/",
        "/compliance/export.csv",
        "/compliance/cases/",
        "/compliance/return/",
        "/compliance/return/export.csv",
    ],
)
def test_other_roles_get_not_found(client_for, username, url):
    assert client_for(username).get(url).status_code == 404


def test_the_supervisor_sees_counts_and_drills_down_to_the_cases_she_can_see(client_for, timelines):
    case_a, case_b = timelines[0], timelines[1]
    page = client_for("sue").get(f"/compliance/?{YEAR}&group=rule")
    assert page.status_code == 200
    html = page.content.decode()
    row = re.search(r'<tr class="govuk-table__row" data-key="R4_REFERRAL">(.*?)</tr>', html, re.S)
    assert row is not None
    overdue = re.search(r'data-status="overdue"><a class="govuk-link" href="([^"]+)">1<', row.group(1))
    assert overdue is not None  # case_b's referral was never made
    listing = client_for("sue").get(overdue.group(1).replace("&amp;", "&"))
    assert listing.status_code == 200
    body = listing.content.decode()
    assert f"/cases/{case_b.id}/" in body and f"/cases/{case_a.id}/" not in body
    assert "1 case" in body
    # The Cleveland case is not hers, so not behind any of her figures.
    every = client_for("sue").get(f"/compliance/cases/?{YEAR}&by=all&status=")
    assert f"/cases/{timelines[-1].id}/" not in every.content.decode()
    assert every.context["page"].paginator.count == 4


def test_the_analyst_sees_suppressed_aggregates_and_no_cases(client_for, timelines):
    page = client_for("ana").get(f"/compliance/?{YEAR}&group=rule")
    assert page.status_code == 200
    html = page.content.decode()
    assert "fewer than 5" in html
    assert "/compliance/cases/" not in html and "/cases/" + str(timelines[0].id) not in html
    row = re.search(r'data-key="R4_REFERRAL">(.*?)</tr>', html, re.S)
    assert row is not None
    assert (
        '<td class="govuk-table__cell govuk-table__cell--numeric" data-status="met">fewer than 5</td>'
        in row.group(1)
    )
    assert "Not shown (fewer than 5)" in row.group(1)
    assert (
        client_for("ana").get(f"/compliance/cases/?{YEAR}&by=rule&key=R4_REFERRAL&status=met").status_code
        == 404
    )


def test_the_drill_down_refuses_keys_that_are_not_figures(client_for, timelines):
    sue = client_for("sue")
    assert sue.get(f"/compliance/cases/?{YEAR}&by=rule&key=R4_REFERRAL&status=bogus").status_code == 404
    assert sue.get(f"/compliance/cases/?{YEAR}&by=nonsense&key=x").status_code == 404
    assert sue.get(f"/compliance/cases/?{YEAR}&by=period&key=2026-03-05").status_code == 404
    assert sue.get(f"/compliance/cases/?{YEAR}&by=team&key=abc").status_code == 404
    assert sue.get("/compliance/cases/?start_day=99&start_month=1&start_year=2026").status_code == 404
    assert sue.get(f"/compliance/export.pdf?{YEAR}").status_code == 404


def test_the_navigation_offers_compliance_to_supervisors_and_analysts(client_for, personas):
    assert 'href="/compliance/"' in client_for("sue").get("/compliance/").content.decode()
    assert 'href="/compliance/"' in client_for("ana").get("/compliance/").content.decode()
    assert 'href="/compliance/"' not in client_for("cara").get("/work/").content.decode()


def test_an_address_without_dates_shows_the_last_twelve_months(client_for, timelines):
    for url in ("/compliance/", "/compliance/?group=team&period=quarter"):
        page = client_for("sue").get(url)
        assert page.status_code == 200 and not page.context["form"].errors
        assert len(page.context["trend"]) in (4, 5, 12)


def test_the_cases_behind_a_figure_are_an_audited_look(client_for, timelines, case_b):
    from victimcare.audit.models import AuditEvent

    before = AuditEvent.objects.filter(detail__startswith="cases behind a figure").count()
    listing = client_for("sue").get(f"/compliance/cases/?{YEAR}&by=rule&key=R4_REFERRAL&status=overdue")
    assert listing.status_code == 200
    looks = AuditEvent.objects.filter(detail__startswith="cases behind a figure")
    assert looks.count() == before + 1
    assert case_b.id in looks.latest("id").changes["ids"]  # which victims' cases were listed
