"""Suggested services: ranked by the latest needs, only where the victim is eligible (age, sex,
crime type or flags), covered (area) and reached (phone, online, outreach for those who cannot
travel); inactive services never; with the reasons in words."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from victimcare.support.matching import ServiceFacts, Victim, suggest

ADULT = Victim(age=40, sex="female", crime_type="Burglary", crime_flags=frozenset(), area="County Durham",
               needs={"housing": "high", "safety": "low", "health": "none"})  # fmt: skip


def service(id: int, name: str, **kw) -> ServiceFacts:
    base: dict[str, Any] = dict(needs_met=["housing"], crime_types=[], crime_flags=[], min_age=None, max_age=None, sex="",
                areas=["County Durham"], covers_everywhere=False, reach=["premises"], waiting_weeks=1)  # fmt: skip
    base.update(kw)
    return ServiceFacts(id=id, name=name, **base)


def names(victim: Victim, services: list[ServiceFacts]) -> list[str]:
    by_id = {s.id: s.name for s in services}
    return [by_id[g.service_id] for g in suggest(victim, services)]


def test_it_ranks_by_the_needs_met_then_the_wait():
    services = [
        service(1, "Safety only", needs_met=["safety"]),
        service(2, "Housing, long wait", needs_met=["housing"], waiting_weeks=6),
        service(3, "Housing and safety", needs_met=["housing", "safety"], waiting_weeks=9),
        service(4, "Housing, short wait", needs_met=["housing"], waiting_weeks=0),
        service(5, "Health only", needs_met=["health"]),  # the victim has no health need
    ]
    assert names(ADULT, services) == [
        "Housing and safety",
        "Housing, short wait",
        "Housing, long wait",
        "Safety only",
    ]


def test_it_gives_the_reasons():
    [best] = suggest(ADULT, [service(1, "A", needs_met=["safety", "housing"], waiting_weeks=2)])
    assert best.reasons == "Meets: housing, safety. Covers County Durham. Waiting 2 weeks."


@pytest.mark.parametrize(
    ("victim_age", "min_age", "max_age", "suggested"),
    [(40, 18, None, True), (16, 18, None, False), (12, 5, 17, True), (18, 5, 17, False), (17, 5, 17, True)],
)
def test_it_checks_age(victim_age, min_age, max_age, suggested):
    victim = Victim(**{**ADULT.__dict__, "age": victim_age})
    got = names(victim, [service(1, "S", min_age=min_age, max_age=max_age)])
    assert got == (["S"] if suggested else [])


def test_it_asks_staff_to_check_an_unknown_age_rather_than_hiding_the_service():
    victim = Victim(**{**ADULT.__dict__, "age": None})
    [got] = suggest(victim, [service(1, "S", min_age=18)])
    assert got.checks == ("Check their age: ages 18 and over",)


@pytest.mark.parametrize(("victim_sex", "service_sex", "suggested"),
                         [("female", "female", True), ("male", "female", False), ("male", "", True)])  # fmt: skip
def test_it_checks_sex_where_the_service_is_for_one(victim_sex, service_sex, suggested):
    victim = Victim(**{**ADULT.__dict__, "sex": victim_sex})
    assert names(victim, [service(1, "S", sex=service_sex)]) == (["S"] if suggested else [])


def test_it_checks_the_crime_type_or_flags():
    services = [
        service(1, "Burglary service", crime_types=["Burglary"]),
        service(2, "Robbery service", crime_types=["Robbery"]),
        service(3, "Domestic abuse service", crime_flags=["domestic_abuse"]),
        service(4, "Burglary or domestic abuse", crime_types=["Robbery"], crime_flags=["domestic_abuse"]),
    ]
    assert names(ADULT, services) == ["Burglary service"]
    abused = Victim(
        **{**ADULT.__dict__, "crime_flags": frozenset({"domestic_abuse"}), "crime_type": "Robbery"}
    )
    assert sorted(names(abused, services)) == [
        "Burglary or domestic abuse",
        "Domestic abuse service",
        "Robbery service",
    ]


def test_it_checks_the_area():
    services = [
        service(1, "Durham", areas=["County Durham"]),
        service(2, "Darlington", areas=["Darlington"]),
        service(3, "National", areas=[], covers_everywhere=True),
    ]
    assert sorted(names(ADULT, services)) == ["Durham", "National"]


def test_it_suggests_only_services_that_reach_a_victim_who_cannot_travel():
    services = [
        service(1, "Office only", reach=["premises"]),
        service(2, "Phone line", reach=["phone"]),
        service(3, "Home visits", reach=["premises", "outreach"]),
    ]
    isolated = Victim(**{**ADULT.__dict__, "hard_to_travel": True})
    assert sorted(names(isolated, services)) == ["Home visits", "Phone line"]
    assert len(names(ADULT, services)) == 3


def test_it_never_suggests_an_inactive_service():
    assert names(ADULT, [service(1, "Closed", active=False), service(2, "Open")]) == ["Open"]


def test_it_suggests_every_eligible_service_before_any_assessment():
    victim = Victim(**{**ADULT.__dict__, "needs": {}})
    got = names(
        victim,
        [service(1, "Slow", needs_met=["health"], waiting_weeks=5), service(2, "Quick", waiting_weeks=0)],
    )
    assert got == ["Quick", "Slow"]


@pytest.mark.django_db
def test_it_shows_the_suggestions_for_a_case(client_for, personas, case_b, directory):
    person = case_b.person
    person.sex, person.date_of_birth = "male", date(1990, 5, 1)
    person.save()
    client = client_for("cole")
    data = {
        f"level_{a}": "none"
        for a in ("health", "safety", "practical", "housing", "family", "justice", "communication")
    }
    client.post(f"/cases/{case_b.id}/needs/assess/", {**data, "level_safety": "high", "level_practical": "medium",
                                                       "action": "complete"})  # fmt: skip
    # The crime happened in County Durham; the victim lives in Darlington, and a service
    # covers where its clients live.
    crime = case_b.crime
    crime.lsoa_name = "County Durham 001A"
    crime.save()
    person.home_area = "Darlington"
    person.save()
    page = client.get(f"/cases/{case_b.id}/support/suggestions/")
    got = [item.service.name for item in page.context["suggested"]]
    # A male burglary victim living in Darlington who needs safety and practical help:
    # Both meet safety and practical and wait a week; then by name.
    assert got[:2] == ["Harbour Support Services", "Home Safe Security Scheme"]
    assert "Darlington Safe Homes Refuge" not in got  # women only, domestic abuse
    assert "Money and Debt Advice Durham" not in got  # County Durham only
    assert "Cornerstone Drop-in" not in got  # not taking referrals
    assert (
        "Meets: safety, practical and financial. Covers Darlington. Waiting 1 week." in page.content.decode()
    )
