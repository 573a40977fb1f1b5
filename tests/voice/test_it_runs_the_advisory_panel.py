"""The advisory panel: chad (a Champion) adds members with their consent and contact rules,
records a meeting with its agenda, attendance and minutes and an action for the Victims'
Mission Board; the action shows overdue once past its due date and its owner is reminded; a
member's withdrawal deletes their name and details; anyone but the OPCC's Champions and
victim care supervisors gets 404; every page is audited."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.factories import local
from victimcare.audit.models import AuditEvent
from victimcare.notify.models import Reminder
from victimcare.voice.panel.models import PanelAction, PanelMeeting, PanelMember
from victimcare.voice.panel.reminders import panel_action_reminders_write

pytestmark = pytest.mark.django_db

TODAY = local(2026, 3, 10, 10, 0)


def _member(client, **extra):
    data = {
        "name": "Margaret Hale", "kind": "lived_experience", "member_organisation": "",
        "consent_recorded_on_day": "1", "consent_recorded_on_month": "3", "consent_recorded_on_year": "2026",
        "email": "m.hale@example.org", "phone": "07700 900456", "allowed_channels": ["email", "sms"],
        "unsafe": ["email_unsafe"], "limits": ["no_voicemail"], "safe_time_from": "09:00", "safe_time_to": "17:00",
        **extra,
    }  # fmt: skip
    return client.post("/voice/panel/members/new/", data)


def _meeting(client, member):
    return client.post(
        "/voice/panel/meetings/new/",
        {"held_on_day": "9", "held_on_month": "3", "held_on_year": "2026", "place": "OPCC offices, Aykley Heads",
         "agenda": "Welcome\nWaiting times at court\n\nAny other business", "attendees": [member.pk],
         "minutes": "The panel heard that victims wait too long for trial dates."},
    )  # fmt: skip


def _action(client, meeting, owner):
    return client.post(
        f"/voice/panel/meetings/{meeting.pk}/actions/new/",
        {"description": "Ask the courts for waiting-time figures for the Mission Board", "owner": owner.pk,
         "due_day": "20", "due_month": "3", "due_year": "2026", "for_mission_board": "yes"},
    )  # fmt: skip


@pytest.fixture
def recorded(client_for, personas):
    """chad's member, meeting and action, recorded through the pages on 10 March 2026."""
    chad = client_for("chad")
    with time_machine.travel(TODAY, tick=False):
        assert _member(chad).status_code == 302
        member = PanelMember.objects.get()
        assert _meeting(chad, member).status_code == 302
        meeting = PanelMeeting.objects.get()
        assert _action(chad, meeting, personas["sue"]).status_code == 302
    return member, meeting, PanelAction.objects.get()


def test_a_champion_records_a_meeting_with_an_action_that_falls_overdue(client_for, personas, recorded):
    member, meeting, action = recorded
    assert [i.title for i in meeting.agenda.all()] == [
        "Welcome",
        "Waiting times at court",
        "Any other business",
    ]
    assert list(meeting.attendees.all()) == [member]
    assert (action.owner, action.due, action.status, action.for_mission_board) == (
        personas["sue"], date(2026, 3, 20), "open", True,
    )  # fmt: skip
    # A session lasts an hour from its last request: sign in again on each day visited.
    with time_machine.travel(local(2026, 3, 20, 10, 0), tick=False):
        response = client_for("chad").get(f"/voice/panel/actions/{action.pk}/")
        assert response.status_code == 200 and "Due by" in response.content.decode()
        assert "Overdue" not in response.content.decode()  # due today: not yet overdue
    with time_machine.travel(local(2026, 3, 21, 10, 0), tick=False):
        chad = client_for("chad")
        page = chad.get(f"/voice/panel/meetings/{meeting.pk}/").content.decode()
        assert (
            "Waiting times at court" in page and "victims wait too long" in page and "Margaret Hale" in page
        )
        assert "Overdue" in page
        assert "Overdue" in chad.get(f"/voice/panel/actions/{action.pk}/").content.decode()
        assert "Overdue" in chad.get("/voice/panel/actions/").content.decode()
        assert "1 overdue" in chad.get("/voice/panel/").content.decode()


def test_the_owner_is_reminded_once_a_week_while_it_is_overdue(recorded, personas):
    _, _, action = recorded
    assert panel_action_reminders_write(today=date(2026, 3, 20)) == 0
    panel_action_reminders_write(today=date(2026, 3, 21))
    panel_action_reminders_write(today=date(2026, 3, 22))
    assert Reminder.objects.count() == 1
    panel_action_reminders_write(today=date(2026, 3, 28))
    reminder = Reminder.objects.order_by("id").first()
    assert Reminder.objects.count() == 2 and reminder is not None
    assert (reminder.user, reminder.path, reminder.rule) == (
        personas["sue"], f"/voice/panel/actions/{action.pk}/", "Advisory panel action",
    )  # fmt: skip


