"""Fixtures for messaging, requests and the survey (personas and cases from tests/conftest.py).

- `portal_account(case, role=..., language=...)` makes a portal account for a case (the
  victim's own, unless a role and person are given); `portal_client(account)` is a test client
  signed in to the portal as it (the session keys the portal's sign-in writes).
- `victim_case`: Jane Smith on team North (cara's), officer olly, who agreed to email and text.
- `monday`: Monday 16 March 2026, 10:00 in London (a working day).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from tests.factories import local, make_victim_case
from victimcare.cases.models import VictimCase
from victimcare.people.models import Person
from victimcare.portal.auth import SESSION_ACCOUNT, SESSION_LANGUAGE, SESSION_SEEN, SESSION_SIGNED_IN
from victimcare.portal.models import AccountRole, PortalAccount


@pytest.fixture(autouse=True)
def _notify_settings(settings):
    settings.NOTIFY_TRANSPORT = "mailbox"
    settings.NOTIFY_ORGANISATION_TRANSPORTS = {}


@pytest.fixture
def monday() -> Iterator[None]:
    with time_machine.travel(local(2026, 3, 16, 10, 0), tick=False):
        yield


def make_account(
    case: VictimCase, *, role: str = AccountRole.VICTIM, person: Person | None = None, language: str = "en"
) -> PortalAccount:
    person = person or case.person
    return PortalAccount.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        person=person,
        role=role,
        display_name=person.full_name,
        language=language,
    )


@pytest.fixture
def portal_account() -> Callable[..., PortalAccount]:
    return make_account


def portal_session(client: Client, account: PortalAccount) -> Client:
    """Write the keys portal sign-in writes (victimcare/portal/auth.py portal_session_start)."""
    session = client.session
    now = time.time()
    session[SESSION_ACCOUNT] = account.pk
    session[SESSION_SIGNED_IN] = now
    session[SESSION_SEEN] = now
    session[SESSION_LANGUAGE] = account.language_code
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = str(session.session_key)
    return client


@pytest.fixture
def portal_client() -> Callable[[PortalAccount], Client]:
    return lambda account: portal_session(Client(), account)


@pytest.fixture
def victim_case(personas: dict[str, Any]) -> VictimCase:
    return make_victim_case(personas, reference="DU/00101/26")
