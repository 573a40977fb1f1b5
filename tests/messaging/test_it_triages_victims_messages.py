"""A victim's portal message is triaged as it arrives (docs/adr/0043): words of danger or fear
from the configured list (whole words, any case) or a victim under 18 mark it urgent; it gets a
reply-by from its service's target; urgent messages head the inbox and alert the caseworker
or, with none, the case's team (never the victim); an unanswered message past its reply-by is
escalated to the team's supervisors once."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

from tests.factories import local, make_case, make_person
from victimcare.accounts.models import Team
from victimcare.messaging import selectors, triage
from victimcare.messaging.models import Message, MessageEditError, ReplyTarget, UrgentReason
from victimcare.messaging.services import message_send_from_staff, message_send_from_victim
from victimcare.notify.models import Audience, OutboundMessage

pytestmark = pytest.mark.django_db

MONDAY = local(2026, 3, 16, 10, 0)


def _send(case, body="Is there any news?", at=MONDAY):
    with time_machine.travel(at, tick=False):
        return message_send_from_victim(case=case, body=body, sender_label="Victim (victim)")


def _unassigned_north(personas, **person):
    return make_case(
        personas["cara"],
        person=make_person(personas["cara"], first_name="Lee", last_name="North", **person),
        team="Victim care North",
        reference="DU/00301/26",
    )


# --- urgent ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I am SCARED to go out", ["scared"]),
        ("He said he would kill me", ["kill"]),
        ("He was waiting near my   school\ntoday", ["near my school"]),
        ("I feel threatened and scared", ["scared", "threatened"]),
        ("Scared.", ["scared"]),
        ("My son has good football skills", []),  # "kill" is not a word of "skills"
        ("He is unthreatened by it", []),
        ("The threatening letter came again", ["threatening"]),
        ("I'm near my schoolfriend's house", []),
        ("Is there any news?", []),
    ],
)
def test_it_finds_words_of_danger_or_fear_as_whole_words(text, found):
    assert sorted(triage.urgent_words_in(text)) == sorted(found)


def test_the_list_is_configuration(settings):
    settings.MESSAGE_URGENT_WORDS = ["ofn", "bygwth"]
    assert triage.urgent_words_in("Mae gen i ofn") == ["ofn"]
    assert triage.urgent_words_in("I am scared") == []


def test_a_message_with_those_words_is_urgent_and_keeps_them(personas, case_a):
    message = _send(case_a, "I'm scared he will come back")
    assert (message.urgent, message.urgent_reason, message.urgent_words) == (
        True,
        UrgentReason.WORDS,
        ["scared"],
    )
    plain = _send(case_a, "Any news about the court date?")
    assert (plain.urgent, plain.urgent_reason, plain.urgent_words) == (False, "", [])


def test_a_young_victims_message_is_always_urgent(personas, case_court):
    assert case_court.person.date_of_birth == date(2010, 1, 9)  # 16 in March 2026
    message = _send(case_court, "Is there any news?")
    assert (message.urgent, message.urgent_reason) == (True, UrgentReason.YOUNG)


def test_young_means_under_18_on_the_day_of_the_message(personas):
    vcase = _unassigned_north(personas, date_of_birth=date(2008, 3, 17))
    assert _send(vcase, "Hello", at=local(2026, 3, 16, 23, 30)).urgent_reason == UrgentReason.YOUNG
    assert _send(vcase, "Hello", at=local(2026, 3, 17, 0, 30)).urgent is False  # 18 today, in London
    unknown = make_case(personas["cara"], person=make_person(personas["cara"], date_of_birth=None))
    assert _send(unknown, "Hello").urgent is False


def test_triage_is_never_edited_after_the_message_is_sent(case_a):
    message = _send(case_a, "Hello")
    message.urgent = True
    with pytest.raises(MessageEditError):
        message.save(update_fields=["urgent"])


# --- reply by ----------------------------------------------------------------------------------------


def test_it_sets_the_reply_by_from_the_default_target(settings, case_a):
    settings.MESSAGE_REPLY_WORKING_DAYS, settings.MESSAGE_URGENT_REPLY_HOURS = 2, 4
    assert _send(case_a, "Hello").reply_by == local(2026, 3, 18, 23, 59)  # Monday: by Wednesday night
    assert _send(case_a, "Hello", at=local(2026, 3, 20, 16, 0)).reply_by == local(2026, 3, 24, 23, 59)
    # Good Friday and Easter Monday 2026 are bank holidays: Thursday's message is due Wednesday.
    assert _send(case_a, "Hello", at=local(2026, 4, 2, 9, 0)).reply_by == local(2026, 4, 8, 23, 59)
    # Urgent: hours on the clock, weekend or not.
    assert _send(case_a, "I am scared", at=local(2026, 3, 21, 22, 0)).reply_by == local(2026, 3, 22, 2, 0)


def test_the_service_sets_its_own_target_and_a_team_its_own(personas, case_a, case_b):
    ReplyTarget.objects.create(organisation_id=case_a.organisation_id, working_days=5, urgent_hours=8)
    ReplyTarget.objects.create(
        organisation_id=case_a.organisation_id, team=Team.objects.get(name="Victim care North"),
        working_days=1, urgent_hours=2,
    )  # fmt: skip
    assert _send(case_a, "Hello").reply_by == local(2026, 3, 17, 23, 59)  # North's own: 1 day
    assert _send(case_a, "Scared").reply_by == local(2026, 3, 16, 12, 0)
    assert _send(case_b, "Hello").reply_by == local(2026, 3, 23, 23, 59)  # South: the service's 5
    assert _send(case_b, "Scared").reply_by == local(2026, 3, 16, 18, 0)


# --- the inbox ---------------------------------------------------------------------------------------


def test_urgent_messages_head_the_inbox(personas, case_a, client_for):
    team_case = _unassigned_north(personas)
    _send(case_a, "Please call me", at=local(2026, 3, 16, 11, 0))
    _send(team_case, "He was outside my house, I am scared", at=local(2026, 3, 16, 9, 0))
    rows = selectors.staff_inbox(personas["cara"])
    assert [(r.case.id, r.group, r.urgent) for r in rows] == [
        (team_case.id, selectors.URGENT, 1),
        (case_a.id, selectors.MINE, 0),
    ]
    page = client_for("cara").get("/inbox/").content.decode()
    assert page.index("Urgent: read these first") < page.index("My cases")
    assert '<strong class="govuk-tag govuk-tag--red">Urgent</strong>' in page
    assert "Words of danger or fear" in page
    assert "outside my house" not in page  # the words are on the audited thread page only


def test_the_soonest_reply_by_heads_the_urgent_cases(personas, case_a, case_court):
    _send(case_a, "I am scared", at=local(2026, 3, 16, 12, 0))
    _send(case_court, "Hello", at=local(2026, 3, 16, 11, 0))  # a young victim: due first
    rows = selectors.staff_inbox(personas["sue"])
    assert [(r.case.id, r.young) for r in rows] == [(case_court.id, True), (case_a.id, False)]


def test_the_thread_says_why_to_staff_and_nothing_to_the_victim(
    case_a, client_for, portal_account, portal_client
):
    _send(case_a, "I am scared to walk near my school")
    staff = client_for("cara").get(f"/cases/{case_a.id}/messages/").content.decode()
    assert "Urgent</strong>" in staff and "&ldquo;scared&rdquo;, &ldquo;near my school&rdquo;" in staff
    victim = portal_client(portal_account(case_a)).get("/portal/messages/").content.decode()
    assert "I am scared" in victim and "Urgent" not in victim and "Reply by" not in victim


# --- who is told now -----------------------------------------------------------------------------------


def _staff_emails(template):
    return sorted(
        m.user.username for m in OutboundMessage.objects.filter(template=template).select_related("user")
    )


def test_an_urgent_message_alerts_the_caseworker_only(personas, case_a):
    _send(case_a, "Please call me")  # unread, and then an urgent one: it is told all the same
    _send(case_a, "He threatened me again today")
    assert _staff_emails("victim_message_urgent") == ["cara"]
    email = OutboundMessage.objects.get(template="victim_message_urgent")
    assert email.audience == Audience.STAFF and email.person_id is None
    assert "threatened" not in email.body and "words of danger or fear" in email.body
    assert "has no caseworker" not in email.body
    assert not OutboundMessage.objects.filter(audience=Audience.VICTIM).exists()


def test_an_unassigned_cases_urgent_message_alerts_its_team(personas):
    vcase = _unassigned_north(personas)
    assert vcase.caseworker is None
    _send(vcase, "I'm scared")
    assert _staff_emails("victim_message_urgent") == ["cara", "sue"]  # team North, who work cases
    assert (
        "has no caseworker" in OutboundMessage.objects.filter(template="victim_message_urgent").first().body
    )
    assert not OutboundMessage.objects.filter(audience=Audience.VICTIM).exists()


def test_an_inactive_caseworker_is_not_the_one_told(personas, case_a):
    personas["cara"].is_active = False
    personas["cara"].save()
    case_a.refresh_from_db()
    _send(case_a, "I am scared")
    assert _staff_emails("victim_message_urgent") == ["sue"]


def test_an_ordinary_message_tells_as_before(personas, case_a):
    _send(_unassigned_north(personas), "Hello")  # no caseworker: nobody is emailed
    _send(case_a, "Hello")
    assert _staff_emails("victim_message_received") == ["cara"]
    assert _staff_emails("victim_message_urgent") == []


# --- escalation ---------------------------------------------------------------------------------------


def _scan(at):
    with time_machine.travel(at, tick=False):
        return triage.unanswered_messages_escalate()


def test_an_unanswered_message_escalates_to_the_supervisor_once(personas, case_a):
    _send(case_a, "Any news?")  # reply by Wednesday 23:59
    assert _scan(local(2026, 3, 18, 23, 0)) == 0
    assert _scan(local(2026, 3, 19, 0, 30)) == 1
    assert _staff_emails("victim_message_unanswered") == ["sue"]
    email = OutboundMessage.objects.get(template="victim_message_unanswered")
    assert "Any news" not in email.body and "Cara Walsh" in email.body
    assert _scan(local(2026, 3, 19, 1, 0)) == 0  # once
    _send(case_a, "Hello?", at=local(2026, 3, 19, 9, 0))  # the same unanswered run
    assert _scan(local(2026, 3, 21, 9, 0)) == 0
    assert _staff_emails("victim_message_unanswered") == ["sue"]


def test_reading_is_not_answering_but_a_reply_is(personas, case_a, client_for):
    _send(case_a, "Any news?")
    client_for("cara").get(f"/cases/{case_a.id}/messages/")  # read, not answered
    assert _scan(local(2026, 3, 19, 0, 30)) == 1
    with time_machine.travel(local(2026, 3, 19, 9, 0), tick=False):
        message_send_from_staff(actor=personas["cara"], case=case_a, body="Nothing yet, sorry.")
    assert _scan(local(2026, 3, 20, 9, 0)) == 0
    _send(case_a, "Thank you. I am scared though", at=local(2026, 3, 20, 10, 0))  # a new run
    assert _scan(local(2026, 3, 20, 13, 0)) == 0
    assert _scan(local(2026, 3, 20, 14, 30)) == 1
    assert Message.objects.filter(urgent=True).count() == 1


def test_an_answered_message_never_escalates(personas, case_a):
    _send(case_a, "Any news?")
    with time_machine.travel(local(2026, 3, 17, 9, 0), tick=False):
        message_send_from_staff(actor=personas["cara"], case=case_a, body="Not yet.")
    assert _scan(local(2026, 3, 25, 9, 0)) == 0


def test_with_no_supervisor_on_the_team_the_organisations_are_told(personas, case_a):
    east = Team.objects.create(organisation_id=case_a.organisation_id, name="Victim care East")
    personas["cara"].teams.add(east)
    vcase = make_case(personas["cara"], team="Victim care East", caseworker=personas["cara"])
    assert [u.username for u in triage.escalation_recipients(vcase)] == ["sue"]
    assert [u.username for u in triage.escalation_recipients(case_a)] == ["sue"]


def test_the_scheduler_runs_the_scan():
    name = "victimcare.messaging.triage.unanswered_messages_escalate"
    assert name in settings.SCHEDULED_SCANS
    with time_machine.travel(MONDAY, tick=False):
        assert import_string(name)() == 0


def test_administrators_set_a_services_target_in_the_admin_pages(personas, client_for):
    assert client_for("adam").get("/admin/messaging/replytarget/add/").status_code == 200
    assert client_for("cara").get("/admin/messaging/replytarget/add/", follow=True).status_code == 404
    teesside = Team.objects.get(name="Victim care Teesside")
    target = ReplyTarget(
        organisation_id=personas["cara"].organisation_id, team=teesside, working_days=1, urgent_hours=2
    )
    with pytest.raises(ValidationError):
        target.full_clean()
