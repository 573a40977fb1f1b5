"""Every URL that shows or changes a case or a person, for every persona.

Outside a user's scope the answer is the same 404 page as for a record that does
not exist, so nobody can learn that a victim is known to the service."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

STAFF = ("cara", "cole", "sue", "olly", "fran", "wendy", "pat", "chad", "ana", "adam", "otto")

# URL templates: {case} is the case id, {person} the victim's person id, {crime} the case's crime,
# {order} a protective order recorded on the case (made only for the URLs that need one).
VIEW = (
    "/cases/{case}/",
    "/crimes/{crime}/",
    "/people/{person}/",
    "/cases/{case}/messages/",
    "/cases/{case}/protective-orders/{order}/",
)
WRITE = (
    "/cases/{case}/edit/",
    "/cases/{case}/events/new/",
    "/cases/{case}/events/new/?type=suspect_arrested",
    # Safeguarding and restorative justice (tests/safeguarding covers their record pages).
    "/cases/{case}/risk/new/",
    "/cases/{case}/marac/",
    "/cases/{case}/protective-orders/new/",
    "/cases/{case}/restorative-justice/new/",
    "/cases/{case}/protective-orders/{order}/vary/",
    "/cases/{case}/protective-orders/{order}/end/",
    "/cases/{case}/police-incidents/",
    # The portal panel's staff actions (the victims' own pages have their own isolation tests).
    "/portal/staff/cases/{case}/access/",
    "/portal/staff/cases/{case}/people/new/",
)
PERSON_WRITE = ("/people/{person}/edit/", "/cases/new/for/{person}/")
# Adding a victim to the crime and correcting its facts: those who open cases, in scope of a case
# on the crime (a witness care officer records court events but does not own the crime record).
CRIME_WRITE = (
    "/crimes/{crime}/correct/",
    "/crimes/{crime}/outcome/",
    "/crimes/{crime}/victims/new/",
    "/crimes/{crime}/victims/new/?q=Smith",
    "/crimes/{crime}/victims/new/{person}/",
    "/people/new/?crime={crime}",
)
AUDIT = ("/audit/people/{person}/",)

# Who may see and change each fixture case (see tests/conftest.py for the cases).
ACCESS = {
    "case_a": {  # team North, caseworker cara, officer olly, Durham City crime, just reported
        "view": {"cara", "sue", "olly", "fran"},
        "write": {"cara", "sue", "olly", "fran"},
        "person_write": {"cara", "sue", "olly", "fran"},
        "crime_write": {"cara", "sue", "olly", "fran"},
        "audit": {"adam"},
    },
    "case_court": {  # team South, no caseworker or officer, charged and at court
        "view": {"cole", "sue", "fran", "wendy"},
        "write": {"cole", "sue", "fran", "wendy"},
        "person_write": {"cole", "sue", "fran"},
        "crime_write": {"cole", "sue", "fran"},
        "audit": {"adam"},
    },
    "case_other": {  # Cleveland's victim care service
        "view": {"otto"},
        "write": {"otto"},
        "person_write": {"otto"},
        "crime_write": {"otto"},
        "audit": set(),
    },
}
GROUPS = {
    "view": VIEW,
    "write": WRITE,
    "person_write": PERSON_WRITE,
    "crime_write": CRIME_WRITE,
    "audit": AUDIT,
}


def matrix() -> list[tuple[str, str, str]]:
    return [(case, group, url) for case in ACCESS for group, urls in GROUPS.items() for url in urls]


@pytest.mark.parametrize(("case_name", "group", "url"), matrix())
def test_it_allows_only_those_in_scope(request, client_for, case_name, group, url):
    """One row of the matrix: the status every persona gets for one URL of one case."""
    vcase = request.getfixturevalue(case_name)
    order = _order_on(vcase, request.getfixturevalue("personas")) if "{order}" in url else None
    path = url.format(case=vcase.id, person=vcase.person_id, crime=vcase.crime_id, order=order)
    got = {persona: client_for(persona).get(path).status_code for persona in STAFF}
    expected = {persona: 200 if persona in ACCESS[case_name][group] else 404 for persona in STAFF}
    assert got == expected, f"GET {path}"


def _order_on(vcase, personas) -> int:
    from datetime import date

    from victimcare.safeguarding.services import OrderInput, protective_order_record

    data = OrderInput("nmo", "Not to contact the victim", "Magistrates' Court", date(2026, 3, 1))
    return protective_order_record(actor=personas["adam"], case=vcase, data=data).id


def test_it_gives_the_same_answer_for_a_case_out_of_scope_and_one_that_does_not_exist(client_for, case_other):
    client = client_for("cara")
    hidden = client.get(f"/cases/{case_other.id}/")
    missing = client.get("/cases/999999/")
    assert hidden.status_code == missing.status_code == 404
    # Identical but for the per-response CSP nonce and masked CSRF token.
    assert _without_tokens(hidden.content) == _without_tokens(missing.content)


def test_it_gives_the_same_answer_for_a_crime_out_of_scope_and_one_that_does_not_exist(
    client_for, case_other
):
    client = client_for("cara")
    hidden = client.get(f"/crimes/{case_other.crime_id}/")
    missing = client.get("/crimes/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert _without_tokens(hidden.content) == _without_tokens(missing.content)


def _without_tokens(content: bytes) -> bytes:
    content = re.sub(rb'nonce="[^"]*"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


@pytest.mark.parametrize("persona", ["cole", "pat", "otto", "ana"])
def test_it_refuses_to_record_an_event_on_a_case_out_of_scope(client_for, case_a, persona):
    before = case_a.events.count()
    r = client_for(persona).post(
        f"/cases/{case_a.id}/events/new/?type=suspect_arrested",
        {"occurred_on_day": "3", "occurred_on_month": "3", "occurred_on_year": "2026"},
    )
    assert r.status_code == 404
    assert case_a.events.count() == before


@pytest.mark.parametrize("url", ["/cases/{case}/", "/people/{person}/", "/cases/{case}/edit/"])
def test_it_sends_someone_not_signed_in_to_sign_in(case_a, url):
    r = Client().get(url.format(case=case_a.id, person=case_a.person_id))
    assert r.status_code == 302 and r["Location"].startswith("/sign-in/")


def test_it_keeps_the_lists_to_what_the_user_may_see(client_for, case_a, case_b, case_court, case_other):
    cara = client_for("cara").get("/cases/")
    assert cara.context["page"].paginator.count == 1
    sue = client_for("sue").get("/cases/")
    assert sue.context["page"].paginator.count == 3
    otto = client_for("otto").get("/cases/")
    assert [c.id for c in otto.context["page"].object_list] == [case_other.id]
    for persona in ("pat", "chad", "ana", "adam"):
        assert client_for(persona).get("/cases/").status_code == 404
