"""MARAC meetings: a date and area, an agenda of referred cases, actions with an owner, due
date and done; each user sees only the cases they can see, and only their force area's meetings."""

from __future__ import annotations

from datetime import date

import pytest

from victimcare.audit.models import AuditEvent
from victimcare.safeguarding.models import MaracAction, MaracMeeting
from victimcare.safeguarding.services import (
    marac_meeting_add_referral,
    marac_meeting_create,
    marac_referral_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(personas, case_a, case_b):
    for case, who in ((case_a, "cara"), (case_b, "cole")):
        referral = marac_referral_make(
            actor=personas[who], case=case, judgement=True, reason="Serious concerns"
        )
        if case is case_a:
            first = referral
    held = marac_meeting_create(actor=personas["sue"], area="County Durham North", held_on=date(2026, 12, 3))
    marac_meeting_add_referral(actor=personas["sue"], meeting=held, referral=first)
    return held


def test_it_adds_a_meeting_through_the_page(client_for):
    r = client_for("olly").post(
        "/marac/new/",
        {"area": "Durham City", "held_on_day": "3", "held_on_month": "12", "held_on_year": "2026"},
    )
    meeting = MaracMeeting.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/marac/{meeting.id}/"
    assert meeting.force.name == "Durham Constabulary"
    assert "Durham City" in client_for("cara").get("/marac/").content.decode()


def test_it_shows_the_agenda_only_with_cases_the_user_can_see(client_for, meeting, case_a, case_b):
    sue = client_for("sue").get(f"/marac/{meeting.id}/")
    assert [r.case_id for r in sue.context["agenda"]] == [case_a.id]
    cole = client_for("cole").get(f"/marac/{meeting.id}/")
    assert cole.status_code == 200 and cole.context["agenda"] == []
    assert "Jane Smith" not in cole.content.decode()
    # cole may put his own referred case on the agenda; cara's is not offered to him
    options = list(cole.context["agenda_form"].fields["referral"].queryset)
    assert [r.case_id for r in options] == [case_b.id]


def test_it_hides_meetings_from_other_areas_and_roles(client_for, meeting):
    for persona in ("otto", "pat", "chad", "ana", "adam"):
        assert client_for(persona).get(f"/marac/{meeting.id}/").status_code == 404, persona
    for persona in ("pat", "chad", "ana", "adam"):
        assert client_for(persona).get("/marac/").status_code == 404, persona
    otto = client_for("otto").get("/marac/")  # Cleveland's meetings: none
    assert otto.status_code == 200 and "County Durham North" not in otto.content.decode()


def test_it_adds_an_action_and_marks_it_done(client_for, meeting, case_a):
    client = client_for("cara")
    referral = meeting.referrals.get()
    bad = client.post(
        f"/marac/{meeting.id}/", {"form": "action", "action-referral": referral.id, "action-owner": "PC Olly"}
    )
    assert bad.status_code == 200 and "Enter action" in bad.content.decode()
    assert "PC Olly" in bad.content.decode()  # nothing typed is lost
    r = client.post(f"/marac/{meeting.id}/", {
        "form": "action", "action-referral": referral.id, "action-description": "Fit a panic alarm",
        "action-owner": "PC Olly, Durham Constabulary",
        "action-due_on_day": "10", "action-due_on_month": "12", "action-due_on_year": "2026"})  # fmt: skip
    assert r.status_code == 302
    action = MaracAction.objects.get()
    assert (action.owner, action.due_on, action.done) == (
        "PC Olly, Durham Constabulary",
        date(2026, 12, 10),
        False,
    )
    client.post(f"/marac/{meeting.id}/", {"form": "done", "action_id": action.id})
    action.refresh_from_db()
    assert action.done and action.done_by.username == "cara"
    again = client.post(f"/marac/{meeting.id}/", {"form": "done", "action_id": action.id})
    assert "already marked as done" in again.content.decode()


def test_it_will_not_let_someone_act_on_a_case_they_cannot_see(client_for, meeting):
    action_on_hidden = {"form": "action", "action-referral": meeting.referrals.get().id, "action-description": "x",
                        "action-owner": "y", "action-due_on_day": "1", "action-due_on_month": "1", "action-due_on_year": "2027"}  # fmt: skip
    r = client_for("cole").post(f"/marac/{meeting.id}/", action_on_hidden)
    assert r.status_code == 200 and not MaracAction.objects.exists()


def test_it_audits_each_case_shown_on_the_agenda(client_for, meeting, case_a):
    client_for("sue").get(f"/marac/{meeting.id}/")
    row = AuditEvent.objects.filter(action="view", detail="MARAC meeting").get()
    assert (row.case_id, row.person_id, row.actor.username) == (case_a.id, case_a.person_id, "sue")


@pytest.mark.parametrize("action_id", ["abc", "-1", "1e3", "99999999999999999999999999", "\u0661", ""])
def test_marking_an_action_done_with_a_nonsense_id_is_not_found(client_for, meeting, action_id):
    """A word where an id goes, or a number too big for the database: not found, not a server error."""
    response = client_for("sue").post(f"/marac/{meeting.id}/", {"form": "done", "action_id": action_id})
    assert response.status_code == 404
