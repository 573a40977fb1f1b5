"""While processing of the victim's data is restricted, every portal page says so in plain
words, and what it means, in English or Welsh; the victim can still sign in (the sign-in code
is something they asked for) and read their case (docs/adr/0053)."""

from __future__ import annotations

import pytest

from victimcare.people.services import person_restrict, person_restriction_lift

from .conftest import victim_case

pytestmark = pytest.mark.django_db

EN = "We have stopped using your information for now"
CY = "Rydym wedi rhoi'r gorau i ddefnyddio eich gwybodaeth am y tro"


def test_the_victim_sees_the_restriction_and_what_it_means(portal_client, personas, jane_case):
    person_restrict(actor=personas["adam"], person=jane_case.person, reason="Disputes her address")
    client = portal_client(jane_case)  # signing in still works: the code was asked for
    for path in ("/portal/", "/portal/rights/", "/portal/support/", "/portal/contact/"):
        page = client.get(path).content.decode()
        assert EN in page and "we will not send you updates, refer you to a support service" in page, path
        assert "Disputes her address" not in page  # the staff's words stay with staff


def test_it_goes_once_lifted(portal_client, personas, jane_case):
    person_restrict(actor=personas["adam"], person=jane_case.person, reason="Disputes her address")
    person_restriction_lift(actor=personas["adam"], person=jane_case.person, reason="Checked")
    assert EN not in portal_client(jane_case).get("/portal/").content.decode()


def test_it_is_said_in_welsh(portal_client, personas):
    vcase = victim_case(personas, reference="DU/00810/26", language="cy")
    person_restrict(actor=personas["adam"], person=vcase.person, reason="Disputes her address")
    page = portal_client(vcase).get("/portal/").content.decode()
    assert CY in page and "Pwysig" in page and EN not in page


def test_no_one_else_sees_it(portal_client, personas, jane_case):
    other = victim_case(personas, reference="DU/00811/26", email="tom@example.com", first_name="Tom")
    person_restrict(actor=personas["adam"], person=other.person, reason="Disputes his address")
    assert EN not in portal_client(jane_case).get("/portal/").content.decode()
