"""Fixtures for the notification tests (personas and cases come from tests/conftest.py).

- victim_case: Jane Smith on team North (cara's), officer olly, who agreed to email and text
  messages and opted in to automatic updates (by email first).
- `now` is fixed by time_machine where a test needs it; the mailbox transport is the default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from tests.factories import local
from tests.factories import make_victim_case as make_victim_case_of
from victimcare.cases.models import VictimCase
from victimcare.notify import services
from victimcare.notify.models import OutboundMessage


@pytest.fixture(autouse=True)
def _notify_settings(settings):
    settings.NOTIFY_TRANSPORT = "mailbox"
    settings.NOTIFY_ORGANISATION_TRANSPORTS = {}
    settings.NOTIFY_EXTRA_TRANSPORTS = {"counting": "tests.notify.fakes.CountingTransport"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # These tests count the automatic updates an event sends; the survey invitation some events
    # also send (docs/adr/0049) is tested with the survey, in tests/voice.
    settings.SURVEY_INVITATIONS = False


@pytest.fixture
def tuesday() -> Iterator[None]:
    """Tuesday 7 April 2026, 10:00 in London (a working day, inside ordinary safe times)."""
    with time_machine.travel(local(2026, 4, 7, 10, 0), tick=False):
        yield


def make_victim_case(
    personas: dict[str, Any],
    *,
    reference: str,
    opt_in: bool = True,
    preferred: str = "",
    discreet: bool = False,
    **person: Any,
) -> VictimCase:
    vcase = make_victim_case_of(personas, reference=reference, **person)
    victim = vcase.person
    if opt_in:
        services.notification_preference_set(
            actor=personas["cara"],
            person=victim,
            automatic_updates=True,
            preferred_channel=preferred,
            discreet=discreet,
        )
    return vcase


@pytest.fixture
def victim_case(personas) -> VictimCase:
    return make_victim_case(personas, reference="DU/00100/26")


@pytest.fixture
def victim_case_factory(personas) -> Callable[..., VictimCase]:
    return lambda **kw: make_victim_case(personas, **kw)


def record_if_any(
    case: VictimCase, type_: str, actor: Any, at: Any = None, **payload: Any
) -> OutboundMessage | None:
    """Record an event through the service and return the message it wrote, if any."""
    from victimcare.cases.services import event_record

    event = event_record(
        actor=actor, case=case, type=type_, occurred_at=at or local(2026, 4, 7, 9, 0), payload=payload or None
    )
    return OutboundMessage.objects.filter(event=event).first()


def record(case: VictimCase, type_: str, actor: Any, at: Any = None, **payload: Any) -> OutboundMessage:
    """Record an event through the service and return the message it wrote (there must be one)."""
    message = record_if_any(case, type_, actor, at, **payload)
    if message is None:
        raise LookupError(f"recording {type_} wrote no message")
    return message
