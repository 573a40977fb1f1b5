"""Done when: the dashboard's figures match a recount from the events (the pure engine,
evaluated case by case at the same moment, its statuses counted)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.utils import timezone

from tests.reports.conftest import as_counters, recount
from victimcare.access.gate import cases_visible_to
from victimcare.reports import selectors
from victimcare.reports.selectors import PROVIDER, QUARTER, RIGHT, RULE, Filters

pytestmark = pytest.mark.django_db

YEAR = Filters(start=date(2026, 1, 1), end=date(2026, 12, 31), group=RULE)


def test_it_counts_what_the_engine_recounts_by_rule(personas, timelines):
    sue = personas["sue"]
    ids = list(cases_visible_to(sue).values_list("id", flat=True))
    assert timelines[-1].id not in ids and len(ids) == 4  # otto's Cleveland case is not sue's
    dated, undated = recount(ids, YEAR.start, YEAR.end)
    today = timezone.localdate()
    assert as_counters(selectors.group_rows(sue, YEAR, today)) == dated
    assert as_counters(selectors.undated_rows(sue, YEAR, today)) == undated
    # The timelines give every status the statutory figure counts.
    every = sum(dated.values(), Counter())
    assert {"met", "late", "overdue", "pending", "not_applicable"} <= set(every)
    assert undated["R3_WRITTEN_ACK"] == Counter({"done": 1, "not_done": 3})


def test_its_other_groupings_and_the_trend_add_up_to_the_same_recount(personas, timelines):
    sue = personas["sue"]
    ids = list(cases_visible_to(sue).values_list("id", flat=True))
    dated, _ = recount(ids, YEAR.start, YEAR.end)
    total = sum(dated.values(), Counter())
    today = timezone.localdate()
    for f in (
        Filters(start=YEAR.start, end=YEAR.end, group=RIGHT),
        Filters(start=YEAR.start, end=YEAR.end, group=PROVIDER),
        Filters(start=YEAR.start, end=YEAR.end, group=selectors.TEAM),
        Filters(start=YEAR.start, end=YEAR.end, group=selectors.ENHANCED),
    ):
        assert sum(as_counters(selectors.group_rows(sue, f, today)).values(), Counter()) == total
    for period in (selectors.MONTH, QUARTER):
        trend = selectors.trend_rows(sue, Filters(start=YEAR.start, end=YEAR.end, period=period), today)
        assert len(trend) == (12 if period == selectors.MONTH else 4)
        assert sum(as_counters(trend).values(), Counter()) == total
    march = next(r for r in selectors.trend_rows(sue, YEAR, today) if r.key == "2026-03-01")
    assert march.rate == march.counts["met"] / (
        march.counts["met"] + march.counts["late"] + march.counts["overdue"]
    )


def test_the_analyst_sees_the_same_organisation_figures(personas, timelines):
    today = timezone.localdate()
    sue, ana = personas["sue"], personas["ana"]
    assert as_counters(selectors.group_rows(ana, YEAR, today)) == as_counters(
        selectors.group_rows(sue, YEAR, today)
    )


def test_the_filters_narrow_the_recount(personas, timelines):
    sue = personas["sue"]
    today = timezone.localdate()
    ids = list(cases_visible_to(sue).values_list("id", flat=True))
    dated, _ = recount(ids, YEAR.start, YEAR.end)
    only_r6 = Filters(start=YEAR.start, end=YEAR.end, group=RULE, right="6")
    assert as_counters(selectors.group_rows(sue, only_r6, today)) == {
        k: v for k, v in dated.items() if k.startswith("R6")
    }
    enhanced = as_counters(
        selectors.group_rows(sue, Filters(start=YEAR.start, end=YEAR.end, group=RULE, enhanced=True), today)
    )
    assert enhanced["R6_ARREST"] == Counter({"met": 1})  # case_a's, on time
    standard = as_counters(
        selectors.group_rows(sue, Filters(start=YEAR.start, end=YEAR.end, group=RULE, enhanced=False), today)
    )
    assert standard["R6_ARREST"] == Counter({"late": 1})  # case_b's, told after the 5 working days
