"""Staff sign-in is limited per address as well as per username: guessing a few passwords for
each of many usernames from one address locks the address, at a limit far above what a police
station's shared address sees; the per-username lock is as it was."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import PASSWORD
from victimcare.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

STATION = "192.0.2.10"
ELSEWHERE = "198.51.100.7"
USERNAMES = ("cara", "cole", "sue", "olly", "fran", "wendy", "pat", "chad", "ana", "otto")


def _sign_in(username: str, password: str, address: str, **headers: str) -> Any:
    return Client(REMOTE_ADDR=address, headers=headers).post(
        "/sign-in/", {"username": username, "password": password}
    )


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_IP_FAILURE_LIMIT = 12


def test_many_usernames_from_one_address_lock_the_address(personas, limits):
    """The attack the review found: a few guesses at each of ten users from one address."""
    answers = [
        _sign_in(username, "guess", STATION).status_code
        for username in USERNAMES[:6]
        for _ in range(2)  # two each: no username comes near its own limit of five
    ]
    assert answers == [200] * 11 + [429]  # the twelfth from the address locks it
    locked = _sign_in("ana", PASSWORD, STATION)  # the right password, from the locked address
    assert locked.status_code == 429 and b"Your account is locked" in locked.content
    # Elsewhere the same users sign in: only the address is locked.
    assert _sign_in("ana", PASSWORD, ELSEWHERE).status_code == 302
    assert _sign_in("cara", PASSWORD, ELSEWHERE).status_code == 302


def test_below_the_address_limit_a_station_signs_in(personas, limits):
    for username in USERNAMES[:5]:
        for _ in range(2):
            _sign_in(username, "typo", STATION)
    assert _sign_in("chad", PASSWORD, STATION).status_code == 302


def test_the_default_address_limit_is_far_above_the_username_limit(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_IP_FAILURE_LIMIT >= 100


def test_a_username_is_still_locked_after_five_from_anywhere(personas, limits):
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"):
        _sign_in("cara", "guess", address)
    assert _sign_in("cara", PASSWORD, ELSEWHERE).status_code == 429
    assert _sign_in("cole", PASSWORD, ELSEWHERE).status_code == 302


def test_a_colleague_signing_in_unlocks_no_one_else(personas, limits):
    for _ in range(5):
        _sign_in("cara", "guess", STATION)
    assert _sign_in("cole", PASSWORD, STATION).status_code == 302
    assert _sign_in("cara", PASSWORD, STATION).status_code == 429


def test_behind_a_trusted_proxy_the_client_address_is_counted_and_audited(personas, limits, settings):
    settings.TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"  # every request arrives from the load balancer
    for index, username in enumerate(USERNAMES[:6]):
        for _ in range(2):
            # What the client put in the header itself (left of the proxy's entry) is not read.
            forwarded = f"203.0.113.{index}, {STATION}"
            _sign_in(username, "guess", proxy, **{"X-Forwarded-For": forwarded})
    assert _sign_in("ana", PASSWORD, proxy, **{"X-Forwarded-For": STATION}).status_code == 429
    # Another client behind the same proxy is not locked out with it.
    assert _sign_in("ana", PASSWORD, proxy, **{"X-Forwarded-For": ELSEWHERE}).status_code == 302
    failed = AuditEvent.objects.filter(action="sign_in_failed").first()
    assert failed is not None and failed.ip_address == STATION
