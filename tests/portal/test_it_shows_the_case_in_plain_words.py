"""My case: the timeline in plain words from an allowlist of events, what happens next, who to contact."""

from __future__ import annotations

from tests.factories import local
from victimcare.cases.services import event_record
from victimcare.portal.selectors import NEVER_SHOWN, TIMELINE_SENTENCES

from .conftest import victim_case


def _record(case, type_, actor, at, **payload):
    return event_record(actor=actor, case=case, type=type_, occurred_at=at, payload=payload or None)


def test_it_writes_the_timeline_in_plain_words(portal_client, personas, jane_case):
    olly = personas["olly"]
    arrest = _record(jane_case, "suspect_arrested", olly, local(2026, 3, 4, 9, 0))
    event_record(actor=olly, case=jane_case, type="victim_informed", occurred_at=local(2026, 3, 5, 9, 0),
                 payload={"channel": "phone"}, about=arrest, notes="Spoke to Jane, very upset")  # fmt: skip
    _record(jane_case, "hearing_listed", personas["wendy"],
            local(2026, 3, 6, 9, 0), hearing_date="2026-04-20", court="Durham Crown Court")  # fmt: skip
    page = portal_client(jane_case).get("/portal/").content.decode()
    assert "The police arrested a suspect." in page
    assert "We told you about this on 5 March 2026." in page
    assert "A court hearing was set for 20 April 2026 at Durham Crown Court." in page
    assert "What usually happens next" in page
    assert "Your caseworker is Cara." in page


def test_it_never_shows_safeguarding_events_notes_or_staff_names(portal_client, personas, jane_case):
    cara = personas["cara"]
    _record(jane_case, "risk_assessment_completed", cara, local(2026, 3, 4, 9, 0), level="high", score=17)
    _record(jane_case, "marac_referral_made", cara, local(2026, 3, 4, 10, 0))
    event_record(actor=cara, case=jane_case, type="contact_made", occurred_at=local(2026, 3, 4, 11, 0),
                 payload={"channel": "phone", "summary": "Discussed the MARAC"}, notes="Internal note xyz")  # fmt: skip
    page = portal_client(jane_case).get("/portal/").content.decode()
    for hidden in ("DASH", "MARAC", "risk", "Internal note xyz", "Discussed", cara.last_name, "Olly"):
        assert hidden not in page, hidden
    assert "We were in touch with you." in page
    assert NEVER_SHOWN.isdisjoint(TIMELINE_SENTENCES)


def test_it_shows_a_corrected_event_as_corrected(portal_client, personas, jane_case):
    olly = personas["olly"]
    first = _record(jane_case, "hearing_listed", olly, local(2026, 3, 6, 9, 0), hearing_date="2026-04-20",
                    court="Durham Crown Court")  # fmt: skip
    event_record(actor=olly, case=jane_case, type="hearing_listed", occurred_at=local(2026, 3, 7, 9, 0),
                 payload={"hearing_date": "2026-04-27", "court": "Durham Crown Court"}, corrects=first)  # fmt: skip
    page = portal_client(jane_case).get("/portal/").content.decode()
    assert "This was wrong and has been corrected" in page
    assert "This corrects an earlier entry." in page
    assert "27 April 2026" in page


def test_it_audits_each_look_as_the_portal_account(portal_client, jane_case):
    from victimcare.audit.models import AuditEvent

    client = portal_client(jane_case)
    before = AuditEvent.objects.filter(action="view", case=jane_case, actor__isnull=True).count()
    client.get("/portal/")
    client.get("/portal/rights/")
    rows = AuditEvent.objects.filter(action="view", case=jane_case, actor__isnull=True).order_by("id")
    assert rows.count() == before + 2
    assert rows.last().actor_label.startswith("Victim portal: victim")
    assert rows.last().person_id == jane_case.person_id


def test_it_signs_in_a_parent_with_their_own_email(client_for, personas):
    from .conftest import portal_sign_in

    child = victim_case(personas, reference="DU/00510/26", first_name="Amy", email="", phone="",
                        allowed_channels=[])  # fmt: skip
    cara = client_for("cara")
    response = cara.post(f"/portal/staff/cases/{child.id}/people/new/", {
        "role": "parent", "first_name": "Pat", "last_name": "Smith", "email": "pat.parent@example.com",
        "phone": "", "language": "en"})  # fmt: skip
    assert response.status_code == 302
    assert "Pat Smith" in cara.get(f"/cases/{child.id}/").content.decode()
    from django.test import Client

    parent = Client()
    assert portal_sign_in(parent, "DU/00510/26", "pat.parent@example.com")["Location"] == "/portal/"
    page = parent.get("/portal/").content.decode()
    assert "Hello Pat" in page and "the person you are supporting" in page
