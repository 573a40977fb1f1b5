"""A representative (a child victim's parent, a bereaved family's spokesperson) has no case of
their own, but their contact details are a way into the case they represent: the portal sends
the sign-in code there. So they are visible exactly to those who can see that case.

The attack this closes: cara (team North) found the South team case's representative by
surname, changed their email, then signed in to the portal with the case's crime reference and
read the hidden case and its messages."""

from __future__ import annotations

from django.test import Client

from victimcare.people.models import Person
from victimcare.portal.services import RepresentativeInput, representative_add

from .conftest import request_code


def _representative(personas, case) -> Person:
    account = representative_add(
        actor=personas["cole"],
        case=case,
        data=RepresentativeInput(
            role="parent", first_name="Rita", last_name="Quartermaine", email="rita@example.com"
        ),
    )
    return account.person


def test_it_hides_the_representative_from_another_team(client_for, personas, case_b):
    rita = _representative(personas, case_b)  # case_b is team South, cole's
    cara = client_for("cara")  # team North: cannot see case_b
    assert f"/people/{rita.id}/" not in cara.get("/cases/search/?q=Quartermaine").content.decode()
    missing = cara.get("/people/999999/").status_code
    assert cara.get(f"/people/{rita.id}/").status_code == missing == 404
    assert cara.get(f"/people/{rita.id}/edit/").status_code == 404


def test_it_refuses_changing_the_representatives_email_from_another_team(client_for, personas, case_b):
    rita = _representative(personas, case_b)
    response = client_for("cara").post(
        f"/people/{rita.id}/edit/",
        {"first_name": "Rita", "last_name": "Quartermaine", "email": "attacker@example.com"},
    )
    assert response.status_code == 404
    rita.refresh_from_db()
    assert rita.email == "rita@example.com"
    # and the portal sends no code to the attacker's address
    request_code(Client(), case_b.crime.crime_reference, "attacker@example.com")
    from victimcare.notify.models import MailboxItem

    assert not MailboxItem.objects.filter(to_address="attacker@example.com").exists()


def test_it_shows_the_representative_to_those_who_see_the_case(client_for, personas, case_b):
    rita = _representative(personas, case_b)
    for persona in ("cole", "sue"):
        client = client_for(persona)
        assert client.get(f"/people/{rita.id}/").status_code == 200, persona
        assert f"/people/{rita.id}/" in client.get("/cases/search/?q=Quartermaine").content.decode(), persona


def test_it_hides_the_representative_when_the_case_moves_team(client_for, personas, case_a):
    """cara added the representative herself; once the case is no longer hers, neither are they."""
    from victimcare.accounts.models import Team

    account = representative_add(
        actor=personas["cara"],
        case=case_a,
        data=RepresentativeInput(
            role="parent", first_name="Rob", last_name="Pemberton", email="rob@example.com"
        ),
    )
    case_a.team = Team.objects.get(name="Victim care South")
    case_a.caseworker = None
    case_a.save(update_fields=["team", "caseworker"])
    assert client_for("cara").get(f"/people/{account.person_id}/").status_code == 404
