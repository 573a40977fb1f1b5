"""The staff inbox: cases with victims' messages nobody has read, mine first, then my team's,
then the others I can see; never a case outside my scope; the case page shows the count."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_case, make_person
from victimcare.messaging import selectors
from victimcare.messaging.services import message_send_from_victim

pytestmark = pytest.mark.django_db


def _send(case, body="Please call me"):
    return message_send_from_victim(case=case, body=body, sender_label="Victim (victim)")


def test_it_lists_mine_then_my_teams_then_the_rest(personas, case_a, case_b, client_for):
    team_case = make_case(
        personas["cara"],
        person=make_person(personas["cara"], first_name="Lee", last_name="North"),
        team="Victim care North",
        reference="DU/00201/26",
    )
    _send(case_b)
    _send(team_case)
    _send(case_a)
    _send(case_a, "And again")
    rows = selectors.staff_inbox(personas["sue"])  # sue: both teams, no case of her own
    assert [r.case.id for r in rows] == [case_a.id, team_case.id, case_b.id]
    rows = selectors.staff_inbox(personas["cara"])
    assert [(r.case.id, r.group, r.unread) for r in rows] == [
        (case_a.id, selectors.MINE, 2),
        (team_case.id, selectors.TEAM, 1),
    ]
    page = client_for("cara").get("/inbox/").content.decode()
    assert "My cases" in page and "My team&#x27;s cases" in page and "Tom Baker" not in page
    assert re.search(r"3 unread messages", page)
    assert selectors.staff_unread_count(personas["cara"]) == 3
    assert selectors.staff_unread_count(personas["otto"]) == 0


def test_it_drops_a_case_once_staff_read_it(personas, case_a, client_for):
    _send(case_a)
    client_for("olly").get(f"/cases/{case_a.id}/messages/")
    assert selectors.staff_inbox(personas["cara"]) == []
    assert "There are no unread messages" in client_for("cara").get("/inbox/").content.decode()


def test_it_is_only_for_staff_who_work_cases(client_for, personas):
    for username in ("pat", "chad", "ana", "adam"):
        assert client_for(username).get("/inbox/").status_code == 404


def test_it_shows_the_unread_count_on_the_case_page(case_a, client_for):
    _send(case_a)
    page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert "Messages with the victim" in page and "1 new" in page
    assert f'href="/cases/{case_a.id}/messages/"' in page
    assert "Please call me" not in page  # the words are on the audited thread page only
