"""The services directory: administrators and victim care supervisors add and change services;
caseworkers browse and filter; nobody else sees it."""

from __future__ import annotations

import pytest

from victimcare.audit.models import AuditEvent
from victimcare.support.models import Service

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Teesdale Listening Service", "description": "A listening ear by phone.",
    "needs_met": ["health"], "areas": ["County Durham"], "reach": ["phone"], "how_to_refer": ["self"],
    "waiting_weeks": "0", "active": "on", "min_age": "18",
    "accept_within_days": "2", "first_contact_within_days": "5", "contact_tries": "3",
}  # fmt: skip


@pytest.mark.parametrize("persona", ["adam", "sue"])
def test_it_lets_admins_and_supervisors_add_a_service(client_for, directory, persona):
    r = client_for(persona).post("/services/new/", NEW)
    assert r.status_code == 302
    service = Service.objects.get(name="Teesdale Listening Service")
    assert service.min_age == 18 and service.reach == ["phone"] and service.organisation is None
    assert AuditEvent.objects.filter(
        object_type="service", object_id=str(service.id), action="create"
    ).exists()


def test_it_changes_a_service(client_for, harbour):
    client = client_for("adam")
    form = client.get(f"/services/{harbour.id}/edit/").context["form"]
    assert form.initial["name"] == "Harbour Support Services"
    data = {"organisation": str(harbour.organisation_id), "name": harbour.name, "description": harbour.description,
            "needs_met": harbour.needs_met, "areas": harbour.areas, "reach": harbour.reach,
            "how_to_refer": harbour.how_to_refer, "waiting_weeks": "5", "active": "on",
            "accept_within_days": "2", "first_contact_within_days": "5", "contact_tries": "3"}  # fmt: skip
    assert client.post(f"/services/{harbour.id}/edit/", data).status_code == 302
    harbour.refresh_from_db()
    assert harbour.waiting_weeks == 5
    audit = AuditEvent.objects.get(object_type="service", object_id=str(harbour.id), action="update")
    assert audit.changes["waiting_weeks"] == [1, 5]


def test_it_shows_errors_and_keeps_what_was_typed(client_for, directory):
    data = {**NEW, "areas": [], "min_age": "30", "max_age": "20", "how_to_refer": ["in_system"]}
    r = client_for("adam").post("/services/new/", data)
    body = r.content.decode()
    assert r.status_code == 200 and "govuk-error-summary" in body
    assert "Choose the areas it covers, or that it covers everywhere" in body
    assert "The oldest age must be the same as or more than the youngest age" in body
    assert "Only a provider using this system can take referrals through it" in body
    assert 'value="Teesdale Listening Service"' in body
    assert not Service.objects.filter(name="Teesdale Listening Service").exists()


def test_it_refuses_a_duplicate_name(client_for, directory):
    r = client_for("adam").post("/services/new/", {**NEW, "name": "Harbour Support Services"})
    assert "already in the directory" in r.content.decode()


@pytest.mark.parametrize("persona", ["cara", "olly", "pat", "ana", "chad", "otto"])
def test_it_lets_only_managers_change_the_directory(client_for, harbour, persona):
    client = client_for(persona)
    assert client.get("/services/new/").status_code == 404
    assert client.post(f"/services/{harbour.id}/edit/", NEW).status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("cara", 200), ("olly", 200), ("adam", 200), ("pat", 404),
                                                 ("ana", 404), ("chad", 404)])  # fmt: skip
def test_it_lets_those_who_refer_browse(client_for, directory, persona, status):
    assert client_for(persona).get("/services/").status_code == status


def test_it_filters_the_directory(client_for, directory):
    client = client_for("cara")
    everything = client.get("/services/").context["services"]
    assert len(everything) == 15  # the 16 in the directory but the one not taking referrals
    housing = client.get("/services/?need=housing&area=Darlington").context["services"]
    assert {s.name for s in housing} == {
        "Darlington Safe Homes Refuge",
        "Darlington Housing Options Victim Team",
        "Freedom Path Modern Slavery Support",
    }
    closed = client.get("/services/?show_inactive=on&need=practical&area=Darlington").context["services"]
    assert "Cornerstone Drop-in" in {s.name for s in closed}


def test_it_keeps_another_forces_directory_apart(client_for, directory):
    assert client_for("otto").get("/services/").context["services"] == []


def test_it_sets_a_services_response_targets_and_tries(client_for, harbour):
    client = client_for("adam")
    data = {**client.get(f"/services/{harbour.id}/edit/").context["form"].initial}
    data = {k: v for k, v in data.items() if v is not None and k != "organisation"}
    data.update(organisation=str(harbour.organisation_id), active="on", accept_within_days="1",
                first_contact_within_days="3", contact_tries="4", sex=data.get("sex") or "")  # fmt: skip
    data = {k: v for k, v in data.items() if v not in (False, "")}
    assert client.post(f"/services/{harbour.id}/edit/", data).status_code == 302
    harbour.refresh_from_db()
    assert (harbour.accept_within_days, harbour.first_contact_within_days, harbour.contact_tries) == (1, 3, 4)
    audit = AuditEvent.objects.get(object_type="service", object_id=str(harbour.id), action="update")
    assert audit.changes["accept_within_days"] == [2, 1]


def test_it_refuses_first_contact_due_before_acceptance(client_for, directory):
    r = client_for("adam").post(
        "/services/new/", {**NEW, "accept_within_days": "5", "first_contact_within_days": "2"}
    )
    assert r.status_code == 200
    assert "First contact cannot be due before the referral is due to be accepted" in r.content.decode()
    assert not Service.objects.filter(name="Teesdale Listening Service").exists()


def test_it_offers_the_default_targets_for_a_new_service(client_for, directory):
    form = client_for("adam").get("/services/new/").context["form"]
    assert (form.initial["accept_within_days"], form.initial["first_contact_within_days"]) == (2, 5)
    assert form.initial["contact_tries"] == 3
