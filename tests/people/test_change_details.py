"""Changing a person's details and safe-contact rules; the audit trail names the fields
changed but never the sensitive values."""

from __future__ import annotations

import pytest

from victimcare.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def form_data(person, **changes):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_of_birth_day": str(person.date_of_birth.day),
        "date_of_birth_month": str(person.date_of_birth.month),
        "date_of_birth_year": str(person.date_of_birth.year),
        "language": "en",
    }
    data.update(changes)
    return data


def test_it_saves_safe_contact_rules(client_for, case_a):
    person = case_a.person
    r = client_for("cara").post(
        f"/people/{person.id}/edit/",
        form_data(
            person,
            allowed_channels=["email", "phone"],
            safe_time_from="09:00",
            safe_time_to="17:30",
            no_voicemail="on",
            no_letters="on",
            code_word="bluebell",
            interpreter_needed="on",
            language="other",
            other_language="Polish",
            flags=["intimidated"],
        ),
    )
    assert r.status_code == 302
    person.refresh_from_db()
    assert person.allowed_channels == ["email", "phone"]
    assert str(person.safe_time_from) == "09:00:00" and str(person.safe_time_to) == "17:30:00"
    assert person.no_voicemail and person.no_letters and person.interpreter_needed
    assert person.code_word == "bluebell"
    assert person.other_language == "Polish"
    assert person.flags == ["intimidated"]


def test_it_redacts_sensitive_values_in_the_audit_trail(client_for, case_a):
    person = case_a.person
    client_for("cara").post(
        f"/people/{person.id}/edit/",
        form_data(person, code_word="bluebell", ethnicity="prefer_not_to_say", first_name="Janet"),
    )
    row = AuditEvent.objects.filter(person=person, action="update").get()
    assert row.changes["code_word"] == ["[redacted]", "[redacted]"]
    assert row.changes["ethnicity"] == ["[redacted]", "[redacted]"]
    assert row.changes["first_name"] == ["Jane", "Janet"]
    assert "bluebell" not in str(row.changes)


def test_it_asks_for_both_safe_times(client_for, case_a):
    person = case_a.person
    r = client_for("cara").post(f"/people/{person.id}/edit/", form_data(person, safe_time_from="09:00"))
    assert r.status_code == 200
    assert b"Enter both times, or leave both blank" in r.content
    person.refresh_from_db()
    assert person.safe_time_from is None


def test_it_writes_no_audit_row_when_nothing_changed(client_for, case_a):
    person = case_a.person
    client_for("cara").post(f"/people/{person.id}/edit/", form_data(person))
    assert not AuditEvent.objects.filter(person=person, action="update").exists()


def test_it_keeps_the_caseload_vulnerable_flag_in_step_with_the_victims_flags(client_for, case_a):
    person = case_a.person
    assert not case_a.vulnerable
    client_for("cara").post(f"/people/{person.id}/edit/", form_data(person, flags=["physical_disability"]))
    case_a.refresh_from_db()
    assert case_a.vulnerable
    client_for("cara").post(f"/people/{person.id}/edit/", form_data(person, flags=[]))
    case_a.refresh_from_db()
    assert not case_a.vulnerable
