"""Each consent is withdrawn on its own, and withdrawing it removes what it covered, at once,
and says what was removed (on the page and in the engagement's record)."""

from __future__ import annotations

import pytest

from tests.voice.conftest import subtheme
from victimcare.audit.models import AuditEvent
from victimcare.voice.engagement_services import concern_add, quote_add
from victimcare.voice.models import Account, Concern, ConsentWithdrawal, Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(personas, engagement):
    chad = personas["chad"]
    informed = subtheme("Being kept informed")
    concern_add(actor=chad, engagement=engagement, subtheme=informed, agency="police", stage="investigation",
                summary="Not told the suspect was released")  # fmt: skip
    quote_add(actor=chad, engagement=engagement, subtheme=informed, text="Nobody rang me back for weeks.")
    return engagement


def _withdraw(client, engagement, kind):
    return client.post(f"/voice/engagements/{engagement.pk}/consent/{kind}/withdraw/", follow=True)


def test_it_asks_first_and_says_what_will_go(client_for, coded):
    page = client_for("chad").get(f"/voice/engagements/{coded.pk}/consent/quote/withdraw/").content.decode()
    assert "Every quote from this engagement" in page
    assert Quote.objects.count() == 1  # looking changes nothing


def test_it_deletes_the_quotes_and_keeps_the_account(client_for, coded):
    response = _withdraw(client_for("chad"), coded, "quote")
    assert "Consent withdrawn. 1 quote and 0 case studies deleted." in response.content.decode()
    coded.refresh_from_db()
    assert not coded.consent_quote and coded.consent_keep
    assert not Quote.objects.exists()
    assert Concern.objects.count() == 1
    assert ConsentWithdrawal.objects.get().removed == "1 quote and 0 case studies deleted."


def test_it_deletes_the_whole_account_when_keeping_it_is_withdrawn(client_for, coded):
    response = _withdraw(client_for("chad"), coded, "keep")
    text = response.content.decode()
    assert "Their account and 1 coded concern deleted; 1 quote and 0 case studies deleted." in text
    coded.refresh_from_db()
    assert (coded.consent_keep, coded.consent_quote, coded.consent_contact) == (False, False, True)
    assert not Account.objects.exists() and not Concern.objects.exists() and not Quote.objects.exists()
    assert "did not agree to their account being kept" in text
    audit = AuditEvent.objects.filter(object_type="engagement", action="update").latest("id")
    assert audit.changes == {"consent_keep": [True, False]}


def test_it_deletes_the_contact_details(client_for, coded):
    _withdraw(client_for("chad"), coded, "contact")
    coded.refresh_from_db()
    assert (coded.consent_contact, coded.contact_details) == (False, "")


def test_it_unlinks_the_case(client_for, personas, case_a):
    from tests.voice.conftest import make_engagement
    from victimcare.voice.engagement_services import Consents

    linked = make_engagement(personas["chad"], consents=Consents(keep=True, link=True), case=case_a)
    response = _withdraw(client_for("chad"), linked, "link")
    assert "The link to their case removed." in response.content.decode()
    linked.refresh_from_db()
    assert linked.case is None and not linked.consent_link


def test_it_refuses_to_withdraw_what_was_never_given(client_for, coded):
    coded.consent_contact, coded.contact_details = False, ""
    coded.save()
    assert _withdraw(client_for("chad"), coded, "contact").status_code == 404
    assert _withdraw(client_for("chad"), coded, "nonsense").status_code == 404
    assert not ConsentWithdrawal.objects.exists()
