"""Rights 6 and 9: a victim who opted in to automatic updates hears the crime's outcome in plain
words, in English or Welsh, with no outcome number or official label; the update meets the
Right 6 closure obligation."""

from __future__ import annotations

import re

import pytest

from tests.notify.conftest import record, record_if_any
from victimcare.cases.models import Event
from victimcare.notify.models import MailboxItem, OutboundMessage
from victimcare.rights.models import Entitlement

pytestmark = pytest.mark.django_db


def test_it_emails_the_victim_why_the_investigation_closed(
    personas, victim_case, tuesday, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        msg = record(victim_case, "outcome_recorded", personas["olly"], outcome_type=18)
    assert msg is not None
    body = MailboxItem.objects.get(message=msg).body
    assert body.startswith("Dear Jane,")
    assert (
        "The police have closed the investigation because they could not find out who committed the crime."
        in body
    )
    assert "18" not in body and "no suspect identified" not in body.lower()
    informed = Event.objects.get(case=victim_case, type="victim_informed")
    assert informed.about.type == "outcome_recorded"
    assert Entitlement.objects.get(case=victim_case, rule="R6_CASE_CLOSED").status == "met"


def test_it_writes_the_outcome_in_welsh(
    personas, victim_case_factory, tuesday, django_capture_on_commit_callbacks
):
    vcase = victim_case_factory(reference="DU/00101/26", language="cy")
    with django_capture_on_commit_callbacks(execute=True):
        msg = record(vcase, "outcome_recorded", personas["olly"], outcome_type=16)
    body = MailboxItem.objects.get(message=msg).body
    assert body.startswith("Annwyl Jane,")
    assert "Mae'r heddlu wedi cau'r ymchwiliad" in body
    assert not re.search(r"\b16\b", body)


def test_it_sends_nothing_for_an_outcome_not_yet_assigned(personas, victim_case, tuesday):
    assert record_if_any(victim_case, "outcome_recorded", personas["olly"], outcome_type=0) is None
    assert not OutboundMessage.objects.filter(case=victim_case).exists()


def test_it_sends_nothing_to_a_victim_who_did_not_opt_in(personas, victim_case_factory, tuesday):
    vcase = victim_case_factory(reference="DU/00102/26", opt_in=False)
    assert record_if_any(vcase, "outcome_recorded", personas["olly"], outcome_type=18) is None
