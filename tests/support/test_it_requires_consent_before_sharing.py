"""No data leaves without consent: who agreed, how, when and exactly which items, chosen from a
list that defaults to the minimum; details marked unsafe can never be shared."""

from __future__ import annotations

import pytest

from tests.factories import agree_safe_contact
from tests.support.conftest import consented
from victimcare.cases.models import Event
from victimcare.support.models import Referral
from victimcare.support.services import SupportError, referral_create, referral_send

pytestmark = pytest.mark.django_db


def test_it_refuses_to_send_without_consent(personas, case_a, harbour):
    referral = referral_create(actor=personas["cara"], case=case_a, service=harbour)
    with pytest.raises(SupportError, match="first record the victim's consent"):
        referral_send(actor=personas["cara"], referral=referral)
    referral.refresh_from_db()
    assert referral.status == "draft" and referral.snapshot == []
    assert not Event.objects.filter(case=case_a, type="referred_to_support").exists()


def test_it_refuses_to_send_without_consent_through_the_page(client_for, personas, case_a, harbour):
    referral = referral_create(actor=personas["cara"], case=case_a, service=harbour)
    r = client_for("cara").post(f"/referrals/{referral.id}/send/")
    body = r.content.decode()
    assert "govuk-error-summary" in body and "first record the victim&#x27;s consent" in body
    referral.refresh_from_db()
    assert referral.status == "draft"


def test_it_records_consent_through_the_page_with_the_minimum_chosen_first(
    client_for, personas, case_a, harbour
):
    person = case_a.person
    person.phone, person.email, person.allowed_channels = (
        "07700 900123",
        "jane@example.org",
        ["email", "phone"],
    )
    person.save()
    agree_safe_contact(personas["cara"], person)
    referral = referral_create(actor=personas["cara"], case=case_a, service=harbour)
    client = client_for("cara")
    page = client.get(f"/referrals/{referral.id}/consent/")
    assert page.context["form"].initial["items"] == ["name", "safe_contact", "email"]
    r = client.post(f"/referrals/{referral.id}/consent/", {
        "consent_by": "parent_guardian", "consent_method": "in_person",
        "consent_on_day": "2", "consent_on_month": "3", "consent_on_year": "2026",
        "items": ["name", "email"],
    })  # fmt: skip
    assert r.status_code == 302
    referral.refresh_from_db()
    assert referral.consent_by == "parent_guardian" and referral.consent_method == "in_person"
    assert referral.consent_recorded_by == personas["cara"] and referral.shared_items == ["name", "email"]
    check = client.get(f"/referrals/{referral.id}/send/").content.decode()
    assert "jane@example.org" in check and "07700 900123" not in check  # staff see what will go


def test_it_never_shares_a_detail_marked_unsafe(client_for, personas, case_a, harbour):
    person = case_a.person
    person.phone, person.phone_unsafe = "07700 900123", True
    person.save()
    referral = referral_create(actor=personas["cara"], case=case_a, service=harbour)
    page = client_for("cara").get(f"/referrals/{referral.id}/consent/").content.decode()
    assert "Phone number: marked unsafe on their record" in page
    with pytest.raises(SupportError, match="marked unsafe"):
        consented(personas["cara"], case_a, harbour, items=["name", "phone"])


def test_it_needs_the_name_at_least(personas, case_a, harbour):
    with pytest.raises(SupportError, match="at least the victim's name"):
        consented(personas["cara"], case_a, harbour, items=["safe_contact"])


def test_it_asks_for_each_answer_and_keeps_what_was_typed(client_for, personas, case_a, harbour):
    referral = referral_create(actor=personas["cara"], case=case_a, service=harbour)
    r = client_for("cara").post(
        f"/referrals/{referral.id}/consent/", {"consent_method": "phone", "items": ["name"]}
    )
    body = r.content.decode()
    assert "Choose who agreed to the referral" in body and "Enter the date they agreed" in body
    assert 'value="phone" checked' in body
    assert Referral.objects.get(pk=referral.pk).consent_at is None


def test_it_refuses_a_referral_to_a_service_not_taking_them(personas, case_a, directory):
    with pytest.raises(SupportError, match="not taking referrals"):
        referral_create(actor=personas["cara"], case=case_a, service=directory["Cornerstone Drop-in"])
