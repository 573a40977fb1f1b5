"""Fixtures for the data protection tests (personas and case_a come from tests/conftest.py).

- adam is the OPCC's administrator, who holds HANDLE_SUBJECT_ACCESS (the data protection officer);
- seeded: case_a (Jane Smith, cara's) with her message naming a neighbour, Mark Jones, a staff
  reply, a referral sent to Harbour with what was shared, and cara's look at the case;
- sar: Jane's subject access request, received 2 March 2026, identity verified on 3 March.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from typing import Any

import pytest

from tests.factories import local
from tests.support.conftest import SENT, consented, load_directory
from victimcare.cases.models import VictimCase
from victimcare.dataprotection.models import SubjectAccessRequest
from victimcare.dataprotection.services import sar_create
from victimcare.messaging.services import message_send_from_staff, message_send_from_victim
from victimcare.support.demo_directory import HARBOUR
from victimcare.support.services import referral_send

THIRD_PARTY = "Mark Jones"
VICTIM_MESSAGE = f"My neighbour {THIRD_PARTY} saw the man run off. Can you call me after 5?"


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.NOTIFY_TRANSPORT = "mailbox"
    settings.NOTIFY_ORGANISATION_TRANSPORTS = {}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def seeded(personas, case_a: VictimCase, client_for) -> VictimCase:
    person = case_a.person
    person.phone = "07700 900123"
    person.save()
    message_send_from_victim(
        case=case_a, body=VICTIM_MESSAGE, sender_label="Jane Smith", now=local(2026, 3, 3, 9, 0)
    )
    message_send_from_staff(
        actor=personas["cara"],
        case=case_a,
        body="Thank you, I will ring you at 5.",
        now=local(2026, 3, 3, 10, 0),
    )
    harbour = load_directory()[HARBOUR]
    referral = consented(personas["cara"], case_a, harbour, items=["name", "phone", "safe_contact"])
    referral_send(actor=personas["cara"], referral=referral, occurred_at=SENT)
    assert client_for("cara").get(f"/cases/{case_a.id}/").status_code == 200  # an audited look
    return case_a


@pytest.fixture
def sar(personas, seeded) -> SubjectAccessRequest:
    return sar_create(
        actor=personas["adam"],
        requester_name="Jane Smith",
        requester="subject",
        first_name="Jane",
        last_name="Smith",
        date_of_birth=date(1987, 2, 14),
        received_on=date(2026, 3, 2),
        identity_verified_on=date(2026, 3, 3),
        identity_evidence="Passport seen at the office",
    )


def archive_files(data: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: json.loads(archive.read(name)) for name in archive.namelist()}


def archive_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode() for name in archive.namelist())
