"""The case page starts with what needs doing (issue 15 item 2): what the Code still owes the
victim, overdue first, and the next step of each referral and of any draft assessment, each
with a link to where it is done; then a list of the page's sections; and a long timeline
shows its latest entries, with the rest a click away."""

from __future__ import annotations

import re

import pytest
import time_machine

from tests.factories import local
from tests.support.conftest import load_directory
from victimcare.cases.next_steps import case_tasks
from victimcare.cases.services import event_record
from victimcare.support.demo_directory import HARBOUR
from victimcare.support.services import referral_create

pytestmark = pytest.mark.django_db


def _arrest(personas, case, when):
    return event_record(actor=personas["olly"], case=case, type="suspect_arrested", occurred_at=when)


def test_what_is_owed_comes_first_overdue_before_pending(personas, case_a) -> None:
    _arrest(personas, case_a, local(2026, 3, 3, 9, 0))
    later = _arrest(personas, case_a, local(2026, 3, 20, 9, 0))
    with time_machine.travel(local(2026, 3, 23, 12, 0), tick=False):
        tasks = case_tasks(personas["cara"], case_a, local(2026, 3, 23).date())
    owed = [t for t in tasks if "Right 6" in t.what]
    assert len(owed) == 2
    assert [t.overdue for t in owed] == [True, False]  # the first arrest's clock has run out
    flags = [t.overdue for t in tasks]
    assert flags == sorted(flags, reverse=True)  # every overdue task before any other
    dated = [t.due for t in tasks if not t.overdue and t.due]
    assert dated == sorted(dated)  # then the soonest due
    assert all(t.link == "Record it" and f"/cases/{case_a.id}/events/new/" in t.href for t in owed)
    assert owed[1].due is not None and owed[1].due > later.occurred_at.date()


def test_telling_the_victim_takes_the_task_off_the_list(personas, case_a) -> None:
    arrested = _arrest(personas, case_a, local(2026, 3, 3, 9, 0))
    assert any("Right 6" in t.what for t in case_tasks(personas["cara"], case_a, local(2026, 3, 4).date()))
    event_record(actor=personas["cara"], case=case_a, type="victim_informed", about=arrested,
                 payload={"channel": "phone"}, occurred_at=local(2026, 3, 4, 9, 0))  # fmt: skip
    assert not any(
        "Right 6" in t.what for t in case_tasks(personas["cara"], case_a, local(2026, 3, 4).date())
    )


def test_a_referral_shows_its_next_step_and_who_takes_it(personas, case_a) -> None:
    harbour = load_directory()[HARBOUR]
    referral = referral_create(actor=personas["cara"], case=case_a, service=harbour)
    [task] = [
        t for t in case_tasks(personas["cara"], case_a, local(2026, 3, 4).date()) if "referral" in t.what
    ]
    assert task.what == f"Send the referral to {harbour.name}"
    assert task.owner == "Victim care service"
    assert task.href == f"/referrals/{referral.id}/"


def test_the_page_lists_the_tasks_and_links_every_section_it_names(personas, client_for, case_a) -> None:
    _arrest(personas, case_a, local(2026, 3, 3, 9, 0))
    page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    tasks = page[page.index('id="case-tasks"') : page.index("</table>", page.index('id="case-tasks"'))]
    assert "Right 6" in tasks and "Record it" in tasks
    assert page.index('id="tasks-heading"') < page.index('id="timeline"')  # the task list comes first
    nav = page[
        page.index('id="contents-heading"') : page.index("</nav>", page.index('id="contents-heading"'))
    ]
    targets = re.findall(r'href="#([\w-]+)"', nav)
    assert len(targets) >= 9
    for target in targets:
        assert f'id="{target}"' in page, target


def test_a_closed_case_whose_victim_opted_out_has_nothing_to_do_and_says_so(
    personas, client_for, case_b
) -> None:
    assert (
        "Nothing is waiting to be done" not in client_for("cole").get(f"/cases/{case_b.id}/").content.decode()
    )
    event_record(actor=personas["cole"], case=case_b, type="victim_opted_out_of_updates",
                 occurred_at=local(2026, 3, 5, 9, 0))  # fmt: skip
    event_record(actor=personas["cole"], case=case_b, type="case_closed", payload={"reason": "Victim asked"},
                 occurred_at=local(2026, 3, 5, 9, 5))  # fmt: skip
    page = client_for("cole").get(f"/cases/{case_b.id}/").content.decode()
    assert "Nothing is waiting to be done on this case." in page


def test_a_long_timeline_shows_its_latest_entries_and_the_rest_on_request(
    personas, client_for, case_a
) -> None:
    for n in range(30):
        event_record(actor=personas["cara"], case=case_a, type="contact_made",
                     payload={"channel": "phone", "summary": f"Call {n}"},
                     occurred_at=local(2026, 3, 3, 9, n))  # fmt: skip
    page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    total = case_a.events.count()
    assert f"Show {total - 25} earlier entries" in page
    details = page[page.index('id="earlier-events"') :]
    assert details.count('class="vc-timeline__item"') == total - 25
    assert page.count('class="vc-timeline__item"') == total  # every entry is on the page, none lost
