"""The audit trail searched by who, what, logging category, organisation, person, case and
period (administrators, READ_AUDIT), with pagination; every search is on the trail itself."""

from __future__ import annotations

import pytest

from victimcare.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    return [row.id for row in response.context["rows"]]


@pytest.mark.parametrize(
    "persona", ["cara", "cole", "sue", "olly", "fran", "wendy", "pat", "chad", "ana", "otto"]
)
def test_it_is_not_found_for_anyone_who_may_not_read_the_trail(client_for, persona):
    assert client_for(persona).get("/audit/trail/").status_code == 404
    assert client_for(persona).get("/audit/trail/?actor=cara").status_code == 404


def test_it_finds_by_who_what_person_and_case(client_for, personas, case_a, case_b):
    client_for("cara").get(f"/cases/{case_a.id}/")
    client_for("cole").get(f"/cases/{case_b.id}/")
    adam = client_for("adam")
    by_cara = adam.get("/audit/trail/?actor=cara&action=view")
    assert by_cara.status_code == 200
    assert {AuditEvent.objects.get(pk=i).actor.username for i in _ids(by_cara)} == {"cara"}
    about_b = adam.get(f"/audit/trail/?case={case_b.id}")
    rows = AuditEvent.objects.filter(pk__in=_ids(about_b))
    assert rows and all(row.case_id == case_b.id for row in rows)
    person = adam.get(f"/audit/trail/?person={case_a.person_id}&action=view")
    assert {r.actor.username for r in AuditEvent.objects.filter(pk__in=_ids(person))} == {"cara"}


def test_it_filters_by_logging_category_and_shows_it(client_for, case_a):
    client_for("sue").get("/compliance/export.csv")
    page = client_for("adam").get("/audit/trail/?category=disclosure")
    rows = AuditEvent.objects.filter(pk__in=_ids(page))
    assert rows and {row.action for row in rows} <= {Action.EXPORT, Action.SHARE}
    assert 'data-category="disclosure"' in page.content.decode() and "Disclosure" in page.content.decode()


def test_it_filters_by_organisation_and_period(client_for, personas, case_a):
    client_for("cara").get(f"/cases/{case_a.id}/")
    adam = client_for("adam")
    org = personas["cara"].organisation_id
    page = adam.get(f"/audit/trail/?organisation={org}")
    assert page.status_code == 200 and _ids(page)
    assert all(row.organisation_id == org for row in AuditEvent.objects.filter(pk__in=_ids(page)))
    past = adam.get(
        "/audit/trail/?start_day=1&start_month=1&start_year=2000&end_day=31&end_month=12&end_year=2000"
    )
    assert past.status_code == 200 and _ids(past) == []


def test_it_keeps_to_the_administrators_force_area(client_for, case_a, case_other):
    client_for("otto").get(f"/cases/{case_other.id}/")
    page = client_for("adam").get("/audit/trail/?actor=otto")
    assert page.status_code == 200 and _ids(page) == []


def test_it_audits_each_search_with_what_it_showed(client_for, case_a):
    client_for("cara").get(f"/cases/{case_a.id}/")
    client_for("adam").get("/audit/trail/?actor=cara")
    row = AuditEvent.objects.filter(action=Action.SEARCH, actor__username="adam").latest("id")
    assert row.detail.startswith("audit trail search (actor=cara")
    assert row.changes["shown"] >= 1 and row.changes["of"] == "auditevent"


def test_it_pages_the_trail(client_for, case_a):
    cara = client_for("cara")
    for _ in range(55):
        cara.get(f"/cases/{case_a.id}/")
    adam = client_for("adam")
    first = adam.get("/audit/trail/?actor=cara&action=view")
    second = adam.get("/audit/trail/?actor=cara&action=view&page=2")
    assert len(_ids(first)) == 50 and len(_ids(second)) == 5
    assert not set(_ids(first)) & set(_ids(second))
    assert "page=2" in first.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "person=99999999999999999999999",
        "case=abc",
        "start_day=1&start_month=1&start_year=99999999",
        "start_day=2&start_month=1&start_year=2026&end_day=1&end_month=1&end_year=2026",
        "action=nothing",
        "page=999999999999999999999",
    ],
)
def test_it_refuses_bad_filters_with_a_message_not_an_error(client_for, query):
    response = client_for("adam").get(f"/audit/trail/?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.context["form"].errors
