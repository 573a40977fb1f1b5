import pytest


@pytest.mark.django_db
def test_it_shows_cara_her_case(client_for, case_a):
    client = client_for("cara")
    r = client.get(f"/cases/{case_a.id}/")
    assert r.status_code == 200
    assert b"Jane Smith" in r.content
    r = client.get("/cases/")
    assert r.status_code == 200
    r = client.get("/cases/search/?q=smith")
    assert r.status_code == 200, r.content
    r = client.get(f"/cases/{case_a.id}/events/new/?type=victim_informed")
    assert r.status_code == 200
    r = client.get(f"/people/{case_a.person_id}/edit/")
    assert r.status_code == 200
    r = client.get("/people/new/")
    assert r.status_code == 200
    r = client.get(f"/cases/{case_a.id}/edit/")
    assert r.status_code == 200
