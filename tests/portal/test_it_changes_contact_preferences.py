"""How to contact me: saved through the services, recorded on the timeline (what, not the values), audited."""

from __future__ import annotations

from victimcare.audit.models import AuditEvent
from victimcare.cases.models import Event
from victimcare.notify.models import NotificationPreference

FORM = {
    "allowed_channels": ["email"],
    "safe_time_from": "09:00",
    "safe_time_to": "17:30",
    "language": "en",
    "other_language": "",
    "interpreter_needed": "no",
    "accessibility_needs": "",
    "automatic_updates": "yes",
    "preferred_channel": "email",
    "discreet": "yes",
}


def test_it_saves_contact_preferences_and_records_what_changed(portal_client, jane_case):
    client = portal_client(jane_case)
    response = client.post("/portal/contact/", FORM)
    assert response.status_code == 302
    person = jane_case.person
    person.refresh_from_db()
    assert person.allowed_channels == ["email"] and str(person.safe_time_from) == "09:00:00"
    pref = NotificationPreference.objects.get(person=person)
    assert pref.automatic_updates and pref.discreet and pref.preferred_channel == "email"
    event = Event.objects.get(case=jane_case, type="contact_preferences_changed")
    assert event.source == "portal" and event.actor is None
    assert (
        "how we may contact them" in event.payload["changed"] and "discreet mode" in event.payload["changed"]
    )
    assert "09:00" not in event.payload["changed"]
    audit = AuditEvent.objects.filter(person=person, action="update", actor__isnull=True)
    assert audit.filter(object_type="person").exists()
    assert audit.filter(object_type="notificationpreference").exists()
    page = client.get("/portal/").content.decode()
    assert "How we contact you changed: how we may contact you" in page


def test_it_keeps_the_tab_title_neutral_in_discreet_mode(portal_client, jane_case):
    client = portal_client(jane_case)
    client.post("/portal/contact/", FORM)
    for path in ("/portal/", "/portal/rights/", "/portal/support/", "/portal/contact/"):
        page = client.get(path).content.decode()
        assert "<title>Your account</title>" in page, path
        assert "Victim care" not in page.split("</head>")[0]
    client.post("/portal/sign-out/")
    assert "<title>Your account</title>" in client.get("/portal/sign-in/").content.decode()


def test_it_shows_errors_and_keeps_what_was_typed(portal_client, jane_case):
    client = portal_client(jane_case)
    bad = {**FORM, "safe_time_from": "nine", "accessibility_needs": "Large print please"}
    response = client.post("/portal/contact/", bad)
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Large print please" in body and 'value="nine"' in body
    assert "<title>Error:" in body
    assert not Event.objects.filter(case=jane_case, type="contact_preferences_changed").exists()


def test_it_refuses_automatic_updates_with_no_safe_way_and_says_why(portal_client, jane_case):
    client = portal_client(jane_case)
    response = client.post(
        "/portal/contact/", {**FORM, "allowed_channels": ["phone"], "preferred_channel": ""}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Automatic updates need a safe way to reach you" in body
    assert not Event.objects.filter(case=jane_case, type="contact_preferences_changed").exists()
