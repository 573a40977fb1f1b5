"""When a referral is sent to a service of ours, the provider is told by email: its referral
inbox and each of its staff told of new referrals. Staff mail, through the outbox, and nothing
about the victim in it: a reference and a link opened after signing in."""

from __future__ import annotations

import pytest

from tests.support.conftest import SENT, consented
from victimcare.accounts.models import Organisation, Role, User
from victimcare.notify.models import Audience, OutboundMessage
from victimcare.support.services import referral_send

pytestmark = pytest.mark.django_db


def _arrived() -> list[OutboundMessage]:
    return list(OutboundMessage.objects.filter(template="referral_arrived").order_by("to_address"))


def _send(personas, case_a, service):
    case_a.person.phone = "07700 900123"
    case_a.person.save()
    referral = consented(personas["cara"], case_a, service, items=["name", "phone", "safe_contact"])
    return referral_send(actor=personas["cara"], referral=referral, occurred_at=SENT)


def test_it_emails_the_providers_staff_and_its_referral_inbox(personas, case_a, harbour):
    harbour.referral_email = "referrals@harbour.example.org"
    harbour.save()
    referral = _send(personas, case_a, harbour)
    sent = _arrived()
    assert sorted(m.to_address for m in sent) == sorted(
        [personas["pat"].email, "referrals@harbour.example.org"]
    )
    for msg in sent:
        assert msg.audience == Audience.STAFF and msg.channel == "email"
        assert f"Referral {referral.pk}" in msg.subject
        assert f"/provider/referrals/{referral.pk}/" in msg.body
    inbox = next(m for m in sent if m.user_id is None)
    assert inbox.recipient_label == "referrals@harbour.example.org"


def test_it_carries_nothing_about_the_victim(personas, case_a, harbour):
    _send(personas, case_a, harbour)
    person, crime = case_a.person, case_a.crime
    for msg in _arrived():
        text = f"{msg.subject}\n{msg.body}"
        for secret in (
            person.first_name,
            person.last_name,
            person.phone,
            crime.crime_reference,
            crime.crime_type,
        ):
            assert secret and secret not in text


def test_it_tells_no_one_at_a_service_outside_the_system(personas, case_a, external):
    _send(personas, case_a, external)
    assert _arrived() == []


def test_it_tells_only_active_staff_of_the_provider(personas, case_a, harbour):
    provider = Organisation.objects.get(name="Harbour Support Services")
    gone = User.objects.create(username="gone", email="gone@harbour.example.org", role=Role.PROVIDER_STAFF,
                               organisation=provider, is_active=False)  # fmt: skip
    _send(personas, case_a, harbour)
    assert gone.email not in [m.to_address for m in _arrived()]
    assert [m.user_id for m in _arrived()] == [personas["pat"].pk]


def test_it_sets_the_targets_when_sent(personas, case_a, harbour):
    # Sent Monday 2 March 2026: accept within 2 working days, first contact within 5.
    referral = _send(personas, case_a, harbour)
    assert str(referral.accept_by) == "2026-03-04"
    assert str(referral.first_contact_by) == "2026-03-09"


def test_it_writes_nothing_if_the_send_is_refused(personas, case_a, harbour):
    from victimcare.support.services import SupportError

    referral = consented(personas["cara"], case_a, harbour)
    harbour.active = False
    harbour.save()
    with pytest.raises(SupportError):
        referral_send(actor=personas["cara"], referral=referral, occurred_at=SENT)
    assert _arrived() == []
