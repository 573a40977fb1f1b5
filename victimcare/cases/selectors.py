"""Reads across models: the caseload and staff search. Every read starts from the access gate."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.gate import cases_visible_to, my_cases_filter, people_visible_to
from victimcare.cases.models import Crime, VictimCase
from victimcare.people.models import Person
from victimcare.people.names import name_key, prefix_range, running_number_group, sound_key
from victimcare.safeguarding import dash
from victimcare.safeguarding.facts import RiskFlags, active_orders_filter, risk_flags_for
from victimcare.safeguarding.models import ProtectiveOrder, RiskAssessment

SORT_ORDER = {
    "-opened": ("-opened_at", "-id"),
    "opened": ("opened_at", "id"),
    "name": ("person__last_name_key", "person__first_name_key", "id"),
    "-last_event": ("-last_event_at", "-id"),
    "stage": ("stage", "-opened_at", "-id"),
}
CRIME_FLAG_FILTERS = {"domestic_abuse", "hate_crime", "sexual_offence"}
SAFEGUARDING_FILTERS = {"high_risk", "active_order"}
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
    if flag in SAFEGUARDING_FILTERS and not can(user, Capability.SAFEGUARD):
        return Q(pk__in=[])  # not theirs to ask about: nothing matches
    if flag == "high_risk":
        return Q(Exists(_latest_high_risk()))
    if flag == "active_order":
        orders = ProtectiveOrder.objects.filter(
            active_orders_filter(timezone.localdate()), case_id=OuterRef("pk")
        )
        return Q(Exists(orders))
    if flag == "mine":
        return my_cases_filter(user)
    if flag == "vulnerable":
        return Q(vulnerable=True)
    if flag == "repeat":
        return Q(repeat_victim=True)
    if flag in CRIME_FLAG_FILTERS:
        return Q(**{f"crime__{flag}": True})
    raise ValueError(f"Unknown caseload filter: {flag}")


def _latest_high_risk() -> QuerySet[RiskAssessment]:
    """The case's completed Dash assessment at high risk that no later completed one follows."""
    completed = RiskAssessment.objects.filter(status=RiskAssessment.Status.COMPLETED)
    later = completed.filter(case_id=OuterRef("case_id")).filter(
        Q(completed_at__gt=OuterRef("completed_at"))
        | Q(completed_at=OuterRef("completed_at"), id__gt=OuterRef("id"))
    )
    return completed.filter(case_id=OuterRef("pk"), level=dash.HIGH).exclude(Exists(later))


def risk_flags(user: Any, cases: Sequence[VictimCase]) -> dict[int, RiskFlags]:
    """What each case shows of its risk (high risk, MARAC criteria met, an order in force), by
    case id, in a fixed number of queries: only for those who work on safeguarding (the panel's
    capability), and an empty answer for anyone else."""
    if not can(user, Capability.SAFEGUARD):
        return {}
    return risk_flags_for(cases, timezone.localdate())


@dataclass
class SearchResult:
    kind: str  # "name", "date_of_birth" or "crime_reference"
    people: list[Person] = field(default_factory=list)
    # Names that sound like the one searched for but are spelt differently ("Smyth" for
    # "Smith"), listed apart, after the names that match as typed.
    similar: list[Person] = field(default_factory=list)


DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %m %Y")


def parse_date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def search(user: Any, query: str) -> SearchResult:
    """People the user may see who match a name, a date of birth or a crime reference (whole,
    its beginning, or its running number with or without the rest: "123", "00123/26").

    A name also finds near spellings, returned apart as `similar`. Each person comes with their
    cases that the user may see (`visible_cases`)."""
    text = " ".join(query.split())
    people = people_visible_to(user)
    dob = parse_date(text)
    similar = people.none()
    if dob is not None:
        kind, matches = "date_of_birth", people.filter(date_of_birth=dob)
    elif re.search(r"\d", text):
        kind, matches = "crime_reference", _by_crime_reference(user, people, text)
    else:
        kind, matches = "name", _by_name(people, text)
        similar = _by_sound(people, text).exclude(id__in=matches.values("id"))
    return SearchResult(kind=kind, people=_found(user, matches), similar=_found(user, similar))


def _found(user: Any, matches: QuerySet[Person]) -> list[Person]:
    visible = cases_visible_to(user).select_related("crime").order_by("-opened_at")
    found = matches.prefetch_related(Prefetch("cases", queryset=visible, to_attr="visible_cases"))
    return list(found.order_by("last_name_key", "first_name_key", "id")[:SEARCH_LIMIT])


def _by_crime_reference(user: Any, people: QuerySet[Person], text: str) -> QuerySet[Person]:
    low, high = prefix_range(text.upper().replace(" ", ""))
    # Start from the few crimes with the reference (crime_reference_idx), then their cases.
    wanted = Q(crime_reference__gte=low, crime_reference__lt=high)
    parts = [p for p in re.split(r"[^0-9A-Z]+", text.upper()) if p]
    number = running_number_group(" ".join(parts))
    if number is not None:
        # Part of a reference: the running number (crime_reference_number_idx), and every
        # other part typed ("26" in "00123/26") somewhere in the reference.
        by_number = Q(reference_number=int(number[:18]))
        others = list(parts)
        others.remove(number)
        for part in others:
            by_number &= Q(crime_reference__contains=part)
        wanted |= by_number
    crimes = Crime.objects.filter(wanted).values("id")
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


def _by_sound(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Names that sound like the words typed (person_name_sound_idx, person_first_sound_idx):
    one word, a first or last name; two or more, the first and last words as first and last
    names, either way round, or a first name typed as its beginning ("J Smyth")."""
    tokens = name_key(text).split()
    sounds = [sound_key(t) for t in tokens]
    if not tokens or not all(sounds):
        return people.none()
    if len(tokens) == 1:
        return people.filter(Q(last_name_sound=sounds[0]) | Q(first_name_sound=sounds[0]))
    first, last = sounds[0], sounds[-1]
    forwards = Q(last_name_sound=last) & (Q(first_name_sound=first) | _prefix("first_name_key", tokens[0]))
    backwards = Q(last_name_sound=first) & Q(first_name_sound=last)
    return people.filter(forwards | backwards)


def reference_example(user: Any) -> str:
    """A crime reference in the shape the user's force writes them, for hints: the force's
    latest reference with its digits replaced by a running example and its last group of two
    digits (the year) kept, so that "DU/01000123/26" becomes "DU/12345678/26". It names no
    real crime. The shape used in the tests and the Code's examples when the force has none."""
    organisation = getattr(user, "organisation", None)
    force_id = getattr(organisation, "force_id", None) or getattr(organisation, "pk", None)
    latest = (
        Crime.objects.filter(force_id=force_id)
        .order_by("-id")
        .values_list("crime_reference", flat=True)
        .first()
    )
    if not latest:
        return "DU/12345/26"
    groups = re.split(r"(\d+)", latest)
    digit_groups = [i for i, g in enumerate(groups) if g.isdigit()]
    out = []
    for i, group in enumerate(groups):
        if i in digit_groups and not (i == digit_groups[-1] and len(group) == 2 and len(digit_groups) > 1):
            group = "".join(str((n + 1) % 10) for n in range(len(group)))
        out.append(group)
    return "".join(out)


def _prefix(column: str, prefix: str) -> Q:
    low, high = prefix_range(prefix)
    return Q(**{f"{column}__gte": low, f"{column}__lt": high})
