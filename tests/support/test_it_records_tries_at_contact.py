"""Tries at contact that did not work are recorded on the referral page (when, how, what
happened). After the service's number of tries on one way, the page says to try another way
the victim agreed to, and never one they did not agree to; trying that works is first contact,
from the same form."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.conftest import SENT, consented
from victimcare.audit.models import AuditEvent
from victimcare.support.models import ContactAttempt, Referral, ReferralStatus
from victimcare.support.services import SupportError, contact_attempt_record, referral_send, referral_step

pytestmark = pytest.mark.django_db


def _accepted(personas, case_a, harbour, items: list[str]) -> Referral:
    person = case_a.person
    person.phone, person.email = "07700 900123", "victim@example.com"
    person.allowed_channels = ["phone", "sms", "email"]
    person.save()
    referral = consented(personas["cara"], case_a, harbour, items=items)
    referral = referral_send(actor=personas["cara"], referral=referral, occurred_at=SENT)
    return referral_step(actor=personas["pat"], referral=referral, action="accept")


@pytest.fixture
def accepted(personas, case_a, harbour) -> Referral:
    # The victim agreed to phone calls, texts and email; the provider was sent the phone number only.
    return _accepted(personas, case_a, harbour, ["name", "phone", "safe_contact"])


def _try(client: Any, referral: Referral, channel: str, result: str) -> Any:
    from django.utils import timezone

    today = timezone.localdate()
    return client.post(
        f"/provider/referrals/{referral.pk}/contact/",
        {
            "occurred_on_day": today.day,
            "occurred_on_month": today.month,
            "occurred_on_year": today.year,
            "channel": channel,
            "result": result,
        },
    )


def test_it_records_a_try_and_lists_it(personas, accepted, client_for):
    client = client_for("pat")
    response = _try(client, accepted, "phone", "no_answer")
    assert response.status_code == 302
    attempt = ContactAttempt.objects.get(referral=accepted)
    assert (attempt.channel, attempt.outcome, attempt.recorded_by) == ("phone", "no_answer", personas["pat"])
    assert AuditEvent.objects.filter(detail="contact attempt: phone, no_answer").exists()
    page = client.get(f"/provider/referrals/{accepted.pk}/").content.decode()
    assert 'id="attempts"' in page and "No answer" in page
    accepted.refresh_from_db()
    assert accepted.status == ReferralStatus.ACCEPTED


def test_it_offers_only_the_ways_the_victim_agreed_to_and_was_shared(accepted, client_for):
    page = client_for("pat").get(f"/provider/referrals/{accepted.pk}/").content.decode()
    assert 'value="phone"' in page and 'value="sms"' in page
    assert 'value="email"' not in page and 'value="letter"' not in page  # not shared; not agreed


def test_it_suggests_another_agreed_way_after_the_services_tries(accepted, client_for):
    client = client_for("pat")
    for _ in range(2):
        _try(client, accepted, "phone", "no_answer")
    page = client.get(f"/provider/referrals/{accepted.pk}/").content.decode()
    assert 'id="contact-advice"' not in page
    _try(client, accepted, "phone", "voicemail")
    page = client.get(f"/provider/referrals/{accepted.pk}/").content.decode()
    assert "You have tried 3 times by phone call. Try another way the victim agreed to: text message." in page
    assert "email" not in page.split('id="contact-advice"')[1].split("</div>")[0]
    for _ in range(3):
        _try(client, accepted, "sms", "message_sent")
    page = client.get(f"/provider/referrals/{accepted.pk}/").content.decode()
    assert "There is no other way the victim agreed to be contacted" in page
    assert "ask the victim care service what to do next" in page


def test_it_suggests_nothing_when_the_rules_were_not_shared(personas, case_a, harbour, client_for):
    referral = _accepted(personas, case_a, harbour, ["name", "phone"])
    client = client_for("pat")
    for _ in range(3):
        _try(client, referral, "phone", "no_answer")
    page = client.get(f"/provider/referrals/{referral.pk}/").content.decode()
    assert "You were not told which ways the victim agreed to be contacted" in page
    assert "Try another way" not in page


def test_it_follows_the_services_number_of_tries(accepted, harbour, client_for):
    harbour.contact_tries = 1
    harbour.save()
    client = client_for("pat")
    _try(client, accepted, "phone", "wrong_number")
    page = client.get(f"/provider/referrals/{accepted.pk}/").content.decode()
    assert "You have tried 1 time by phone call. Try another way the victim agreed to: text message." in page


def test_it_records_first_contact_from_the_same_form(accepted, client_for):
    response = _try(client_for("pat"), accepted, "sms", "spoke")
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == ReferralStatus.FIRST_CONTACT and not ContactAttempt.objects.exists()


def test_it_refuses_a_try_with_what_was_wrong_and_keeps_nothing(accepted, client_for):
    response = client_for("pat").post(f"/provider/referrals/{accepted.pk}/contact/", {"channel": "phone"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Choose what happened" in page and "Enter the date" in page
    assert not ContactAttempt.objects.exists()


def test_it_refuses_a_try_on_a_referral_not_accepted(personas, sent_referral):
    from django.utils import timezone

    with pytest.raises(SupportError, match="not possible"):
        contact_attempt_record(actor=personas["pat"], referral=sent_referral, at=timezone.now(),
                               channel="phone", outcome="no_answer")  # fmt: skip


def test_it_hides_the_form_from_a_provider_the_referral_was_not_sent_to(accepted, client_for, personas):
    from victimcare.accounts.models import Organisation, Role, User

    other = Organisation.objects.create(name="Elsewhere Support", kind=Organisation.Kind.PROVIDER)
    user = User.objects.create(username="petra", role=Role.PROVIDER_STAFF, organisation=other)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import verified_client

    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    response = _try(verified_client(user), accepted, "phone", "no_answer")
    assert response.status_code == 404 and not ContactAttempt.objects.exists()
