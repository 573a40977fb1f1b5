"""While processing of a person's data is restricted (UK GDPR art. 18) it is only stored: no
message is sent to them (notify holds it, when written and again before sending), no referral
is sent (the reason is on the form), no survey is offered; staff see a banner on the person's
and the case's pages. Lifting it lets processing start again (docs/adr/0053)."""

from __future__ import annotations

import pytest

from tests.factories import local
from tests.support.conftest import consented, load_directory
from victimcare.audit.models import AuditEvent
from victimcare.cases.services import event_record
from victimcare.notify.models import MailboxItem, OutboundMessage, Status
from victimcare.notify.safety import RESTRICTED
from victimcare.notify.services import message_send_claimed, notification_preference_set, outbox_claim_batch
from victimcare.people.models import restriction_in_force
from victimcare.people.services import person_restrict, person_restriction_lift, person_update
from victimcare.refusals import Refusal
from victimcare.support.demo_directory import HARBOUR
from victimcare.support.models import Referral
from victimcare.support.services import RESTRICTED_NO_REFERRAL, referral_send
from victimcare.voice.offers import survey_offer

pytestmark = pytest.mark.django_db

REASON = "She disputes that her address is accurate"


@pytest.fixture
def opted_in(personas, case_a):
    person = person_update(actor=personas["cara"], person=case_a.person,
                           data={"email": "jane@example.com", "allowed_channels": ["email"]})  # fmt: skip
    notification_preference_set(actor=personas["cara"], person=person, automatic_updates=True,
                                preferred_channel="email", discreet=False)  # fmt: skip
    return case_a


def _arrest(personas, vcase, day=5):
    return event_record(
        actor=personas["olly"], case=vcase, type="suspect_arrested", occurred_at=local(2026, 3, day, 12, 0)
    )


def test_no_message_is_sent_to_a_restricted_person(personas, opted_in):
    person_restrict(actor=personas["adam"], person=opted_in.person, reason=REASON)
    _arrest(personas, opted_in)
    message = OutboundMessage.objects.get(case=opted_in, template="suspect_arrested")
    assert message.status == Status.HELD and message.hold_reason == RESTRICTED
    assert not MailboxItem.objects.exists()


def test_a_message_written_before_the_restriction_is_held_before_it_is_sent(personas, opted_in, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }  # nothing sends at once
    _arrest(personas, opted_in)
    message = OutboundMessage.objects.get(case=opted_in, template="suspect_arrested")
    assert message.status == Status.QUEUED
    person_restrict(actor=personas["adam"], person=opted_in.person, reason=REASON)
    for message_id, token in outbox_claim_batch(worker="test", limit=10):
        message_send_claimed(message_id, token)
    message.refresh_from_db()
    assert message.status == Status.HELD and message.hold_reason == RESTRICTED
    assert not MailboxItem.objects.exists()


def test_once_lifted_messages_go_again(personas, opted_in):
    person_restrict(actor=personas["adam"], person=opted_in.person, reason=REASON)
    person_restriction_lift(
        actor=personas["adam"], person=opted_in.person, reason="Address checked and right"
    )
    assert restriction_in_force(opted_in.person.pk) is None
    _arrest(personas, opted_in)
    message = OutboundMessage.objects.get(case=opted_in, template="suspect_arrested")
    assert message.status == Status.QUEUED and message.hold_reason == ""  # on its way
    details = list(AuditEvent.objects.filter(person=opted_in.person, object_type="processingrestriction")
                   .order_by("id").values_list("detail", flat=True))  # fmt: skip
    assert details == ["processing restricted", "restriction of processing lifted"]


def test_no_referral_is_sent_and_the_form_says_why(personas, client_for, case_a):
    referral = consented(personas["cara"], case_a, load_directory()[HARBOUR])
    person_restrict(actor=personas["adam"], person=case_a.person, reason=REASON)
    with pytest.raises(Refusal) as refused:
        referral_send(actor=personas["cara"], referral=referral)
    assert RESTRICTED_NO_REFERRAL in refused.value.message and REASON in refused.value.message
    page = client_for("cara").post(f"/referrals/{referral.id}/send/")
    body = page.content.decode().replace("&#x27;", "'")
    assert page.status_code == 200 and "govuk-error-summary" in body
    assert "processing of the victim's data is restricted" in body and REASON in body
    referral.refresh_from_db()
    assert referral.status == Referral._meta.get_field("status").default


def test_no_survey_is_offered(personas, case_a):
    event_record(actor=personas["olly"], case=case_a, type="case_outcome_received",
                 occurred_at=local(2026, 3, 5, 12, 0), payload={"outcome": "guilty plea"})  # fmt: skip
    assert survey_offer(case_a) == "outcome"
    person_restrict(actor=personas["adam"], person=case_a.person, reason=REASON)
    assert survey_offer(case_a) is None


def test_staff_see_a_banner_on_the_person_and_case_pages(personas, client_for, case_a):
    client = client_for("cara")
    for url in (f"/people/{case_a.person_id}/", f"/cases/{case_a.id}/"):
        assert "Processing restricted" not in client.get(url).content.decode()
    person_restrict(actor=personas["adam"], person=case_a.person, reason=REASON)
    for url in (f"/people/{case_a.person_id}/", f"/cases/{case_a.id}/"):
        body = client.get(url).content.decode().replace("&#x27;", "'")
        assert "Processing of this person's data is restricted" in body and REASON in body, url


def test_the_handler_restricts_and_lifts_on_the_person_page(personas, client_for, case_a):
    client = client_for("adam")
    url = f"/data-protection/people/{case_a.person_id}/"
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    assert client.post(url, {"reason": REASON}).status_code == 302
    restriction = restriction_in_force(case_a.person_id)
    assert (
        restriction is not None
        and restriction.restricted_by == personas["adam"]
        and restriction.reason == REASON
    )
    assert client.post(url, {"lift_reason": "Checked"}).status_code == 302
    restriction.refresh_from_db()
    assert restriction.lifted_by == personas["adam"] and restriction.lift_reason == "Checked"
    with pytest.raises(Refusal):
        person_restriction_lift(actor=personas["adam"], person=case_a.person, reason="again")
