"""A victim's request from the portal (a statement, a review, a complaint) is emailed to the
caseworker, or with none to the officer in charge for a statement or a review: what was asked,
when, and when each obligation it started is due, with a link to the case, never the victim's
words. A retried request is recorded and emailed once; with no one to tell, nothing is written."""

from __future__ import annotations

import pytest
import time_machine

from tests.factories import local
from victimcare.cases.models import VictimCase
from victimcare.messaging.services import complaint_make, review_request_make, vps_request_make
from victimcare.notify.models import OutboundMessage, Status

pytestmark = pytest.mark.django_db

LABEL = "Victim portal: victim, account 1 (Jane Smith)"


def _emails():
    return list(OutboundMessage.objects.filter(template="victim_request_received").order_by("id"))


def test_it_emails_the_caseworker_what_was_asked_and_when_it_is_due(victim_case, monday, personas):
    event = review_request_make(
        case=victim_case,
        decision_maker="police",
        reason="They never spoke to my neighbour",
        portal_label=LABEL,
    )
    [email] = _emails()
    assert (email.user, email.case, email.event, email.status) == (
        personas["cara"],
        victim_case,
        event,
        Status.QUEUED,
    )
    assert email.to_address == personas["cara"].email
    assert email.subject == "A victim asked for a review of a police decision (DU/00101/26)"
    assert "through the victim portal on Monday 16 March 2026" in email.body
    # The engine's clocks, from the stored entitlements: 10 and 30 working days (Easter skipped).
    assert "Acknowledge a request for a police review of a decision: due Monday 30 March 2026" in email.body
    assert "Decide a request for a police review of a decision: due Wednesday 29 April 2026" in email.body
    assert f"/cases/{victim_case.pk}/" in email.body
    assert "neighbour" not in email.body and "neighbour" not in email.subject


def test_it_never_sends_a_complaints_words(victim_case, monday):
    complaint_make(
        case=victim_case, against="cps", summary="The prosecutor laughed at me", portal_label=LABEL
    )
    [email] = _emails()
    assert email.subject == "A victim made a complaint about the Crown Prosecution Service (DU/00101/26)"
    assert "Acknowledge or answer a complaint: due Monday 30 March 2026" in email.body
    assert "laughed" not in email.body and "prosecutor" not in email.body.lower()


def test_it_says_a_statement_request_has_no_date_until_sentence(victim_case, monday):
    vps_request_make(case=victim_case, kind="update", portal_label=LABEL)
    [email] = _emails()
    assert email.subject == "A victim asked to update their Victim Personal Statement (DU/00101/26)"
    assert "no date yet (due before: Offender sentenced)" in email.body


def _without_caseworker(case: VictimCase) -> VictimCase:
    VictimCase.objects.filter(pk=case.pk).update(caseworker=None)
    case.refresh_from_db()
    return case


def test_it_tells_the_officer_in_charge_when_there_is_no_caseworker(victim_case, monday, personas):
    case = _without_caseworker(victim_case)
    vps_request_make(case=case, kind="make", portal_label=LABEL)
    review_request_make(case=case, decision_maker="cps", reason="", portal_label=LABEL)
    assert [e.user for e in _emails()] == [personas["olly"], personas["olly"]]


def test_it_tells_the_officer_when_the_caseworker_has_left(victim_case, monday, personas):
    personas["cara"].is_active = False
    personas["cara"].save(update_fields=["is_active"])
    vps_request_make(case=victim_case, kind="make", portal_label=LABEL)
    assert [e.user for e in _emails()] == [personas["olly"]]


def test_it_writes_nothing_when_there_is_no_one_to_tell(victim_case, monday):
    case = _without_caseworker(victim_case)
    complaint_make(
        case=case, against="police", summary="Nobody called", portal_label=LABEL
    )  # not the officer's
    VictimCase.objects.filter(pk=case.pk).update(officer_in_charge=None)
    case.refresh_from_db()
    vps_request_make(case=case, kind="make", portal_label=LABEL)
    assert _emails() == []
    assert case.events.filter(type__in=["complaint_received", "vps_requested"]).count() == 2


def test_it_records_and_emails_a_retried_request_once(victim_case, monday):
    first = complaint_make(case=victim_case, against="police", summary="Nobody called", portal_label=LABEL)
    again = complaint_make(case=victim_case, against="police", summary="Nobody called", portal_label=LABEL)
    assert again == first
    assert victim_case.events.filter(type="complaint_received").count() == 1
    assert len(_emails()) == 1


def test_it_treats_a_different_or_later_request_as_new(victim_case, personas):
    with time_machine.travel(local(2026, 3, 16, 10, 0), tick=False):
        vps_request_make(case=victim_case, kind="make", portal_label=LABEL)
        vps_request_make(case=victim_case, kind="update", portal_label=LABEL)  # a different request
    with time_machine.travel(local(2026, 3, 16, 11, 30), tick=False):
        vps_request_make(case=victim_case, kind="make", portal_label=LABEL)  # asked again later
    assert victim_case.events.filter(type="vps_requested").count() == 3
    assert len(_emails()) == 3


def test_it_emails_once_when_the_victim_sends_from_two_devices(
    victim_case, monday, portal_account, portal_client
):
    account = portal_account(victim_case)
    client = portal_client(account)
    client.post("/portal/ask/statement/", {"kind": "make"})
    other_tab = portal_client(account)
    other_tab.post("/portal/ask/statement/", {"kind": "make"})
    first = client.post("/portal/ask/statement/check/")
    second = other_tab.post("/portal/ask/statement/check/")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]  # the same request's confirmation
    assert victim_case.events.filter(type="vps_requested").count() == 1
    assert len(_emails()) == 1
