"""Fixtures for the portal tests (personas and cases come from tests/conftest.py).

- jane_case: Jane Smith (victim, team North, cara's caseworker), who agreed to email and text;
  email jane@example.com, mobile 07700 900982.
- `portal_client(case, address)` signs a test client in through the real pages, reading the code
  from the demo mailbox. Jobs run at once (the immediate task backend), as db_worker would.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client, TestCase

from tests.factories import make_victim_case
from victimcare.cases.models import VictimCase
from victimcare.notify.models import MailboxItem

CODE = re.compile(r"\b(\d{3}) (\d{3})\b")


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    settings.NOTIFY_TRANSPORT = "mailbox"
    settings.NOTIFY_ORGANISATION_TRANSPORTS = {}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def victim_case(personas: dict[str, Any], *, reference: str, **person: Any) -> VictimCase:
    return make_victim_case(personas, reference=reference, **person)


@pytest.fixture
def jane_case(personas) -> VictimCase:
    return victim_case(personas, reference="DU/00500/26")


def last_code(address: str) -> str:
    """The code in the newest mailbox message to `address`."""
    item = MailboxItem.objects.filter(to_address=address).order_by("-id").first()
    assert item is not None, f"no message to {address}"
    match = CODE.search(item.body)
    assert match, item.body
    return match.group(1) + match.group(2)


def request_code(client: Client, reference: str, address: str) -> Any:
    """Ask for a code; the job (matching, writing and sending the code) runs on commit, as the
    worker would run it just after."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/portal/sign-in/", {"reference": reference, "address": address})


def portal_sign_in(client: Client, reference: str, address: str) -> Any:
    response = request_code(client, reference, address)
    assert response.status_code == 302, response.content
    return client.post("/portal/sign-in/code/", {"code": last_code(address)})


@pytest.fixture
def portal_client(db) -> Callable[..., Client]:
    def make(case: VictimCase, address: str = "jane@example.com") -> Client:
        client = Client()
        response = portal_sign_in(client, case.crime.crime_reference, address)
        assert response.status_code == 302 and response["Location"] == "/portal/", response
        return client

    return make
