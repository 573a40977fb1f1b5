"""The victim's window to ask for a review of a police or CPS decision, on the case page."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.factories import local
from victimcare.cases.services import event_record
from victimcare.rights.review_windows import TimelineEntry, review_windows
from victimcare.rights.workdays import default_calendar

pytestmark = pytest.mark.django_db


def test_it_gives_three_months_from_being_told_of_a_police_decision():
    (window,) = review_windows(
        [
            TimelineEntry(1, "suspect_released_no_further_action", date(2026, 3, 10)),
            TimelineEntry(2, "victim_informed", date(2026, 3, 12), about_id=1),
        ],
        default_calendar(),
    )
    assert (window.decided_by, window.told_on, window.ask_by, window.ideally_by) == (
        "police",
        date(2026, 3, 12),
        date(2026, 6, 12),
        None,
    )
    assert window.state(date(2026, 6, 12)) == "open"
    assert window.state(date(2026, 6, 13)) == "closed"


def test_it_gives_ten_working_days_ideally_for_a_cps_decision():
    # Told on Thursday 2 April 2026: Good Friday and Easter Monday are not working days.
    (window,) = review_windows(
        [
            TimelineEntry(1, "cps_decision_not_to_charge", date(2026, 4, 1)),
            TimelineEntry(2, "victim_informed", date(2026, 4, 2), about_id=1),
        ],
        default_calendar(),
    )
    assert window.ideally_by == date(2026, 4, 20)
    assert window.ask_by == date(2026, 7, 2)


def test_it_waits_until_the_victim_is_told_and_notes_a_request():
    entries = [
        TimelineEntry(1, "cps_decision_not_to_charge", date(2026, 4, 1)),
        TimelineEntry(2, "vrr_requested", date(2026, 4, 3), decision_maker="police"),
    ]
    (window,) = review_windows(entries, default_calendar())
    assert window.state(date(2026, 4, 5)) == "not_told"  # a police request is not a CPS review
    entries.append(TimelineEntry(3, "vrr_requested", date(2026, 4, 6), decision_maker="cps"))
    (window,) = review_windows(entries, default_calendar())
    assert window.state(date(2026, 4, 7)) == "requested" and window.requested_on == date(2026, 4, 6)


@time_machine.travel(local(2026, 3, 20, 12, 0))
def test_it_shows_the_window_on_the_case_page(client_for, personas, case_a):
    nfa = event_record(
        actor=personas["olly"],
        case=case_a,
        type="suspect_released_no_further_action",
        occurred_at=local(2026, 3, 10, 16, 0),
    )
    event_record(
        actor=personas["olly"],
        case=case_a,
        type="victim_informed",
        about=nfa,
        occurred_at=local(2026, 3, 12, 10, 0),
        payload={"channel": "phone"},
    )
    body = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert "Reviews of decisions" in body
    assert "12 Jun 2026" in body and "Can still ask" in body


def test_it_leaves_the_section_out_when_there_is_no_decision(client_for, case_a):
    assert b"Reviews of decisions" not in client_for("cara").get(f"/cases/{case_a.id}/").content
