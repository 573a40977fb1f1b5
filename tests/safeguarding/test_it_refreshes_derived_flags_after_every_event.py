"""The derived safeguarding flags follow one policy: each is refreshed after every event on the
case, in the event's transaction (docs/adr/0030). A flag left stale (by a direct write, a
correction of a crime's date, a change of settings) is put right by the next event."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import local, make_case
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record

pytestmark = pytest.mark.django_db


def test_it_puts_a_stale_repeat_victim_flag_right_on_the_next_event(personas, case_a):
    VictimCase.objects.filter(pk=case_a.pk).update(repeat_victim=True)  # stale: one crime only
    event_record(
        actor=personas["olly"], case=case_a, type="suspect_arrested", occurred_at=local(2026, 3, 3, 9)
    )
    case_a.refresh_from_db()
    assert case_a.repeat_victim is False


def test_it_flags_both_cases_when_a_second_crime_is_opened(personas, case_a):
    second = make_case(personas["cara"], person=case_a.person, team="Victim care North",
                       reference="DU/00991/26", reported_at=local(2026, 3, 20, 10))  # fmt: skip
    case_a.refresh_from_db()
    assert second.repeat_victim is True and case_a.repeat_victim is True


def test_it_puts_a_stale_vulnerable_flag_right_on_the_next_event(personas, case_b):
    VictimCase.objects.filter(pk=case_b.pk).update(vulnerable=True)  # stale: an adult, no ground
    assert case_b.person.date_of_birth == date(1990, 5, 1)
    event_record(
        actor=personas["cole"], case=case_b, type="suspect_arrested", occurred_at=local(2026, 3, 3, 9)
    )
    case_b.refresh_from_db()
    assert case_b.vulnerable is False
