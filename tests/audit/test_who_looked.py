"""Every look at a victim's record is audited, and an administrator can see who looked."""

from __future__ import annotations

import pytest

from victimcare.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_records_each_view_of_a_case_and_a_person(client_for, personas, case_a):
    client_for("cara").get(f"/cases/{case_a.id}/")
    client_for("olly").get(f"/people/{case_a.person_id}/")
    views = AuditEvent.objects.filter(person=case_a.person, action="view")
    assert {(v.actor.username, v.object_type) for v in views} == {("cara", "victimcase"), ("olly", "person")}
    assert views.get(actor=personas["cara"]).case == case_a


def test_it_records_no_view_when_access_is_refused(client_for, case_a):
    client_for("cole").get(f"/cases/{case_a.id}/")
    assert not AuditEvent.objects.filter(person=case_a.person, action="view").exists()


def test_it_shows_an_administrator_who_has_looked(client_for, case_a):
    client_for("cara").get(f"/cases/{case_a.id}/")
    client_for("sue").get(f"/people/{case_a.person_id}/")
    r = client_for("adam").get(f"/audit/people/{case_a.person_id}/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "Cara Walsh (cara)" in body and "Sue Okafor (sue)" in body
    assert "Viewed" in body
    # The administrator's own look at the trail does not pretend to be a look at the record.
    assert not AuditEvent.objects.filter(actor__username="adam", action="view").exists()


def test_it_lets_an_administrator_find_the_person(client_for, case_a):
    r = client_for("adam").get("/audit/?q=smi")
    assert r.status_code == 200
    assert f"/audit/people/{case_a.person_id}/" in r.content.decode()


def test_it_keeps_the_audit_pages_to_administrators(client_for, case_a):
    for persona in ("cara", "sue", "ana"):
        assert client_for(persona).get("/audit/").status_code == 404
        assert client_for(persona).get(f"/audit/people/{case_a.person_id}/").status_code == 404


def test_it_audits_searches_without_storing_the_search_words(client_for, case_a):
    client_for("cara").get("/cases/search/?q=Smith")
    row = AuditEvent.objects.get(action="search")
    assert row.actor.username == "cara"
    assert "Smith" not in row.detail and row.detail == "search by name: 1 shown"
    assert row.changes["shown"] == 1 and row.changes["ids"] == [case_a.person_id]
