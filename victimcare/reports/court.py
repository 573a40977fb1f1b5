"""The court journey: how long charged cases wait, and how often their hearings move (docs/adr/0045).

The population is the victims' cases the user's figures count (access.gate.cases_counted_for)
whose suspect was charged in the chosen period (the first 'Suspect charged' event, UK local
day). For each case, from its court events:

- the first hearing: the earliest date any 'Court hearing listed' gave;
- the trial: the date of the latest listing of the kind "Trial" (where it stands now, after
  any moves);
- a change: each hearing adjourned, trial vacated or trial ineffective (a cracked trial ends
  the trial, it does not move it, and is counted apart);
- waiting: no court outcome ('Case outcome received' or 'Sentence received') and not closed,
  measured in whole months from the charge to today;
- the court: the court of the latest listing ("No hearing listed yet" before one).

Two queries whatever the size: the charges, and the court events of the charged cases. The
rows are folded in Python, one pass; bench/bench_court.py compares it with a hand-written SQL
aggregate over the same rows.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from victimcare.access.gate import cases_counted_for
from victimcare.cases.events import CRACKED_REASONS, DELAY_REASONS
from victimcare.cases.models import Event, VictimCase
from victimcare.reports import disclosure, selectors

CHANGES = ("hearing_adjourned", "trial_vacated", "trial_ineffective")
OUTCOMES = ("case_outcome_received", "sentence_received", "case_closed")
COURT_EVENTS = (
    "hearing_listed",
    "witness_required",
    "special_measures_granted",
    "trial_cracked",
    *CHANGES,
    *OUTCOMES,
)
CHARGE = Q(events__type="suspect_charged", events__corrects__isnull=True)  # the case's charge events
NO_COURT = "No hearing listed yet"
WAITS = (6, 12, 24)  # months
DEFAULT_YEARS = 3
MIN_TO_PUBLISH = 10
EVERYONE = "__everyone__"

COLUMNS: tuple[tuple[str, str], ...] = (
    ("charged", "Charged"),
    ("listed", "First hearing listed"),
    ("trial", "Trial listed"),
    ("awaiting", "Waiting for the outcome"),
    ("over_6", "Waiting more than 6 months"),
    ("over_12", "Waiting more than 12 months"),
    ("over_24", "Waiting more than 24 months"),
    ("witnesses", "Waiting and required as a witness"),
    ("changed", "Cases with a hearing moved"),
    ("changed_twice", "Cases with a hearing moved twice or more"),
    ("changes", "Hearings moved (adjourned, vacated or ineffective)"),
    ("adjourned", "Hearings adjourned"),
    ("vacated", "Trials vacated"),
    ("ineffective", "Trials ineffective"),
    ("cracked", "Trials cracked"),
    ("special_measures", "Cases with special measures granted"),
)
COLUMN_KEYS = [k for k, _ in COLUMNS]
DEFINITIONS = (
    ("Charged", "Victims' cases whose suspect was charged in the period ('Suspect charged')."),
    ("First hearing", "The earliest date any 'Court hearing listed' gave; the days from the charge to it."),
    (
        "Trial",
        "The date of the latest listing of the kind 'Trial', after any moves; the days from the charge to it.",
    ),
    (
        "Waiting",
        "No court outcome yet ('Case outcome received' or 'Sentence received') and the case is not closed; "
        "months are whole months from the charge to today.",
    ),
    (
        "Hearing moved",
        "A hearing adjourned, a trial vacated (taken out of the list before the day) or ineffective "
        "(did not go ahead on the day). A cracked trial ended on the day without a trial and is counted apart.",
    ),
    ("Court", "The court of the case's latest listing."),
)


@dataclass(frozen=True)
class CourtFilters:
    start: date
    end: date
    team: int | None = None


def default_range(today: date) -> tuple[date, date]:
    """The last DEFAULT_YEARS years as the hint says: that many times 12 calendar months, this
    one included (as the other figures pages' "last 12 months"), up to today."""
    months = today.year * 12 + today.month - 1 - (12 * DEFAULT_YEARS - 1)
    return date(months // 12, months % 12 + 1, 1), today


@dataclass
class CaseCourt:
    """One charged case's court journey, folded from its events."""

    case_id: int
    charged_on: date
    first_hearing: date | None = None
    trial: date | None = None
    court: str = NO_COURT
    next_date: date | None = None  # the latest date the court gave (a listing or a change's new date)
    witness: bool = False
    special_measures: bool = False
    finished: bool = False
    counts: Counter[str] = field(default_factory=Counter)
    reasons: Counter[tuple[str, str]] = field(default_factory=Counter)

    def months_waiting(self, today: date) -> int:
        months = (today.year - self.charged_on.year) * 12 + today.month - self.charged_on.month
        return months - (1 if today.day < self.charged_on.day else 0)

    @property
    def changes(self) -> int:
        return sum(self.counts[t] for t in CHANGES)


def charged_cases(user: Any, f: CourtFilters) -> QuerySet[VictimCase]:
    """The cases counted: the user's figures' cases, charged in the period."""
    cases = cases_counted_for(user)
    if f.team is not None:
        cases = cases.filter(team_id=f.team)
    return cases.annotate(charged_at=Min("events__occurred_at", filter=CHARGE)).filter(
        charged_at__gte=selectors.local_midnight(f.start),
        charged_at__lt=selectors.local_midnight(f.end + timedelta(days=1)),
    )


def journeys(user: Any, f: CourtFilters) -> list[CaseCourt]:
    """Every counted case's journey: two queries."""
    counted: Any = charged_cases(user, f)  # annotated with charged_at, which the stubs cannot see
    charged = {
        case_id: CaseCourt(case_id, timezone.localdate(at))
        for case_id, at in counted.values_list("id", "charged_at")
    }
    if not charged:
        return []
    rows = (
        Event.objects.filter(
            case__in=charged_cases(user, f).values("id"), type__in=COURT_EVENTS, corrects__isnull=True
        )
        .order_by("occurred_at", "id")
        .values_list("case_id", "type", "occurred_at", "payload")
    )
    for case_id, kind, at, payload in rows.iterator(chunk_size=5000):
        _fold(charged[case_id], kind, at, payload or {})
    return list(charged.values())


def _day(value: Any, at: datetime) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return timezone.localdate(at)


def _fold(case: CaseCourt, kind: str, at: datetime, payload: dict[str, Any]) -> None:
    case.counts[kind] += 1
    if kind == "hearing_listed":
        day = _day(payload.get("hearing_date"), at)
        case.first_hearing = day if case.first_hearing is None else min(case.first_hearing, day)
        if payload.get("hearing_kind") == "trial":
            case.trial = day
        if payload.get("court"):
            case.court = str(payload["court"]).strip()
        case.next_date = day
    elif kind in CHANGES or kind == "trial_cracked":
        case.reasons[(kind, str(payload.get("reason", "other")))] += 1
        case.next_date = _day(payload["new_hearing_date"], at) if payload.get("new_hearing_date") else None
    elif kind == "witness_required":
        case.witness = True
    elif kind == "special_measures_granted":
        case.special_measures = True
    elif kind in OUTCOMES:
        case.finished = True


# --- the figures --------------------------------------------------------------------------------


@dataclass
class CourtRow:
    key: str
    label: str
    counts: dict[str, int]
    to_first_hearing: list[int] = field(default_factory=list)  # days, one per case
    to_trial: list[int] = field(default_factory=list)


def _counts(case: CaseCourt, today: date) -> dict[str, int]:
    waiting = not case.finished
    months = case.months_waiting(today)
    return {
        "charged": 1,
        "listed": int(case.first_hearing is not None),
        "trial": int(case.trial is not None),
        "awaiting": int(waiting),
        **{f"over_{m}": int(waiting and months >= m) for m in WAITS},
        "witnesses": int(waiting and case.witness),
        "changed": int(case.changes >= 1),
        "changed_twice": int(case.changes >= 2),
        "changes": case.changes,
        "adjourned": case.counts["hearing_adjourned"],
        "vacated": case.counts["trial_vacated"],
        "ineffective": case.counts["trial_ineffective"],
        "cracked": case.counts["trial_cracked"],
        "special_measures": int(case.special_measures),
    }


def rows(cases: Iterable[CaseCourt], today: date) -> tuple[CourtRow, list[CourtRow]]:
    """Everyone, and one row per court (busiest first)."""
    everyone = CourtRow(EVERYONE, "Everyone", dict.fromkeys(COLUMN_KEYS, 0))
    by_court: dict[str, CourtRow] = {}
    for case in cases:
        row = by_court.setdefault(case.court, CourtRow(case.court, case.court, dict.fromkeys(COLUMN_KEYS, 0)))
        for target in (everyone, row):
            for key, n in _counts(case, today).items():
                target.counts[key] += n
            if case.first_hearing is not None:
                target.to_first_hearing.append(max(0, (case.first_hearing - case.charged_on).days))
            if case.trial is not None:
                target.to_trial.append(max(0, (case.trial - case.charged_on).days))
    courts = sorted(by_court.values(), key=lambda r: (r.key == NO_COURT, -r.counts["charged"], r.label))
    return everyone, courts


def reasons(cases: Iterable[CaseCourt]) -> dict[str, list[tuple[str, str, int]]]:
    """Why hearings moved and why trials cracked: (reason code, words, count) per kind."""
    found: Counter[tuple[str, str]] = Counter()
    for case in cases:
        found.update(case.reasons)
    out: dict[str, list[tuple[str, str, int]]] = {}
    for kind, choices in (
        ("hearing_adjourned", DELAY_REASONS),
        ("trial_vacated", DELAY_REASONS),
        ("trial_ineffective", DELAY_REASONS),
        ("trial_cracked", CRACKED_REASONS),
    ):
        out[kind] = [(code, words, found[(kind, code)]) for code, words in choices]
    return out


REASON_TITLES = {
    "hearing_adjourned": "Why hearings were adjourned",
    "trial_vacated": "Why trials were vacated",
    "trial_ineffective": "Why trials were ineffective",
    "trial_cracked": "Why trials cracked",
}
REASON_TOTALS = {
    "hearing_adjourned": "adjourned",
    "trial_vacated": "vacated",
    "trial_ineffective": "ineffective",
    "trial_cracked": "cracked",
}


def protection(
    everyone: CourtRow,
    courts: Sequence[CourtRow],
    why: dict[str, list[tuple[str, str, int]]],
    *,
    suppress: bool,
) -> disclosure.Protection:
    """Every count on the page: the courts add up to everyone, column by column, and each
    table of reasons adds up to its total in everyone's row."""
    values: dict[Any, int] = {(r.key, c): r.counts[c] for r in [everyone, *courts] for c in COLUMN_KEYS}
    for kind, lines in why.items():
        values.update({(kind, code): n for code, _, n in lines})
    if not suppress:
        return disclosure.no_suppression(values)
    sums = [disclosure.Sum(tuple((r.key, c) for r in courts), total=(EVERYONE, c)) for c in COLUMN_KEYS]
    sums += [
        disclosure.Sum(tuple((kind, code) for code, _, _ in lines), total=(EVERYONE, REASON_TOTALS[kind]))
        for kind, lines in why.items()
    ]
    return disclosure.protect(values, sums)


def median_days(days: Sequence[int], shown: disclosure.Protection, cell: Any) -> int | str:
    """The median, or why not: none yet, or too few (or a hidden count) to publish."""
    if not days:
        return "None yet"
    if len(days) < disclosure.SMALL or shown.hidden(cell):
        return "Not shown (fewer than 5)"
    return round(statistics.median(days))


@dataclass(frozen=True)
class Waiting:
    """One case on the longest-waiting list (supervisors only)."""

    case_id: int
    reference: str
    court: str
    charged_on: date
    months: int
    next_date: date | None
    changes: int
    witness: bool


def longest_waiting(cases: Iterable[CaseCourt], today: date, limit: int = 25) -> list[Waiting]:
    waiting = sorted((c for c in cases if not c.finished), key=lambda c: (c.charged_on, c.case_id))[:limit]
    references = dict(
        VictimCase.objects.filter(id__in=[c.case_id for c in waiting]).values_list(
            "id", "crime__crime_reference"
        )
    )
    return [
        Waiting(
            c.case_id,
            references.get(c.case_id, ""),
            c.court,
            c.charged_on,
            c.months_waiting(today),
            c.next_date,
            c.changes,
            c.witness,
        )
        for c in waiting
    ]
