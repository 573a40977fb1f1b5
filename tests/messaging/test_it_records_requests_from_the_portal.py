"""Each "ask for" request records its event from the portal (no staff actor, the portal
account's label) and starts the engine's clocks: stored entitlements with their due dates."""

from __future__ import annotations

from datetime import date

import pytest

from victimcare.cases.models import EventSource
from victimcare.messaging.selectors import request_next_steps
from victimcare.messaging.services import (
    MessagingError,
    complaint_make,
    review_request_make,
    vps_request_make,
)
from victimcare.rights.models import Entitlement

pytestmark = pytest.mark.django_db

LABEL = "Victim portal: victim, account 1 (Jane Smith)"


def _due(event):
    return dict(Entitlement.objects.filter(trigger=event).values_list("rule", "due"))


def test_it_records_a_request_for_a_police_review_and_starts_both_clocks(victim_case, monday):
    event = review_request_make(
        case=victim_case, decision_maker="police", reason="They never spoke to me", portal_label=LABEL
    )
    assert (event.type, event.payload, event.source) == (
        "vrr_requested",
        {"decision_maker": "police"},
        EventSource.PORTAL,
    )
    assert event.actor is None and event.actor_label == LABEL and event.notes == "They never spoke to me"
    # Monday 16 March 2026: 10 working days is Monday 30 March; 30 working days skips Good
    # Friday (3 April) and Easter Monday (6 April) and is Wednesday 29 April.
    assert _due(event) == {"VRR_POLICE_ACK": date(2026, 3, 30), "VRR_POLICE_DECISION": date(2026, 4, 29)}
    assert [s.due for s in request_next_steps(event)] == [date(2026, 3, 30), date(2026, 4, 29)]


def test_it_records_a_request_for_a_cps_review_on_the_cps_clock(victim_case, monday):
    event = review_request_make(case=victim_case, decision_maker="cps", reason="", portal_label=LABEL)
    rules = _due(event)
    assert "VRR_POLICE_ACK" not in rules and "VRR_POLICE_DECISION" not in rules


def test_it_records_a_complaint_and_starts_the_acknowledgement_clock(victim_case, monday):
    event = complaint_make(
        case=victim_case, against="police", summary="  Nobody called me back  ", portal_label=LABEL
    )
    assert event.type == "complaint_received" and event.source == EventSource.PORTAL
    assert event.payload == {"against": "police", "summary": "Nobody called me back"}
    # The first reply in 10 working days, and the full reply (no Code clock: docs/adr/0059).
    assert _due(event) == {"R12_COMPLAINT_ACK": date(2026, 3, 30), "R12_COMPLAINT_REPLY": None}


def test_it_records_a_request_to_make_a_statement(victim_case, monday):
    event = vps_request_make(case=victim_case, kind="update", portal_label=LABEL)
    assert (event.type, event.payload, event.actor, event.source) == (
        "vps_requested",
        {"kind": "update"},
        None,
        EventSource.PORTAL,
    )


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: vps_request_make(case=c, kind="delete", portal_label=LABEL), "kind"),
        (
            lambda c: review_request_make(case=c, decision_maker="court", reason="", portal_label=LABEL),
            "decision_maker",
        ),
        (lambda c: complaint_make(case=c, against="police", summary="  ", portal_label=LABEL), "summary"),
        (lambda c: complaint_make(case=c, against="judge", summary="x", portal_label=LABEL), "against"),
        (
            lambda c: complaint_make(case=c, against="police", summary="x" * 2001, portal_label=LABEL),
            "summary",
        ),
    ],
)
def test_it_refuses_a_bad_request_and_records_nothing(victim_case, call, field):
    before = victim_case.events.count()
    with pytest.raises(MessagingError) as refused:
        call(victim_case)
    assert refused.value.field == field
    assert victim_case.events.count() == before
