"""The victim's timeline says what each step means for them and what they can do, groups a run
of "we were in touch" entries into one, and puts who to contact first on a phone (issue 15,
item 7), in English and Welsh."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.factories import local
from victimcare.cases.services import event_record
from victimcare.portal.selectors import timeline

pytestmark = pytest.mark.django_db


def test_a_bail_decision_says_what_it_means(personas, case_a) -> None:
    event_record(actor=personas["cara"], case=case_a, type="bail_hearing_outcome_received",
                 payload={"decision": "remanded_in_custody"}, occurred_at=local(2026, 3, 10, 11, 0))  # fmt: skip
    [item] = [i for i in timeline(case_a) if i.text == "The court made a decision about bail."]
    assert (
        item.meaning
        == "The court decided the suspect stays in custody until the trial. We will tell you if that changes."
    )
    with translation.override("cy"):
        [item] = [i for i in timeline(case_a) if i.meaning.startswith("Penderfynodd")]
        assert "ddalfa" in item.meaning


def test_a_step_whose_words_say_it_all_has_no_meaning_added(personas, case_a) -> None:
    event_record(actor=personas["cara"], case=case_a, type="vps_made", occurred_at=local(2026, 3, 10, 11, 0))
    [item] = [i for i in timeline(case_a) if i.text == "You made a Victim Personal Statement."]
    assert item.meaning == ""


def test_a_run_of_contacts_is_one_entry_and_other_entries_break_the_run(personas, case_a) -> None:
    def contact(day: int) -> None:
        event_record(actor=personas["cara"], case=case_a, type="contact_made",
                     payload={"channel": "phone", "summary": "Call"}, occurred_at=local(2026, 3, day, 9, 0))  # fmt: skip

    for day in (3, 4, 5):
        contact(day)
    event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 6, 9, 0)
    )
    contact(7)
    items = [i for i in timeline(case_a) if i.text == "We were in touch with you."]
    assert [(i.times, i.first_day, i.day) for i in items] == [
        (1, None, local(2026, 3, 7).date()),
        (3, local(2026, 3, 3).date(), local(2026, 3, 5).date()),
    ]


def test_the_portal_page_groups_contacts_and_puts_who_to_contact_first(
    personas, jane_case, portal_client
) -> None:
    for day in (3, 4):
        event_record(actor=personas["cara"], case=jane_case, type="contact_made",
                     payload={"channel": "phone", "summary": "Call"}, occurred_at=local(2026, 3, day, 9, 0))  # fmt: skip
    page = portal_client(jane_case).get("/portal/").content.decode()
    assert "We were in touch with you 2 times." in page
    assert page.index('id="contact-heading"') < page.index('id="timeline-heading"')