def test_the_response_stops_it_being_overdue_and_done_needs_evidence(client_for, recorded):
    _, _, action = recorded
    sue = client_for("sue")
    url = f"/voice/panel/actions/{action.pk}/response/"
    response = sue.post(url, {"status": "done", "response": "Figures received."})
    assert response.status_code == 200 and "Enter the evidence that it was done" in response.content.decode()
    assert (
        sue.post(
            url,
            {"status": "done", "response": "Figures received.", "evidence": "Mission Board paper, April."},
        ).status_code
        == 302
    )
    action.refresh_from_db()
    assert action.status == "done" and action.evidence == "Mission Board paper, April."
    assert panel_action_reminders_write(today=date(2026, 4, 30)) == 0
    with time_machine.travel(local(2026, 4, 30, 10, 0), tick=False):
        response = client_for("sue").get(f"/voice/panel/actions/{action.pk}/")
        assert response.status_code == 200 and "Figures received." in response.content.decode()
        assert "Overdue" not in response.content.decode()


def test_contact_rules_offer_only_safe_channels(client_for, recorded):
    member, _, _ = recorded
    page = client_for("chad").get(f"/voice/panel/members/{member.pk}/").content.decode()
    assert member.contact_routes() == [("Text message", "07700 900456")]  # the email is marked unsafe
    assert "Text message: 07700 900456" in page and "Email: m.hale" not in page
    assert "Only between 09:00 and 17:00" in page and "Do not leave voicemail" in page


def test_a_channel_without_its_details_is_refused(client_for):
    response = _member(client_for("chad"), allowed_channels=["letter"])
    assert response.status_code == 200
    assert "Enter the details for letter" in response.content.decode()
    assert not PanelMember.objects.exists()


def test_withdrawing_consent_deletes_their_name_and_details(client_for, recorded):
    member, meeting, _ = recorded
    chad = client_for("chad")
    assert chad.get(f"/voice/panel/members/{member.pk}/withdraw/").status_code == 200
    assert chad.post(f"/voice/panel/members/{member.pk}/withdraw/").status_code == 302
    member.refresh_from_db()
    assert (member.name, member.email, member.phone, member.allowed_channels) == ("Former member", "", "", [])
    assert member.removed == "Their name, email, phone and contact rules deleted."
    page = chad.get(f"/voice/panel/meetings/{meeting.pk}/").content.decode()
    assert "Margaret Hale" not in page and "Former member" in page
    assert chad.get(f"/voice/panel/members/{member.pk}/withdraw/").status_code == 404


@pytest.mark.parametrize("persona", ["ana", "cara", "olly", "fran", "pat", "adam", "otto"])
def test_anyone_else_gets_404(client_for, recorded, persona):
    member, meeting, action = recorded
    client = client_for(persona)
    for url in (
        "/voice/panel/", "/voice/panel/members/new/", f"/voice/panel/members/{member.pk}/",
        f"/voice/panel/members/{member.pk}/withdraw/", "/voice/panel/meetings/new/",
        f"/voice/panel/meetings/{meeting.pk}/", f"/voice/panel/meetings/{meeting.pk}/edit/",
        f"/voice/panel/meetings/{meeting.pk}/actions/new/", "/voice/panel/actions/",
        f"/voice/panel/actions/{action.pk}/", f"/voice/panel/actions/{action.pk}/response/",
    ):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post(f"/voice/panel/members/{member.pk}/withdraw/").status_code == 404
    member.refresh_from_db()
    assert member.active


def test_every_page_is_audited(client_for, personas, recorded):
    member, meeting, action = recorded
    sue = client_for("sue")
    for url in (
        "/voice/panel/", f"/voice/panel/members/{member.pk}/", f"/voice/panel/meetings/{meeting.pk}/",
        f"/voice/panel/meetings/{meeting.pk}/edit/", "/voice/panel/actions/", f"/voice/panel/actions/{action.pk}/",
        f"/voice/panel/actions/{action.pk}/response/", "/voice/panel/members/new/", "/voice/panel/meetings/new/",
        f"/voice/panel/meetings/{meeting.pk}/actions/new/", f"/voice/panel/members/{member.pk}/withdraw/",
    ):  # fmt: skip
        before = AuditEvent.objects.filter(actor=personas["sue"], action="view").count()
        assert sue.get(url).status_code == 200, url
        assert AuditEvent.objects.filter(actor=personas["sue"], action="view").count() == before + 1, url


def test_the_minutes_can_be_written_after_the_meeting(client_for, recorded):
    member, meeting, _ = recorded
    response = client_for("sue").post(
        f"/voice/panel/meetings/{meeting.pk}/edit/",
        {"held_on_day": "9", "held_on_month": "3", "held_on_year": "2026", "place": "Online",
         "agenda": "Welcome\nCourt waiting times", "attendees": [member.pk], "minutes": "Agreed to write to HMCTS."},
    )  # fmt: skip
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.minutes) == ("Online", "Agreed to write to HMCTS.")
    assert [i.title for i in meeting.agenda.all()] == ["Welcome", "Court waiting times"]


def test_the_champion_reaches_the_panel_from_their_landing_page(client_for):
    page = client_for("chad").get("/voice/").content.decode()
    assert 'href="/voice/panel/"' in page and 'href="/voice/annual-reports/"' in page
