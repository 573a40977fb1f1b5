"""Repeat victims: 2 or more crimes against the same person within 12 months (settings),
flagged when a case is opened and by `manage.py repeat_victims_recompute`; shown on the caseload."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import local, make_case
from victimcare.cases.models import VictimCase
from victimcare.safeguarding.windows import add_months, in_any_window

pytestmark = pytest.mark.django_db


def test_it_adds_calendar_months_and_falls_back_to_the_months_last_day():
    assert add_months(date(2025, 3, 3), 12) == date(2026, 3, 3)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


def test_it_finds_items_within_one_window_at_its_edges():
    days = {"a": date(2025, 3, 3), "b": date(2026, 3, 3), "c": date(2026, 3, 4)}
    assert in_any_window([("a", days["a"]), ("b", days["b"])], count=2, months=12) == {"a", "b"}
    assert in_any_window([("a", days["a"]), ("c", days["c"])], count=2, months=12) == set()
    assert in_any_window(days.items(), count=3, months=12) == set()


def _case(actor, person, day: date, ref: str) -> VictimCase:
    return make_case(
        actor,
        person=person,
        team="Victim care North",
        reference=ref,
        reported_at=local(day.year, day.month, day.day, 10),
    )


def test_it_flags_both_cases_when_a_second_crime_comes_within_12_months(personas, case_a):
    cara = personas["cara"]
    assert case_a.repeat_victim is False
    second = _case(cara, case_a.person, date(2025, 3, 2), "DU/70001/25")
    case_a.refresh_from_db()
    assert (
        second.repeat_victim is True and case_a.repeat_victim is True
    )  # case_a: 2 March 2026, exactly 12 months


def test_it_does_not_flag_crimes_12_months_and_a_day_apart(personas, case_a):
    second = _case(personas["cara"], case_a.person, date(2025, 3, 1), "DU/70002/25")
    case_a.refresh_from_db()
    assert second.repeat_victim is False and case_a.repeat_victim is False


def test_it_does_not_count_someone_elses_crime(personas, case_a, case_b):
    case_a.refresh_from_db()
    case_b.refresh_from_db()
    assert not case_a.repeat_victim and not case_b.repeat_victim


def test_it_takes_the_threshold_from_settings(personas, case_a, settings):
    settings.SAFEGUARDING_REPEAT_VICTIM_CRIMES = 3
    second = _case(personas["cara"], case_a.person, date(2025, 9, 1), "DU/70003/25")
    assert second.repeat_victim is False
    third = _case(personas["cara"], case_a.person, date(2025, 12, 1), "DU/70004/25")
    assert third.repeat_victim is True
    assert set(VictimCase.objects.filter(person=case_a.person).values_list("repeat_victim", flat=True)) == {
        True
    }


def test_it_recomputes_every_flag_with_the_command(personas, case_a, case_b, settings):
    _case(personas["cara"], case_a.person, date(2025, 9, 1), "DU/70005/25")
    VictimCase.objects.filter(pk=case_b.pk).update(repeat_victim=True)  # stale
    settings.SAFEGUARDING_REPEAT_VICTIM_MONTHS = 3  # the two crimes are 6 months apart
    out = StringIO()
    call_command("repeat_victims_recompute", "--batch-size", "1", stdout=out)
    assert set(VictimCase.objects.values_list("repeat_victim", flat=True)) == {False}
    assert "changed 3 repeat-victim flags" in out.getvalue()


def test_it_shows_the_flag_on_the_caseload_and_filters_by_it(client_for, personas, case_a, case_b):
    _case(personas["cara"], case_a.person, date(2025, 9, 1), "DU/70006/25")
    page = client_for("sue").get("/cases/?flag=repeat")
    assert page.context["page"].paginator.count == 2
    assert "Repeat victim" in page.content.decode()
