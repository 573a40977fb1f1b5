"""Staff record whether the victim wants automatic updates, how, and whether discreetly; an
opt-in that could never be delivered is refused with the reason."""

from __future__ import annotations

import pytest

from victimcare.audit.models import AuditEvent
from victimcare.notify.models import NotificationPreference

pytestmark = pytest.mark.django_db


def test_it_records_an_opt_in(client_for, victim_case_factory, tuesday):
    vcase = victim_case_factory(reference="DU/00700/26", opt_in=False)
    url = f"/messages/cases/{vcase.id}/preferences/"
    r = client_for("cara").post(
        url, {"automatic_updates": "yes", "preferred_channel": "sms", "discreet": "yes"}
    )
    assert r.status_code == 302 and r["Location"] == f"/cases/{vcase.id}/"
    pref = NotificationPreference.objects.get(person=vcase.person)
    assert pref.automatic_updates and pref.preferred_channel == "sms" and pref.discreet
    assert pref.opted_in_at is not None
    assert AuditEvent.objects.filter(object_type="notificationpreference", person=vcase.person).exists()


def test_it_refuses_a_channel_the_victim_did_not_agree_to(client_for, victim_case_factory):
    vcase = victim_case_factory(reference="DU/00701/26", opt_in=False)
    r = client_for("cara").post(
        f"/messages/cases/{vcase.id}/preferences/",
        {"automatic_updates": "yes", "preferred_channel": "letter", "discreet": "no"},
    )
    assert r.status_code == 200
    page = r.content.decode()
    assert "govuk-error-summary" in page
    assert "The victim has not agreed to contact by letter. Choose another way" in page
    assert not NotificationPreference.objects.filter(person=vcase.person).exists()


def test_it_refuses_an_empty_form_with_gov_uk_messages(client_for, victim_case):
    r = client_for("cara").post(f"/messages/cases/{victim_case.id}/preferences/", {})
    page = r.content.decode()
    assert "Choose whether the victim wants automatic updates" in page
    assert "Choose whether messages should be discreet" in page


def test_it_refuses_an_unsafe_email_at_opt_in(client_for, victim_case_factory):
    vcase = victim_case_factory(
        reference="DU/00702/26", opt_in=False, email_unsafe=True, allowed_channels=["email"]
    )
    r = client_for("cara").post(
        f"/messages/cases/{vcase.id}/preferences/",
        {"automatic_updates": "yes", "preferred_channel": "", "discreet": "no"},
    )
    assert "The victim&#x27;s email address is marked unsafe to use" in r.content.decode()


def test_it_refuses_an_invalid_phone_number_when_it_is_entered(client_for, victim_case):
    """Bad contact details are refused at entry (the person form), so no message is written
    to a number that cannot work."""
    r = client_for("cara").post(
        f"/people/{victim_case.person_id}/edit/", {"last_name": "Smith", "phone": "12345"}
    )
    assert r.status_code == 200
    assert "Enter a UK phone number, like 07700 900 982 or 01632 960 001" in r.content.decode()
