"""The referral workflow: draft -> sent -> accepted or declined -> first contact -> engaged -> closed,
each step an event answering the sent event; every step not allowed is refused with the reason."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import local
from tests.support.conftest import SENT, consented
from victimcare.cases.models import Event
from victimcare.support.models import Referral, ReferralStatus
from victimcare.support.services import TRANSITIONS, SupportError, referral_send, referral_step

pytestmark = pytest.mark.django_db
S = ReferralStatus

# The path to each status from a sent referral, as (action, extra) steps by the provider.
PATHS: dict[str, list[str]] = {
    S.SENT: [],
    S.ACCEPTED: ["accept"],
    S.DECLINED: ["decline"],
    S.FIRST_CONTACT: ["accept", "first_contact"],
    S.ENGAGED: ["accept", "first_contact", "engage"],
    S.CLOSED: ["accept", "first_contact", "engage", "close"],
}
EXTRA = {"decline": {"reason": "Outside our area"}, "close": {"outcome_code": "needs_met", "outcome": "Support completed"},
         "first_contact": {"channel": "phone"}}  # fmt: skip


def _walk(referral: Referral, pat, actions: list[str]) -> Referral:
    for day, action in enumerate(actions, start=3):
        referral = referral_step(actor=pat, referral=referral, action=action, occurred_at=local(2026, 3, day, 10),
                                 **EXTRA.get(action, {}))  # fmt: skip
    return referral


def _at(status: str, personas, sent_referral, case_a, harbour) -> Referral:
    if status == S.DRAFT:
        return consented(personas["cara"], case_a, harbour)
    if status == S.DECLINED_BY_VICTIM:
        draft = consented(personas["cara"], case_a, harbour)
        return referral_step(actor=personas["cara"], referral=draft, action="decline_by_victim")
    return _walk(sent_referral, personas["pat"], PATHS[status])


def test_it_records_each_step_as_an_event_about_the_sent_event(personas, sent_referral):
    referral = _walk(sent_referral, personas["pat"], PATHS[S.CLOSED])
    referral.refresh_from_db()
    assert referral.status == S.CLOSED and referral.outcome == "Needs met. Support completed"
    assert referral.outcome_code == "needs_met"
    sent = Event.objects.get(pk=referral.sent_event_id)  # type: ignore[misc]  # set once sent
    assert sent.type == "referred_to_support" and sent.payload == {"service": "Harbour Support Services"}
    steps = list(Event.objects.filter(about=sent).order_by("occurred_at").values_list("type", flat=True))
    assert steps == ["referral_accepted", "referral_first_contact", "referral_engaged", "referral_closed"]
    closed = Event.objects.get(about=sent, type="referral_closed")
    assert (
        closed.payload == {"outcome": "Needs met. Support completed"}
        and "Harbour Support Services" in closed.actor_label
    )


def test_it_records_a_decline_with_its_reason(personas, sent_referral):
    referral = _walk(sent_referral, personas["pat"], ["decline"])
    assert referral.status == S.DECLINED and referral.decline_reason == "Outside our area"
    event = Event.objects.get(about_id=referral.sent_event_id)
    assert event.type == "referral_declined" and event.payload == {"reason": "Outside our area"}


def test_it_refuses_a_decline_without_a_reason(personas, sent_referral):
    with pytest.raises(SupportError, match="Enter why"):
        referral_step(actor=personas["pat"], referral=sent_referral, action="decline", reason=" ")
    sent_referral.refresh_from_db()
    assert sent_referral.status == S.SENT


def test_it_refuses_a_close_without_an_outcome(personas, sent_referral):
    referral = _walk(sent_referral, personas["pat"], ["accept"])
    with pytest.raises(SupportError, match="Choose the outcome"):
        referral_step(actor=personas["pat"], referral=referral, action="close")


def test_it_closes_an_accepted_referral_when_contact_never_happens(personas, sent_referral):
    referral = _walk(sent_referral, personas["pat"], ["accept", "close"])
    assert referral.status == S.CLOSED


CASES = [(status, action) for status in S.values for action in TRANSITIONS]


@pytest.mark.parametrize(("status", "action"), CASES)
def test_it_allows_only_the_steps_in_the_table(personas, sent_referral, case_a, harbour, status, action):
    referral = _at(status, personas, sent_referral, case_a, harbour)
    actor = (
        personas["pat"]
        if action in ("accept", "decline", "first_contact", "engage", "close")
        else personas["cara"]
    )
    allowed = status in TRANSITIONS[action][0]
    events_before = Event.objects.filter(case=case_a).count()
    kwargs: dict[str, Any] = {k: v for k, v in EXTRA.get(action, {}).items()}
    try:
        if action == "send":
            referral_send(actor=actor, referral=referral)
        else:
            referral_step(actor=actor, referral=referral, action=action, **kwargs)
    except SupportError as err:
        assert not allowed, f"{action} from {status} refused: {err.message}"
        assert "is not possible: this referral" in err.message
        referral.refresh_from_db()
        assert referral.status == status
        assert Event.objects.filter(case=case_a).count() == events_before
    else:
        assert allowed, f"{action} from {status} was allowed"
        referral.refresh_from_db()
        assert referral.status == TRANSITIONS[action][1]
        assert Event.objects.filter(case=case_a).count() == events_before + 1


def test_it_says_why_a_step_is_refused(personas, sent_referral):
    with pytest.raises(SupportError) as err:
        referral_step(actor=personas["pat"], referral=sent_referral, action="engage")
    assert err.value.message == (
        "Recording that the victim is engaging is not possible: "
        "this referral is waiting for the service to accept or decline it."
    )


def test_it_lets_only_the_provider_record_its_own_steps(personas, sent_referral):
    with pytest.raises(SupportError, match="records this step itself"):
        referral_step(actor=personas["cara"], referral=sent_referral, action="accept")


def test_it_lets_staff_record_the_steps_of_an_external_service(personas, case_a, external):
    referral = consented(personas["cara"], case_a, external)
    referral = referral_send(actor=personas["cara"], referral=referral, occurred_at=SENT)
    assert referral.status == S.SENT and referral.provider_id is None
    referral = referral_step(actor=personas["cara"], referral=referral, action="accept",
                             occurred_at=local(2026, 3, 4, 9))  # fmt: skip
    assert referral.status == S.ACCEPTED
    with pytest.raises(SupportError, match="records its own steps"):
        referral_step(actor=personas["pat"], referral=referral, action="first_contact", channel="phone")


def test_it_refuses_a_step_dated_before_the_last_one(personas, sent_referral):
    with pytest.raises(SupportError, match="on or after"):
        referral_step(
            actor=personas["pat"], referral=sent_referral, action="accept", occurred_at=local(2026, 3, 1, 9)
        )


def test_it_shows_a_refused_step_page_with_the_reason(client_for, sent_referral):
    r = client_for("pat").post(f"/provider/referrals/{sent_referral.id}/engage/", {"occurred_on_day": "5"})
    assert r.status_code == 409
    assert "is not possible: this referral is waiting for the service" in r.content.decode()
    sent_referral.refresh_from_db()
    assert sent_referral.status == S.SENT


def test_it_accepts_through_the_provider_pages(client_for, sent_referral):
    r = client_for("pat").post(
        f"/provider/referrals/{sent_referral.id}/accept/",
        {"occurred_on_day": "4", "occurred_on_month": "3", "occurred_on_year": "2026"},
    )
    assert r.status_code == 302
    sent_referral.refresh_from_db()
    assert sent_referral.status == S.ACCEPTED and sent_referral.accepted_at.date().isoformat() == "2026-03-04"


def test_it_keeps_what_was_typed_when_a_decline_has_no_reason(client_for, sent_referral):
    r = client_for("pat").post(
        f"/provider/referrals/{sent_referral.id}/decline/",
        {
            "occurred_on_day": "4",
            "occurred_on_month": "3",
            "occurred_on_year": "2026",
            "notes": "Called twice",
        },
    )
    body = r.content.decode()
    assert r.status_code == 200 and "govuk-error-summary" in body and "Enter why" in body
    assert "Called twice" in body
