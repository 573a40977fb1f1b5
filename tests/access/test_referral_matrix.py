"""Referrals and the support pages through the access gate, for every persona.

A provider sees only referrals sent to its organisation; with no referral for a case it gets the
same 404 as for a record that does not exist on every case, person and referral address; even
with one, it never sees the case or person pages. Staff see the support pages of the cases they
can see (tests/access/test_case_matrix.py) and nothing else."""

from __future__ import annotations

import re

import pytest

from tests.support.conftest import SENT, consented, load_directory
from victimcare.support.demo_directory import HARBOUR
from victimcare.support.models import Service
from victimcare.support.services import referral_send

pytestmark = pytest.mark.django_db

STAFF = ("cara", "cole", "sue", "olly", "fran", "wendy", "pat", "chad", "ana", "adam", "otto")
CASE_PAGES = (
    "/cases/{case}/",
    "/people/{person}/",
    "/cases/{case}/needs/",
    "/cases/{case}/support/suggestions/",
)
CASE_WRITES = (
    "/cases/{case}/needs/assess/",
    "/cases/{case}/support/declined/",
    "/cases/{case}/support/refer/?service={service}",
)
STAFF_REFERRAL = ("/referrals/{referral}/",)
STAFF_REFERRAL_WRITE = (
    "/referrals/{referral}/consent/",
    "/referrals/{referral}/send/",
    "/referrals/{referral}/decline_by_victim/",
)
PROVIDER_REFERRAL = ("/provider/referrals/{referral}/", "/provider/referrals/{referral}/accept/")

CASE_A_VIEW = {"cara", "sue", "olly", "fran"}  # as in test_case_matrix.py


@pytest.fixture
def harbour(personas) -> Service:
    return load_directory()[HARBOUR]


@pytest.fixture
def urls(personas, case_a, case_b, harbour):
    """case_a referred to Harbour (sent); case_b's referral to Harbour is still a draft."""
    sent = referral_send(
        actor=personas["cara"], referral=consented(personas["cara"], case_a, harbour), occurred_at=SENT
    )
    draft = consented(personas["cole"], case_b, harbour)
    return {"sent": sent, "draft": draft}


def _fmt(url: str, case, referral, service) -> str:
    return url.format(case=case.id, person=case.person_id, referral=referral.id, service=service.id)


@pytest.mark.parametrize("url", CASE_PAGES + CASE_WRITES + STAFF_REFERRAL + STAFF_REFERRAL_WRITE)
def test_it_gives_staff_pages_only_to_staff_on_the_case(client_for, urls, case_a, harbour, url):
    path = _fmt(url, case_a, urls["sent"], harbour)
    got = {p: client_for(p).get(path).status_code for p in STAFF}
    writes = url in CASE_WRITES + STAFF_REFERRAL_WRITE
    expected = {p: 200 if p in CASE_A_VIEW else 404 for p in STAFF}
    if writes:
        expected["olly"] = expected["fran"] = 200  # police record referrals too (Right 4 is theirs)
    assert got == expected, path


@pytest.mark.parametrize("url", PROVIDER_REFERRAL)
def test_it_gives_the_provider_pages_only_to_the_provider_sent_the_referral(
    client_for, urls, case_a, harbour, url
):
    path = _fmt(url, case_a, urls["sent"], harbour)
    got = {p: client_for(p).get(path).status_code for p in STAFF}
    assert got == {p: 200 if p == "pat" else 404 for p in STAFF}, path


@pytest.mark.parametrize(
    "url", CASE_PAGES + CASE_WRITES + STAFF_REFERRAL + STAFF_REFERRAL_WRITE + PROVIDER_REFERRAL
)
def test_it_gives_a_provider_without_a_referral_404_everywhere(client_for, urls, case_b, harbour, url):
    path = _fmt(url, case_b, urls["draft"], harbour)  # a draft has not been sent: Harbour has nothing
    assert client_for("pat").get(path).status_code == 404, path


def test_it_gives_the_same_404_as_a_referral_that_does_not_exist(client_for, urls):
    client = client_for("pat")
    hidden = client.get(f"/provider/referrals/{urls['draft'].id}/")
    missing = client.get("/provider/referrals/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert _without_tokens(hidden.content) == _without_tokens(missing.content)
    staff_hidden = client_for("cole").get(f"/referrals/{urls['sent'].id}/")
    staff_missing = client_for("cole").get("/referrals/999999/")
    assert _without_tokens(staff_hidden.content) == _without_tokens(staff_missing.content)


def test_it_refuses_a_provider_step_on_a_referral_sent_elsewhere(client_for, urls):
    r = client_for("pat").post(f"/provider/referrals/{urls['draft'].id}/accept/",
                               {"occurred_on_day": "3", "occurred_on_month": "3", "occurred_on_year": "2026"})  # fmt: skip
    assert r.status_code == 404
    urls["draft"].refresh_from_db()
    assert urls["draft"].status == "draft"


@pytest.mark.parametrize("persona", [p for p in STAFF if p != "pat"])
def test_it_keeps_the_provider_workspace_to_provider_staff(client_for, persona):
    assert client_for(persona).get("/provider/").status_code == 404


def _without_tokens(content: bytes) -> bytes:
    content = re.sub(rb'nonce="[^"]*"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)
