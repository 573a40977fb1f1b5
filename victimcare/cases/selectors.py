"""Reads across models: the caseload and staff search. Every read starts from the access gate."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from victimcare.access.gate import cases_visible_to, my_cases_filter, people_visible_to
from victimcare.cases.models import Crime, VictimCase
from victimcare.people.models import Person
from victimcare.people.names import name_key, prefix_range

SORT_ORDER = {
    "-opened": ("-opened_at", "-id"),
    "opened": ("opened_at", "id"),
    "name": ("person__last_name_key", "person__first_name_key", "id"),
    "-last_event": ("-last_event_at", "-id"),
    "stage": ("stage", "-opened_at", "-id"),
}
CRIME_FLAG_FILTERS = {"domestic_abuse", "hate_crime", "sexual_offence"}
SEARCH_LIMIT = 50


def caseload(
    user: Any,
    *,
    stage: int | None = None,
    team: Any = None,
    flags: list[str] | None = None,
    sort: str = "-opened",
) -> QuerySet[VictimCase]:
    """The user's visible cases, filtered and sorted, with what a caseload row shows joined in."""
    cases = cases_visible_to(user).select_related("person", "crime", "team", "caseworker")
    if stage is not None:
        cases = cases.filter(stage=stage)
    if team is not None:  # a victim care team holds the case; a police team holds the crime
        cases = cases.filter(Q(team=team) | Q(crime__team=team))
    for flag in flags or []:
        cases = cases.filter(_flag_filter(user, flag))
    return cases.order_by(*SORT_ORDER.get(sort, SORT_ORDER["-opened"]))


def _flag_filter(user: Any, flag: str) -> Q:
    if flag == "mine":
        return my_cases_filter(user)
    if flag == "vulnerable":
        return Q(vulnerable=True)
    if flag == "repeat":
        return Q(repeat_victim=True)
    if flag in CRIME_FLAG_FILTERS:
        return Q(**{f"crime__{flag}": True})
    raise ValueError(f"Unknown caseload filter: {flag}")


@dataclass
class SearchResult:
    kind: str  # "name", "date_of_birth" or "crime_reference"
    people: list[Person] = field(default_factory=list)


DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %m %Y")


def parse_date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def search(user: Any, query: str) -> SearchResult:
    """People the user may see who match a name, a date of birth or a crime reference.

    Each person comes with their cases that the user may see (`visible_cases`)."""
    text = " ".join(query.split())
    people = people_visible_to(user)
    dob = parse_date(text)
    if dob is not None:
        kind, matches = "date_of_birth", people.filter(date_of_birth=dob)
    elif re.search(r"\d", text):
        kind, matches = "crime_reference", _by_crime_reference(user, people, text)
    else:
        kind, matches = "name", _by_name(people, text)
    visible = cases_visible_to(user).select_related("crime").order_by("-opened_at")
    found = matches.prefetch_related(Prefetch("cases", queryset=visible, to_attr="visible_cases"))
    return SearchResult(
        kind=kind, people=list(found.order_by("last_name_key", "first_name_key", "id")[:SEARCH_LIMIT])
    )


def _by_crime_reference(user: Any, people: QuerySet[Person], text: str) -> QuerySet[Person]:
    low, high = prefix_range(text.upper().replace(" ", ""))
    # Start from the few crimes with the reference (crime_reference_idx), then their cases.
    crimes = Crime.objects.filter(crime_reference__gte=low, crime_reference__lt=high).values("id")
    cases = cases_visible_to(user).filter(crime_id__in=crimes)
    return people.filter(id__in=cases.values("person_id"))


def _by_name(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    tokens = name_key(text).split()
    if not tokens:
        return people.none()
    if len(tokens) == 1:
        return people.filter(_prefix("last_name_key", tokens[0]) | _prefix("first_name_key", tokens[0]))
    first, last = tokens[0], tokens[-1]
    forwards = _prefix("first_name_key", first) & _prefix("last_name_key", last)
    backwards = _prefix("first_name_key", last) & _prefix("last_name_key", first)
    whole_surname = Q(last_name_key=" ".join(tokens[1:])) & _prefix("first_name_key", first)
    return people.filter(forwards | backwards | whole_surname)


def _prefix(column: str, prefix: str) -> Q:
    low, high = prefix_range(prefix)
    return Q(**{f"{column}__gte": low, f"{column}__lt": high})
