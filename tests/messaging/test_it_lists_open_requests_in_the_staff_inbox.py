"""The staff inbox lists, above the messages, the requests victims made in the portal that are
still owed something, on the cases the user can see only: soonest due first, overdue marked,
gone once answered; never a request on a case outside the user's scope, never the victim's words."""

from __future__ import annotations

import pytest
import time_machine

from tests.factories import local
from victimcare.cases.services import event_record
from victimcare.messaging import selectors
from victimcare.messaging.services import complaint_make, review_request_make, vps_request_make

pytestmark = pytest.mark.django_db

LABEL = "Victim portal: victim, account 1"


@pytest.fixture
def requests(case_a, case_b, case_other):
    with time_machine.travel(local(2026, 3, 16, 10, 0), tick=False):
        statement = vps_request_make(case=case_a, kind="make", portal_label=LABEL)
        complaint = complaint_make(case=case_a, against="police", summary="Secret words", portal_label=LABEL)
    with time_machine.travel(local(2026, 3, 13, 10, 0), tick=False):
        review = review_request_make(case=case_b, decision_maker="police", reason="", portal_label=LABEL)
        elsewhere = complaint_make(case=case_other, against="police", summary="Elsewhere", portal_label=LABEL)
    return {"statement": statement, "complaint": complaint, "review": review, "elsewhere": elsewhere}


def _ids(username, personas):
    return [r.event.id for r in selectors.open_requests(personas[username], local(2026, 3, 17, 9, 0).date())]


def test_it_lists_only_requests_on_cases_the_user_can_see(requests, personas):
    statement, complaint, review = requests["statement"], requests["complaint"], requests["review"]
    # The review is due first (27 March), then the complaint (30 March), then no date.
    assert _ids("sue", personas) == [review.id, complaint.id, statement.id]
    assert _ids("cara", personas) == [complaint.id, statement.id]
    assert _ids("olly", personas) == [complaint.id, statement.id]  # officer in charge of case A
    assert _ids("cole", personas) == [review.id]
    assert _ids("otto", personas) == [requests["elsewhere"].id]  # another force's service
    assert _ids("wendy", personas) == []


def test_it_shows_them_at_the_top_of_the_inbox_without_the_victims_words(requests, client_for, case_a):
    with time_machine.travel(local(2026, 3, 17, 9, 0), tick=False):
        response = client_for("cara").get("/inbox/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Requests waiting for an answer") < page.index("Unread messages")
    assert "2 requests made in the victim portal" in page
    assert "Made a complaint about the police" in page and "Asked to make a Victim Personal Statement" in page
    assert f'href="/cases/{case_a.id}/"' in page
    assert "30 Mar 2026" in page and "No date set" in page
    assert "Secret words" not in page and "Tom Baker" not in page and "DU/00002/26" not in page


def test_it_marks_an_overdue_request(requests, client_for):
    with time_machine.travel(local(2026, 4, 1, 9, 0), tick=False):
        page = client_for("cole").get("/inbox/").content.decode()
    assert "Overdue" in page and "27 Mar 2026" in page


def test_it_drops_a_request_once_it_is_answered(requests, case_a, personas, client_for):
    with time_machine.travel(local(2026, 3, 17, 9, 0), tick=False):
        event_record(
            actor=personas["cara"],
            case=case_a,
            type="complaint_acknowledged",
            about=requests["complaint"],
            occurred_at=local(2026, 3, 17, 8, 0),
        )
    # Acknowledged is not answered: the full reply is still owed (R12_COMPLAINT_REPLY, ADR 0059).
    assert requests["complaint"].id in _ids("cara", personas)
    with time_machine.travel(local(2026, 3, 18, 9, 0), tick=False):
        event_record(
            actor=personas["cara"],
            case=case_a,
            type="complaint_responded",
            about=requests["complaint"],
            payload={"outcome": "upheld", "told_how_to_escalate": True},
            occurred_at=local(2026, 3, 18, 8, 0),
        )
    assert _ids("cara", personas) == [requests["statement"].id]


def test_it_lists_only_requests_made_in_the_portal(case_a, personas):
    with time_machine.travel(local(2026, 3, 16, 10, 0), tick=False):
        event_record(
            actor=personas["cara"],
            case=case_a,
            type="complaint_received",
            payload={"against": "police"},
            occurred_at=local(2026, 3, 16, 9, 0),
        )
    assert _ids("cara", personas) == []


def test_it_says_when_there_are_none(client_for):
    page = client_for("cara").get("/inbox/").content.decode()
    assert "There are no requests from victims waiting for an answer" in page
