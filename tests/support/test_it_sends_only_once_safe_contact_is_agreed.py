"""A referral is not sent until the victim's safe-contact rules are agreed with them, or why
they could not be is recorded (docs/adr/0042). The caseworker records either on the victim's
details page, which the refused send page links to."""

from __future__ import annotations

import pytest

from tests.support.conftest import CONSENTED
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import Event
from victimcare.people.services import person_update, safe_contact_agreement_record
from victimcare.refusals import Refusal
from victimcare.support.models import Referral
from victimcare.support.services import (
    SAFE_CONTACT_FIRST,
    referral_consent_record,
    referral_create,
    referral_send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unagreed(personas, case_a, harbour) -> Referral:
    """case_a's draft referral to Harbour, consented, the victim's rules never agreed."""
    referral = referral_create(actor=personas["cara"], case=case_a, service=harbour)
    return referral_consent_record(actor=personas["cara"], referral=referral, by="victim", method="phone",
                                   at=CONSENTED, items=["name", "safe_contact"])  # fmt: skip


def _edit_post(person, **answers: object) -> dict[str, object]:
    """The details page as it stands, with `answers` changed."""
    data: dict[str, object] = {
        "first_name": person.first_name, "last_name": person.last_name,
        "date_of_birth_day": "14", "date_of_birth_month": "2", "date_of_birth_year": "1987",
        "language": "en", "allowed_channels": ["phone"],
    }  # fmt: skip
    data.update(answers)
    return data


def test_it_refuses_to_send_until_the_rules_are_agreed(personas, case_a, unagreed):
    with pytest.raises(Refusal) as refused:
        referral_send(actor=personas["cara"], referral=unagreed)
    assert refused.value.field == "safe_contact" and refused.value.message == SAFE_CONTACT_FIRST
    unagreed.refresh_from_db()
    assert unagreed.status == "draft" and unagreed.snapshot == []
    assert not Event.objects.filter(case=case_a, type="referred_to_support").exists()


def test_the_send_page_says_so_in_plain_words_and_links_to_where_to_agree_them(client_for, case_a, unagreed):
    client = client_for("cara")
    page = client.get(f"/referrals/{unagreed.id}/send/").content.decode()
    link = f"/people/{case_a.person_id}/edit/?next=/referrals/{unagreed.id}/send/#safe-contact"
    assert link in page and "agree the safe-contact rules with the victim" in page
    refused = client.post(f"/referrals/{unagreed.id}/send/")
    body = refused.content.decode()
    assert refused.status_code == 200 and "govuk-error-summary" in body
    assert "first agree with the victim how and when it is safe to contact them" in body and link in body
    unagreed.refresh_from_db()
    assert unagreed.status == "draft"


def test_agreeing_them_on_the_details_page_goes_back_to_the_referral_and_lets_it_go(
    client_for, personas, case_a, unagreed
):
    client = client_for("cara")
    person = case_a.person
    url = f"/people/{person.id}/edit/?next=/referrals/{unagreed.id}/send/"
    saved = client.post(url, _edit_post(person, safe_contact_agreed="yes"))
    assert saved.status_code == 302 and saved.url == f"/referrals/{unagreed.id}/send/"
    person.refresh_from_db()
    assert person.safe_contact_agreed and person.safe_contact_recorded_by == personas["cara"]
    trail = AuditEvent.objects.get(person=person, detail="safe-contact rules agreed with the victim")
    assert trail.actor == personas["cara"] and trail.changes == {"safe_contact": ["not asked", "agreed"]}
    sent = client.post(f"/referrals/{unagreed.id}/send/")
    assert sent.status_code == 302
    unagreed.refresh_from_db()
    assert unagreed.status == "sent"


def test_a_reason_why_not_lets_it_go_too_but_only_with_the_reason(client_for, case_a, unagreed):
    client = client_for("cara")
    person = case_a.person
    missing = client.post(f"/people/{person.id}/edit/", _edit_post(person, safe_contact_agreed="no"))
    assert (
        missing.status_code == 200 and "Enter why the rules could not be agreed" in missing.content.decode()
    )
    person.refresh_from_db()
    assert not person.safe_contact_settled
    reason = "The victim could not be reached safely: the suspect answers the phone"
    saved = client.post(f"/people/{person.id}/edit/",
                        _edit_post(person, safe_contact_agreed="no", safe_contact_not_agreed_reason=reason))  # fmt: skip
    assert saved.status_code == 302
    person.refresh_from_db()
    assert person.safe_contact_settled and not person.safe_contact_agreed
    assert person.safe_contact_not_agreed_reason == reason
    trail = AuditEvent.objects.get(person=person, detail="safe-contact rules not agreed")
    assert reason not in str(trail.changes)  # the reason may say where the victim is
    assert client.post(f"/referrals/{unagreed.id}/send/").status_code == 302


def test_the_details_page_records_the_answer_only_when_it_or_the_rules_change(client_for, case_a):
    client = client_for("cara")
    person = case_a.person
    url = f"/people/{person.id}/edit/"
    client.post(url, _edit_post(person, safe_contact_agreed="yes"))
    client.post(url, _edit_post(person, safe_contact_agreed="yes", phone="07700 900111"))  # not a rule
    rows = AuditEvent.objects.filter(person=person, detail__startswith="safe-contact rules")
    assert rows.count() == 1
    client.post(url, _edit_post(person, safe_contact_agreed="yes", allowed_channels=["phone", "sms"]))
    assert rows.count() == 2  # new rules, agreed again
    assert client.get(url).context["form"].initial["safe_contact_agreed"] == "yes"


def test_it_cannot_agree_no_way_of_contact_and_not_agreeing_needs_a_reason(personas, case_a):
    person = case_a.person
    with pytest.raises(Refusal) as no_channels:
        safe_contact_agreement_record(actor=personas["cara"], person=person, agreed=True)
    assert no_channels.value.field == "allowed_channels"
    with pytest.raises(Refusal) as no_reason:
        safe_contact_agreement_record(actor=personas["cara"], person=person, agreed=False, reason="  ")
    assert no_reason.value.field == "safe_contact_not_agreed_reason"
    person_update(actor=personas["cara"], person=person, data={"allowed_channels": ["email"]})
    safe_contact_agreement_record(actor=personas["cara"], person=person, agreed=True)
    person.refresh_from_db()
    assert person.safe_contact_agreed


def test_the_next_page_must_be_one_of_ours(client_for, case_a):
    person = case_a.person
    r = client_for("cara").post(f"/people/{person.id}/edit/?next=https://evil.example/",
                                _edit_post(person, safe_contact_agreed="yes"))  # fmt: skip
    assert r.status_code == 302 and r.url == f"/people/{person.id}/"


def test_someone_outside_the_record_finds_no_page(client_for, case_a):
    r = client_for("cole").post(
        f"/people/{case_a.person_id}/edit/", _edit_post(case_a.person, safe_contact_agreed="yes")
    )
    assert r.status_code == 404
    case_a.person.refresh_from_db()
    assert not case_a.person.safe_contact_settled
