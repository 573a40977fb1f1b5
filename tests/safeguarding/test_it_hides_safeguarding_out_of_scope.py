"""Every safeguarding and restorative justice URL about a case: provider staff, champions,
analysts, administrators and another force's staff get the same 404 as for a missing record."""

from __future__ import annotations

import re
from datetime import date

import pytest

from victimcare.justice.services import rj_offer
from victimcare.safeguarding.services import (
    AssessmentInput,
    OrderInput,
    protective_order_record,
    risk_assessment_complete,
)

pytestmark = pytest.mark.django_db
OUTSIDERS = ("pat", "chad", "ana", "adam", "otto", "cole")


@pytest.fixture
def urls(personas, case_a):
    cara = personas["cara"]
    done = risk_assessment_complete(
        actor=cara, case=case_a, data=AssessmentInput(answers=dict.fromkeys(map(str, range(1, 25)), "no"))
    )
    record = rj_offer(actor=cara, case=case_a, occurred_on=case_a.opened_at.date())
    order = protective_order_record(
        actor=cara,
        case=case_a,
        data=OrderInput("nmo", "No contact", "Durham Magistrates' Court", date(2026, 3, 1)),
    )
    return [
        f"/cases/{case_a.id}/risk/new/",
        f"/cases/{case_a.id}/risk/{done.id}/",
        f"/cases/{case_a.id}/marac/",
        f"/cases/{case_a.id}/protective-orders/new/",
        f"/cases/{case_a.id}/restorative-justice/new/",
        f"/cases/{case_a.id}/restorative-justice/{record.id}/",
        f"/cases/{case_a.id}/protective-orders/{order.id}/",
        f"/cases/{case_a.id}/protective-orders/{order.id}/vary/",
        f"/cases/{case_a.id}/protective-orders/{order.id}/end/",
        f"/cases/{case_a.id}/police-incidents/",
    ]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_it_gives_404_to_everyone_out_of_scope(client_for, urls, persona):
    client = client_for(persona)
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)
    assert {url: client.post(url, {}).status_code for url in urls} == dict.fromkeys(urls, 404)


@pytest.mark.parametrize("persona", ("cara", "sue", "olly", "fran"))
def test_it_lets_those_in_scope_in(client_for, urls, persona):
    client = client_for(persona)
    assert {url: client.get(url).status_code for url in urls} == {url: 200 for url in urls}


def test_it_answers_a_hidden_record_exactly_as_a_missing_one(client_for, urls, case_a):
    hidden = client_for("otto").get(urls[1]).content
    missing = client_for("otto").get(f"/cases/{case_a.id}/risk/999999/").content
    assert _without_tokens(hidden) == _without_tokens(missing)


def _without_tokens(content: bytes) -> bytes:
    content = re.sub(rb'nonce="[^"]*"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def test_it_shows_no_safeguarding_to_a_role_without_it(client_for, case_a, personas):
    # Every role that can open a case may see its safeguarding; nobody else can open the case.
    assert "Safeguarding" in client_for("olly").get(f"/cases/{case_a.id}/").content.decode()
    assert client_for("pat").get(f"/cases/{case_a.id}/").status_code == 404


def test_it_answers_a_hidden_order_exactly_as_a_missing_one(client_for, urls, case_a):
    hidden = client_for("otto").get(urls[6]).content
    missing = client_for("otto").get(f"/cases/{case_a.id}/protective-orders/999999/").content
    assert _without_tokens(hidden) == _without_tokens(missing)


def test_it_does_not_open_an_order_through_another_case(client_for, personas, urls, case_a, case_b):
    # Sue may open both cases, but case A's order is not on case B.
    order_id = urls[6].rstrip("/").rsplit("/", 1)[1]
    for tail in ("", "vary/", "end/"):
        assert (
            client_for("sue").get(f"/cases/{case_b.id}/protective-orders/{order_id}/{tail}").status_code
            == 404
        )
    assert client_for("sue").get(urls[6]).status_code == 200
