"""What a victim reads about asking for a review comes from the same rule data as the window the
case tracks (rights rules, `review_windows`), so the two cannot drift apart again: the CPS decision
messages once said "ask within 5 working days" while the window used 10, and the "decision not to
investigate" message offered a review that no window tracked (docs/adr/0059)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from victimcare.notify import messages
from victimcare.rights.engine import add_months
from victimcare.rights.loader import RULES_DIR, load_rule_sets
from victimcare.rights.review_windows import TimelineEntry, review_windows, reviewable_decisions
from victimcare.rights.workdays import default_calendar

REVIEW_WORDS = {"en": "Right to Review", "cy": "Hawl Dioddefwyr i Adolygiad"}
DAY = date(2026, 6, 1)
# A number typed next to a period in a template would be a second copy of the rules.
TYPED_PERIOD = re.compile(r"\b\d+\s+(working days?|months?|diwrnod gwaith|mis)\b")


def _raw(language: str, key: str) -> str:
    entry = messages._catalogue(language)[key]
    return f"{entry['subject']}\n{entry['body']}"


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("key", messages.VICTIM_TEMPLATES)
def test_it_offers_a_review_only_where_a_window_is_tracked(language, key):
    offers = REVIEW_WORDS[language] in _raw(language, key)
    assert offers == (key in reviewable_decisions()), key


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("key", sorted(reviewable_decisions()))
def test_it_types_no_period_of_its_own(language, key):
    assert not TYPED_PERIOD.search(_raw(language, key)), _raw(language, key)


@pytest.mark.parametrize("key", sorted(reviewable_decisions()))
def test_it_states_the_periods_of_the_window_the_case_tracks(key):
    """Read the periods back out of the message the victim gets, and they give exactly the
    dates of the window the case page tracks for the same decision."""
    entries = [TimelineEntry(1, key, DAY), TimelineEntry(2, "victim_informed", DAY, about_id=1)]
    (window,) = review_windows(entries, default_calendar())
    context = messages.review_context(key, DAY)
    english = messages.render(key, "en", context).body
    welsh = messages.render(key, "cy", context).body
    months = {int(n) for n in re.findall(r"(\d+) months", english)}
    assert months and {add_months(DAY, n) for n in months} == {window.ask_by}
    assert {int(n) for n in re.findall(r"(\d+) mis", welsh)} == months
    days = {int(n) for n in re.findall(r"(\d+) working days", english)}
    if window.ideally_by is None:
        assert not days
    else:
        assert days and {default_calendar().add_working_days(DAY, n) for n in days} == {window.ideally_by}
        assert {int(n) for n in re.findall(r"(\d+) diwrnod gwaith", welsh)} == days


def test_it_says_10_working_days_for_a_cps_decision_today():
    body = messages.render(
        "cps_decision_not_to_charge", "en", messages.review_context("cps_decision_not_to_charge", DAY)
    ).body
    assert "Ask within 10 working days of hearing about the decision if you can." in body
    assert "5 working days" not in body


def test_it_follows_the_rules_when_they_change(tmp_path: Path):
    data = yaml.safe_load((RULES_DIR / "code_2020.yaml").read_text(encoding="utf-8"))
    for window in data["review_windows"]:
        if window["decided_by"] == "cps":
            window["ask_promptly_working_days"] = 7
            window["ask_within_months"] = 4
    (tmp_path / "code_2020.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    changed = load_rule_sets(tmp_path)
    context = messages.review_context("cps_charges_dropped_or_altered", DAY, changed)
    body = messages.render("cps_charges_dropped_or_altered", "en", context).body
    assert "Ask within 7 working days if you can. You can still ask up to 4 months later." in body
    entries = [
        TimelineEntry(1, "cps_charges_dropped_or_altered", DAY),
        TimelineEntry(2, "victim_informed", DAY, about_id=1),
    ]
    (window,) = review_windows(entries, default_calendar(), changed)
    assert (window.ask_by, window.ideally_by) == (date(2026, 10, 1), date(2026, 6, 10))


def test_it_offers_no_review_of_a_decision_not_to_investigate():
    assert "decision_not_to_investigate" not in reviewable_decisions()
    assert messages.review_context("decision_not_to_investigate", DAY) == {}
    entries = [
        TimelineEntry(1, "decision_not_to_investigate", DAY),
        TimelineEntry(2, "victim_informed", DAY, about_id=1),
    ]
    assert review_windows(entries, default_calendar()) == []
    for language in ("en", "cy"):
        body = messages.render("decision_not_to_investigate", language, {}).body
        assert REVIEW_WORDS[language] not in body
