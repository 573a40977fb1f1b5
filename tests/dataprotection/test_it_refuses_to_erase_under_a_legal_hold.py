"""A legal hold stops erasure: erasing a held case (or a case whose person is held) is refused
with the hold's reason and changes nothing; once the hold is lifted, with why, it can be erased."""

from __future__ import annotations

import pytest

from tests.dataprotection.retention_support import NOTE, later, with_a_note
from victimcare.dataprotection.models import ErasureRecord, LegalHold
from victimcare.dataprotection.services import case_erase, legal_hold_place
from victimcare.people.models import Person
from victimcare.refusals import Refusal

pytestmark = pytest.mark.django_db

URL = "/data-protection/retention/cases/{}/"
ERASE = {"action": "decide", "decide-decision": "erase", "decide-reason": "Past its period"}


def test_it_refuses_to_erase_a_held_case_with_the_reason(personas, seeded, client_for):
    vcase = with_a_note(seeded)
    with later():
        adam = client_for("adam")
        r = adam.post(
            URL.format(vcase.id), {"action": "hold", "hold-reason": "A civil claim against the service"}
        )
        assert r.status_code == 302
        assert "On legal hold" in adam.get("/data-protection/retention/").content.decode()
        refused = adam.post(URL.format(vcase.id), ERASE)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "legal hold" in body and "A civil claim against the service" in body
    assert not ErasureRecord.objects.exists()
    assert Person.objects.get(pk=vcase.person_id).last_name == "Smith"
    assert vcase.events.filter(notes=NOTE).exists()

    hold = LegalHold.objects.get(case=vcase)
    with later():
        adam = client_for("adam")
        r = adam.post(
            URL.format(vcase.id), {"action": "lift", "hold": hold.id, "lift-lift_reason": "Claim settled"}
        )
        assert r.status_code == 302
        assert adam.post(URL.format(vcase.id), ERASE).status_code == 302
    assert ErasureRecord.objects.filter(case=vcase).exists()
    hold.refresh_from_db()
    assert hold.lifted_by == personas["adam"] and hold.lift_reason == "Claim settled"


def test_a_hold_on_the_person_stops_erasing_their_case(personas, seeded):
    legal_hold_place(actor=personas["adam"], person=seeded.person, reason="Public inquiry")
    with pytest.raises(Refusal, match="Public inquiry"):
        case_erase(actor=personas["adam"], case=seeded, reason="Past its period")
    assert not ErasureRecord.objects.exists()


def test_it_asks_why_a_hold_is_placed_and_lifted(personas, seeded, client_for):
    adam = client_for("adam")
    r = adam.post(URL.format(seeded.id), {"action": "hold", "hold-reason": "  "})
    assert r.status_code == 200 and "Enter why the record must be kept" in r.content.decode()
    assert not LegalHold.objects.exists()
    hold = legal_hold_place(actor=personas["adam"], case=seeded, reason="Inquiry")
    r = adam.post(URL.format(seeded.id), {"action": "lift", "hold": hold.id, "lift-lift_reason": ""})
    assert r.status_code == 200 and "Enter why the hold is no longer needed" in r.content.decode()
    assert LegalHold.objects.get(pk=hold.pk).lifted_at is None
    # A made-up hold id is not found.
    assert (
        adam.post(
            URL.format(seeded.id), {"action": "lift", "hold": "99999", "lift-lift_reason": "x"}
        ).status_code
        == 404
    )
