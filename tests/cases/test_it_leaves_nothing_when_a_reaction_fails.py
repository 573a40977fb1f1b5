"""Recording an event is all or nothing: when anything that follows it fails (the stored
entitlements, the victim's automatic update), neither the event, nor its audit row, nor any
other row it caused is left behind.

These tests run outside a test transaction (transaction=True) because that is where the
promise matters: the staff page calls the service with no transaction of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.factories import local, make_victim_case
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import Event, VictimCase
from victimcare.cases.services import event_record
from victimcare.notify import services as notify_services
from victimcare.notify.models import OutboundMessage
from victimcare.rights import services as rights_services
from victimcare.rights.models import CaseRights, Entitlement

pytestmark = pytest.mark.django_db(transaction=True)


class Boom(RuntimeError):
    pass


def _boom(*args: Any, **kwargs: Any) -> None:
    raise Boom("a reaction failed")


@pytest.fixture
def opted_in_case(personas: dict[str, Any]) -> VictimCase:
    """Jane Smith's case (cara's team); she opted in to automatic updates, so an arrest
    writes a message to the outbox."""
    vcase = make_victim_case(personas, reference="DU/00200/26")
    notify_services.notification_preference_set(
        actor=personas["cara"],
        person=vcase.person,
        automatic_updates=True,
        preferred_channel="",
        discreet=False,
    )
    return vcase


def _state(vcase: VictimCase) -> tuple[Any, ...]:
    vcase.refresh_from_db()
    rights = CaseRights.objects.get(case=vcase)
    return (
        list(Event.objects.filter(case=vcase).values_list("id", "type")),
        AuditEvent.objects.count(),
        sorted(Entitlement.objects.filter(case=vcase).values_list("rule", "status", "due")),
        (rights.enhanced, rights.reasons, rights.computed_at),
        OutboundMessage.objects.count(),
        (vcase.stage, vcase.last_event_at, vcase.vulnerable, vcase.repeat_victim),
    )


FAILURES = {
    "the entitlement refresh": (rights_services, "recompute_cases"),
    "the outbox write": (notify_services, "message_write"),
}


@pytest.mark.parametrize("failing", FAILURES, ids=list(FAILURES))
def test_it_keeps_nothing_from_the_record_an_event_page(
    failing: str,
    opted_in_case: VictimCase,
    client_for: Callable[[str], Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _state(opted_in_case)
    client = client_for("olly")
    monkeypatch.setattr(*FAILURES[failing], _boom)
    with pytest.raises(Boom):
        client.post(
            f"/cases/{opted_in_case.id}/events/new/?type=suspect_arrested",
            {"occurred_on_day": "3", "occurred_on_month": "3", "occurred_on_year": "2026",
             "occurred_time": "14:30"},
        )  # fmt: skip
    assert _state(opted_in_case) == before
    assert not Event.objects.filter(case=opted_in_case, type="suspect_arrested").exists()


@pytest.mark.parametrize("failing", FAILURES, ids=list(FAILURES))
def test_it_keeps_nothing_from_the_service(
    failing: str, opted_in_case: VictimCase, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _state(opted_in_case)
    monkeypatch.setattr(*FAILURES[failing], _boom)
    with pytest.raises(Boom):
        event_record(
            actor=personas["olly"],
            case=opted_in_case,
            type="suspect_arrested",
            occurred_at=local(2026, 3, 3, 14, 30),
        )
    assert _state(opted_in_case) == before


def test_it_writes_the_event_and_its_reactions_when_nothing_fails(
    opted_in_case: VictimCase, personas: dict[str, Any]
) -> None:
    """The control: the same event, with nothing failing, leaves the event, its audit row, the
    arrest's entitlement, the victim's update and the invitation to the investigation's survey
    (docs/adr/0049)."""
    before = _state(opted_in_case)
    event_record(
        actor=personas["olly"],
        case=opted_in_case,
        type="suspect_arrested",
        occurred_at=local(2026, 3, 3, 14, 30),
    )
    after = _state(opted_in_case)
    assert after[0] != before[0] and after[1] > before[1] and after[4] == before[4] + 2
    assert "R6_ARREST" in {rule for rule, _, _ in after[2]}
