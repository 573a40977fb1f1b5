"""Codes expire, work once, and stop after too many wrong tries; each says so plainly."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from victimcare.portal.models import SignInChallenge

from .conftest import last_code, request_code


def test_it_says_an_expired_code_has_expired_and_offers_a_new_one(client, jane_case):
    request_code(client, "DU/00500/26", "jane@example.com")
    code = last_code("jane@example.com")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = client.post("/portal/sign-in/code/", {"code": code})
    body = response.content.decode()
    assert "This code has expired. Send a new code." in body
    assert "Send a new code" in body and "DU/00500/26" in body


def test_it_refuses_a_code_used_before(client, jane_case):
    request_code(client, "DU/00500/26", "jane@example.com")
    code = last_code("jane@example.com")
    assert client.post("/portal/sign-in/code/", {"code": code})["Location"] == "/portal/"
    client.post("/portal/sign-out/")
    response = client.post("/portal/sign-in/code/", {"code": code})
    assert "This code has already been used." in response.content.decode()
    assert client.get("/portal/").status_code == 302


def test_it_stops_a_code_after_five_wrong_tries(client, jane_case, settings):
    request_code(client, "DU/00500/26", "jane@example.com")
    code = last_code("jane@example.com")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(settings.PORTAL_CODE_ATTEMPTS - 1):
        assert (
            "The code is not right" in client.post("/portal/sign-in/code/", {"code": wrong}).content.decode()
        )
    assert "too many times" in client.post("/portal/sign-in/code/", {"code": wrong}).content.decode()
    assert "too many times" in client.post("/portal/sign-in/code/", {"code": code}).content.decode()
    assert client.get("/portal/").status_code == 302


def test_it_sends_a_new_code_that_works(client, jane_case):
    from django.test import TestCase

    request_code(client, "DU/00500/26", "jane@example.com")
    old = last_code("jane@example.com")
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post("/portal/sign-in/new-code/")["Location"] == "/portal/sign-in/code/"
    new = last_code("jane@example.com")
    assert SignInChallenge.objects.count() == 2
    if new != old:
        assert "not right" in client.post("/portal/sign-in/code/", {"code": old}).content.decode()
    assert client.post("/portal/sign-in/code/", {"code": new})["Location"] == "/portal/"
