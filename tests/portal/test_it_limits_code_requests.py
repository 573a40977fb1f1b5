"""Rate limits on asking for codes: per crime reference, per address and per client address."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from victimcare.portal.models import SignInChallenge

from .conftest import request_code

LIMITED = "You have asked for too many codes"


def test_it_limits_codes_per_reference(jane_case, settings):
    for i in range(settings.PORTAL_LIMIT_PER_REFERENCE):
        request_code(Client(REMOTE_ADDR=f"10.0.0.{i}"), "DU/00500/26", f"x{i}@example.com")
    response = request_code(Client(REMOTE_ADDR="10.0.1.1"), "DU/00500/26", "jane@example.com")
    assert response.status_code == 200 and LIMITED in response.content.decode()
    assert SignInChallenge.objects.count() == settings.PORTAL_LIMIT_PER_REFERENCE


def test_it_limits_codes_per_address(jane_case, settings):
    for i in range(settings.PORTAL_LIMIT_PER_ADDRESS):
        request_code(Client(REMOTE_ADDR=f"10.0.0.{i}"), f"DU/0{i}/26", "jane@example.com")
    assert LIMITED in request_code(Client(), "DU/00500/26", "JANE@example.com").content.decode()


def test_it_limits_codes_per_client_address(jane_case, settings):
    settings.PORTAL_LIMIT_PER_CLIENT = 3
    client = Client(REMOTE_ADDR="192.0.2.7")
    for i in range(3):
        request_code(client, f"DU/1{i}/26", f"y{i}@example.com")
    assert LIMITED in request_code(client, "DU/00500/26", "jane@example.com").content.decode()
    assert (
        LIMITED
        not in request_code(
            Client(REMOTE_ADDR="192.0.2.8"), "DU/00500/26", "jane@example.com"
        ).content.decode()
    )


def test_it_lets_codes_be_asked_for_again_after_the_window(jane_case, settings):
    for i in range(settings.PORTAL_LIMIT_PER_REFERENCE):
        request_code(Client(REMOTE_ADDR=f"10.0.0.{i}"), "DU/00500/26", f"x{i}@example.com")
    with time_machine.travel(timezone.now() + timedelta(minutes=settings.PORTAL_LIMIT_MINUTES + 1)):
        response = request_code(Client(), "DU/00500/26", "jane@example.com")
    assert response.status_code == 302
